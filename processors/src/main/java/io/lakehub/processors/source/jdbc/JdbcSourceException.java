package io.lakehub.processors.source.jdbc;

import io.lakehub.catalog.LakehubException;

/**
 * The database could not be read: it refused the connection (wrong password, unknown host, ...),
 * or a query failed. The message carries the driver's message (never the password) and says that
 * nothing was written and the committed position is unchanged, so the next run (or a retry per
 * {@code onError}) reads the same rows again.
 */
public class JdbcSourceException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public JdbcSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
