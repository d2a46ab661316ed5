package io.lakehub.schedules;

import io.lakehub.catalog.LakehubException;

/** A run, pause or resume named a pipeline the scheduler does not know. Nothing was run or changed. */
public class UnknownPipelineException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownPipelineException(String message) {
        super(message);
    }
}
