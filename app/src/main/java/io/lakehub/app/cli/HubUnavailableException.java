package io.lakehub.app.cli;

import io.lakehub.catalog.LakehubException;

/**
 * The command could not reach the hub's data: the home is held by a process that does not answer,
 * or the catalog is unavailable. Nothing was done; trying again later may work (exit code 3).
 */
public class HubUnavailableException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public HubUnavailableException(String message) {
        super(message);
    }

    public HubUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
