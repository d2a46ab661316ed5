package io.lakehub.catalog.views;

import io.lakehub.catalog.LakehubException;

/** A view of that name already exists. */
public class DuplicateViewException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public DuplicateViewException(String message, Throwable cause) {
        super(message, cause);
    }
}
