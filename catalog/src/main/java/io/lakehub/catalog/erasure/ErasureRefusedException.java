package io.lakehub.catalog.erasure;

import io.lakehub.catalog.LakehubException;

/** An erasure request that cannot be carried out as asked (the message says why; it never quotes a value). */
public class ErasureRefusedException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public ErasureRefusedException(String message) {
        super(message);
    }

    public ErasureRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
