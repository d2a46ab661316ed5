package io.lakehub.processors.source.jdbc;

import io.lakehub.catalog.LakehubException;

/**
 * The poller's configuration does not fit the database: a cursor, key or soft-delete column that
 * does not exist, a table without a primary key where one is needed, a query that is not a SELECT,
 * a column type the lake cannot hold, a cursor column holding NULLs. The message names the key
 * ({@code jdbc.cursor}, {@code key}, ...) and the column; {@link #key()} is the key alone. Nothing
 * was read or written; retrying does not help until the configuration or the table is changed.
 */
public class JdbcSourceRefusedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String reason;

    /**
     * @param key the configuration key at fault, e.g. {@code jdbc.cursor}
     * @param message the reason, naming the column or table
     */
    public JdbcSourceRefusedException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
        this.reason = message;
    }

    /** The message without the key. */
    public String reason() {
        return reason;
    }

    /** The configuration key at fault, e.g. {@code jdbc.cursor}. */
    public String key() {
        return key;
    }
}
