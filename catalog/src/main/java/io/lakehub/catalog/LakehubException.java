package io.lakehub.catalog;

/**
 * Root of the hub's checked-at-the-edge failures. Each message is written for the user: it names
 * the file, line, column or key at fault and says what happened to their data.
 */
public class LakehubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LakehubException(String message) {
        super(message);
    }

    public LakehubException(String message, Throwable cause) {
        super(message, cause);
    }
}
