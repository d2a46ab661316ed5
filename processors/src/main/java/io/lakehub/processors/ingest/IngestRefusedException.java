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
}
