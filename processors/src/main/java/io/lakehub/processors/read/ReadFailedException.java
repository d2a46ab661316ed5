package io.lakehub.processors.read;

import io.lakehub.catalog.LakehubException;

/**
 * The source cannot be read as the given format: empty, ragged, broken JSON, undecodable bytes, a
 * value that does not fit its column. The message names the file, line (1-based, counting the
 * header) and column where known, never the offending value itself (it may be personal data).
 * Nothing from this source was committed.
 */
public class ReadFailedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String column;

    public ReadFailedException(String message, long line, String column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    public ReadFailedException(String message, long line, String column) {
        this(message, line, column, null);
    }

    /** 1-based line or record number, or 0 when not tied to one. */
    public long line() {
        return line;
    }

    /** Column name, or {@code null}. */
    public String column() {
        return column;
    }
}
