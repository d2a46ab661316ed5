package io.lakehub.catalog.commit;

import java.util.Objects;

/**
 * A dataset has a new snapshot, or was dropped: what the {@link ChangeFeed} tells its listeners
 * after the transaction committed.
 *
 * @param dataset the dataset's name
 * @param snapshotId the new current snapshot; 0 for {@link #DROP}
 * @param operation the snapshot's operation ({@code APPEND}, {@code REPLACE}, {@code MERGE}), or
 *     {@link #DROP}
 */
public record DatasetChange(String dataset, long snapshotId, String operation) {
    /** The operation of a change that dropped the dataset. */
    public static final String DROP = "DROP";

    public DatasetChange {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(operation, "operation");
    }
}
