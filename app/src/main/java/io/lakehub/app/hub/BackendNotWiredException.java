package io.lakehub.app.hub;

import io.lakehub.catalog.LakehubException;

/**
 * TEMPORARY: thrown by {@link DefaultHubBackends} while an implementation it needs is not part of
 * the build yet. Goes away with the stand-ins.
 */
public class BackendNotWiredException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public BackendNotWiredException(String implementation) {
        super(implementation + " is not part of this build yet (it is developed on another branch); this Lakehub"
                + " build cannot open a catalog.");
    }
}
