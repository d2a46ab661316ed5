package io.lakehub.routes.webhook;

import io.lakehub.catalog.LakehubException;

/** A webhook body of a Content-Type the hub does not read. Nothing of the request was written. */
public class UnsupportedPayloadException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnsupportedPayloadException(String message) {
        super(message);
    }
}
