package io.lakehub.app.cli;

import io.lakehub.catalog.LakehubException;

/** A running hub refused a request; the message is the hub's {@code error} text. */
public class HubRequestException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HubRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the hub answered with. */
    public int status() {
        return status;
    }
}
