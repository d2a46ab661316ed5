package io.lakehub.routes.inbox;

import io.lakehub.catalog.LakehubException;

/**
 * The file was committed, but it could not be moved to {@code .processed/}. It stays in the inbox;
 * the next scan finds the same content already committed (a recorded duplicate) and moves it then.
 */
public class InboxMoveFailedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public InboxMoveFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
