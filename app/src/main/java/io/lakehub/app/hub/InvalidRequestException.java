package io.lakehub.app.hub;

import io.lakehub.catalog.LakehubException;

/** A request the hub cannot act on as given (a bad parameter or body); nothing was done (HTTP 400). */
public class InvalidRequestException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
