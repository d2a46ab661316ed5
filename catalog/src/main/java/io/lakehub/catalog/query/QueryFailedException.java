package io.lakehub.catalog.query;

import io.lakehub.catalog.LakehubException;

/** DuckDB rejected or failed the query; the message is DuckDB's own. Read-only: nothing changed. */
public class QueryFailedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public QueryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
