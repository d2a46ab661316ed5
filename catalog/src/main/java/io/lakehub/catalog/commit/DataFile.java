package io.lakehub.catalog.commit;

import java.util.List;

/** A data file recorded in the catalog, live from {@code addedSnapshotId} until removed. */
public record DataFile(
        long id,
        String dataset,
        String relativePath,
        long rowCount,
        long sizeBytes,
        long addedSnapshotId,
        Long removedSnapshotId,
        List<ColumnStats> stats) {}
