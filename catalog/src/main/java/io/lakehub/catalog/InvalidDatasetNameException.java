package io.lakehub.catalog;

/** A dataset name that is not {@code [a-z][a-z0-9_]{0,62}}. Nothing was written. */
public class InvalidDatasetNameException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public InvalidDatasetNameException(String message) {
        super(message);
    }
}
