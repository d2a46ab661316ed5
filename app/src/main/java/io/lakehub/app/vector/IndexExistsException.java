package io.lakehub.app.vector;

import io.lakehub.catalog.LakehubException;

/** A vector index of that name exists already: 409. */
public class IndexExistsException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public IndexExistsException(String message) {
        super(message);
    }
}
