package io.lakehub.catalog.commit;

import io.lakehub.catalog.LakehubException;

/**
 * The catalog database could not be reached or refused the transaction. Nothing was committed: the
 * source data is untouched and can be delivered again.
 */
public class CatalogUnavailableException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
