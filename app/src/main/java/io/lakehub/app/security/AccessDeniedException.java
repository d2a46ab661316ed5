package io.lakehub.app.security;

import io.lakehub.catalog.LakehubException;

/** The caller's role may not do this (HTTP 403); the message names the column, dataset or function. */
public class AccessDeniedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final transient QueryAccess.Checked attempted;

    public AccessDeniedException(String message) {
        this(message, null);
    }

    /** @param attempted the datasets and PII columns the refused query would have read, for the audit */
    public AccessDeniedException(String message, QueryAccess.Checked attempted) {
        super(message);
        this.attempted = attempted;
    }

    /** What the refused query would have read; null when it was refused before that was known. */
    public QueryAccess.Checked attempted() {
        return attempted;
    }
}
