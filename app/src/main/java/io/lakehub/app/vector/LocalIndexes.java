package io.lakehub.app.vector;

import java.util.function.Supplier;

/** The vector indexes of a CLI command on a free home: made on first use, closed with the command. */
public final class LocalIndexes implements Supplier<HubIndexes>, AutoCloseable {
    private final Supplier<HubIndexes> factory;
    private HubIndexes indexes;

    public LocalIndexes(Supplier<HubIndexes> factory) {
        this.factory = factory;
    }

    @Override
    public synchronized HubIndexes get() {
        if (indexes == null) {
            indexes = factory.get();
        }
        return indexes;
    }

    @Override
    public synchronized void close() {
        if (indexes != null) {
            indexes.close();
            indexes = null;
        }
    }
}
