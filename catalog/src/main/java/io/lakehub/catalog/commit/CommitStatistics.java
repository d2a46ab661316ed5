package io.lakehub.catalog.commit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one successful commit wrote and how long the catalog took for it: what a {@link
 * CommitObserver} hears, for the hub's metrics.
 *
 * @param dataset the dataset's name
 * @param snapshotId the snapshot the commit created
 * @param operation the snapshot's operation ({@code APPEND}, {@code REPLACE}, {@code MERGE})
 * @param addedRows rows in the data files the commit added
 * @param addedBytes bytes of the data files and delete markers the commit added
 * @param duration how long {@link io.lakehub.catalog.Catalog#commit} took, transaction and retries
 *     included
 */
public record CommitStatistics(
        String dataset, long snapshotId, String operation, long addedRows, long addedBytes, Duration duration) {

    public CommitStatistics {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(duration, "duration");
    }

    /** The statistics of a commit of {@code request} that created {@code snapshot} in {@code duration}. */
    public static CommitStatistics of(CommitRequest request, Snapshot snapshot, Duration duration) {
        return new CommitStatistics(
                snapshot.dataset(),
                snapshot.id(),
                snapshot.operation(),
                snapshot.addedRows(),
                bytes(request.added()) + bytes(request.deleteMarkers()),
                duration);
    }

    private static long bytes(List<NewDataFile> files) {
        return files.stream().mapToLong(NewDataFile::sizeBytes).sum();
    }
}
