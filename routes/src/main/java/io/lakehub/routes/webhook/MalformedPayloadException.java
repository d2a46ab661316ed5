package io.lakehub.routes.webhook;

import io.lakehub.catalog.LakehubException;

/**
 * A webhook body that cannot be read as its Content-Type says: the message names the line and, where
 * known, the column and byte offset. Nothing of the request was written.
 */
public class MalformedPayloadException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
