package io.lakehub.app.api;

import io.lakehub.app.vector.UnknownIndexException;
import org.springframework.beans.factory.ObjectProvider;

/** The vector controllers' one check that vector indexes are switched on ({@code lakehub.vector.enabled}). */
final class VectorFeature {
    private VectorFeature() {}

    /**
     * The vector service the controller needs.
     *
     * @param off the 404's message when vector indexes are off, naming what needs them
     * @throws UnknownIndexException (404) when vector indexes are off on this hub
     */
    static <T> T required(ObjectProvider<T> service, String off) {
        T hub = service.getIfAvailable();
        if (hub == null) {
            throw new UnknownIndexException(off + " (lakehub.vector.enabled=false).");
        }
        return hub;
    }
}
