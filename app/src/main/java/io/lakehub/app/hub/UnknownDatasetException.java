package io.lakehub.app.hub;

import io.lakehub.catalog.LakehubException;

/** A well-formed dataset name that the catalog does not know (HTTP 404). */
public class UnknownDatasetException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public UnknownDatasetException(String dataset) {
        super("Dataset '" + dataset + "' does not exist.");
    }

    /** Something of the dataset that does not exist (an erasure id), with its own message. */
    protected UnknownDatasetException(String dataset, String message) {
        super(message);
    }
}
