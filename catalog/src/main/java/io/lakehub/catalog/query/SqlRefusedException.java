package io.lakehub.catalog.query;

import io.lakehub.catalog.LakehubException;

/**
 * SQL that the hub will not run: anything but a single read-only query, or one that reaches
 * outside the lake (files, extensions, attached databases). Nothing was executed.
 */
public class SqlRefusedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public SqlRefusedException(String message) {
        super(message);
    }

    /** For a refusal that DuckDB itself raised, e.g. its permission check on a file path. */
    public SqlRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
