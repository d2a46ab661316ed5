package io.lakehub.catalog.store;

import io.lakehub.catalog.LakehubException;

/**
 * The lake a hub was pointed at does not belong to its catalog (ADR 0035): its marker names another
 * catalog, or, without a marker, it lacks files the catalog lists. The catalog was not opened;
 * nothing was read or written.
 */
public class LakeMismatchException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public LakeMismatchException(String message) {
        super(message);
    }

    public LakeMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
