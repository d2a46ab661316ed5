package io.lakehub.routes.jdbc;

import io.lakehub.catalog.DatasetName;
import java.util.Optional;

/** Where a poller finds its committed position: the hub passes {@code Catalog::sourcePosition}. */
@FunctionalInterface
public interface SourcePositions {

    /** The value of {@code key} in the latest snapshot of {@code dataset} that carries it. */
    Optional<String> position(DatasetName dataset, String key);
}
