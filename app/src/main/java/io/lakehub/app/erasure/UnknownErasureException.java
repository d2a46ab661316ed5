package io.lakehub.app.erasure;

import io.lakehub.app.hub.UnknownDatasetException;

/** No erasure of this id on this dataset: answered 404 like an unknown dataset. */
public class UnknownErasureException extends UnknownDatasetException {
    private static final long serialVersionUID = 1L;

    public UnknownErasureException(String dataset, long id) {
        super(dataset, "Dataset '" + dataset + "' has no erasure " + id + ".");
    }
}
