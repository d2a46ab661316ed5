package io.lakehub.app.security;

import io.lakehub.catalog.LakehubException;

/** No user view of that name (HTTP 404). */
public class UnknownViewException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownViewException(String name) {
        super("No view named " + name + "; GET /api/views lists the views.");
    }
}
