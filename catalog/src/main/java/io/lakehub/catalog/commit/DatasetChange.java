package io.lakehub.catalog.commit;

import java.util.Objects;

/**
 * A dataset has a new snapshot: what the {@link ChangeFeed} tells its listeners after the commit's
 * transaction committed.
 *
 * @param dataset the dataset's name
 * @param snapshotId the new current snapshot
 * @param operation the snapshot's operation ({@code APPEND}, {@code REPLACE}, {@code MERGE})
 */
public record DatasetChange(String dataset, long snapshotId, String operation) {
    public DatasetChange {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(operation, "operation");
    }
}
