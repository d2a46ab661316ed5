package io.lakehub.catalog.commit;

import java.util.List;

/**
 * A file recorded in the catalog, live from {@code addedSnapshotId} until removed: a data file or,
 * in an upsert dataset, a delete-marker file ({@link Content#DELETES}, see ADR 0009).
 */
public record DataFile(
        long id,
        String dataset,
        String relativePath,
        long rowCount,
        long sizeBytes,
        long addedSnapshotId,
        Long removedSnapshotId,
        List<ColumnStats> stats,
        Content content) {

    public DataFile {
        content = content == null ? Content.DATA : content;
    }

    /** A data file ({@link Content#DATA}). */
    public DataFile(
            long id,
            String dataset,
            String relativePath,
            long rowCount,
            long sizeBytes,
            long addedSnapshotId,
            Long removedSnapshotId,
            List<ColumnStats> stats) {
        this(id, dataset, relativePath, rowCount, sizeBytes, addedSnapshotId, removedSnapshotId, stats, Content.DATA);
    }

    public boolean isDeleteMarkers() {
        return content == Content.DELETES;
    }

    /** What a file holds; stored in {@code data_file.content}. */
    public enum Content {
        /** Rows of the dataset. */
        DATA,
        /** Delete markers: key columns and {@code _lakehub_row}. */
        DELETES
    }
}
