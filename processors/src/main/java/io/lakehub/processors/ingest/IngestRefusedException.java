package io.lakehub.processors.ingest;

import io.lakehub.catalog.LakehubException;

/**
 * The source was refused; the message is the one-line reason shown to the user (and written to
 * {@code <file>.error.txt} by the inbox). Nothing was committed and no file was left in the lake.
 * The refusal itself is recorded in the audit journal.
 */
public class IngestRefusedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public IngestRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} or one of its causes is a refusal: the input itself cannot be taken, so
     * delivering it again would only refuse it again (a broker's message is then rejected for good,
     * not returned to its queue).
     */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IngestRefusedException) {
                return true;
            }
        }
        return false;
    }
}
