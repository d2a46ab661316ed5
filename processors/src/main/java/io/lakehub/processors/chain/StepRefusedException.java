package io.lakehub.processors.chain;

import io.lakehub.catalog.LakehubException;

/**
 * A {@link Step} cannot process the source (a column it needs is missing, a value it cannot handle).
 * The ingest refuses the source, as for an unreadable file: every file written for it is deleted,
 * {@code ingest.refused} is audited, and the message (which should name the column, never a value)
 * reaches the user prefixed with the source and the step's name.
 */
public class StepRefusedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public StepRefusedException(String message) {
        super(message);
    }

    public StepRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
