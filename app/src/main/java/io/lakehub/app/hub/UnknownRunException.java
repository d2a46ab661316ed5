package io.lakehub.app.hub;

import io.lakehub.catalog.LakehubException;

/** A pipeline run id that the run history does not hold (HTTP 404). */
public class UnknownRunException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownRunException(long runId) {
        super("There is no run " + runId + ".");
    }
}
