package io.lakehub.app.vector;

import io.lakehub.catalog.LakehubException;

/** No vector index (or vector job) of that name: 404. */
public class UnknownIndexException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownIndexException(String message) {
        super(message);
    }
}
