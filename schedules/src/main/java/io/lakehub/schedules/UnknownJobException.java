package io.lakehub.schedules;

import io.lakehub.catalog.LakehubException;

/** A run or lookup named a job the scheduler does not know. Nothing was run or changed. */
public class UnknownJobException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownJobException(String message) {
        super(message);
    }
}
