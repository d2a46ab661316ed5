package io.lakehub.processors.ingest;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param snapshotId the new snapshot, for a duplicate the snapshot that already holds this content, for
 *     {@link Outcome#EMPTY} the dataset's current snapshot ({@code 0} when it has none)
 * @param rows rows written (good rows; bad rows are not counted here)
 * @param files relative paths of the Parquet files written (empty for a duplicate)
 * @param contentHash the source's content hash ({@code null} for a source without one, e.g. a poller)
 * @param schemaChanges lines describing schema evolution (empty if none)
 * @param badRows rows the reader could not read and that were skipped or rejected ({@code
 *     on_bad_rows} skip or rejects); 0 when none
 * @param rejectsDataset the dataset that received the bad rows ({@code <dataset>__rejects}), or
 *     {@code null} when no row was rejected
 * @param note what a user should know about an outcome without rows (e.g. an empty file created no
 *     dataset) or about how the file was read (read as one column, header names cleaned), or {@code null}
 */
public record IngestResult(
        Outcome outcome,
        String dataset,
        long snapshotId,
        long rows,
        List<String> files,
        String contentHash,
        List<String> schemaChanges,
        long badRows,
        String rejectsDataset,
        String note) {

    /** Without bad rows or a note. */
    public IngestResult(
            Outcome outcome,
            String dataset,
            long snapshotId,
            long rows,
            List<String> files,
            String contentHash,
            List<String> schemaChanges) {
        this(outcome, dataset, snapshotId, rows, files, contentHash, schemaChanges, 0, null, null);
    }

    public enum Outcome {
        /**
         * A new snapshot holds the source's rows; for a file without rows (a header-only CSV, an
         * empty JSON array, a Parquet file without rows) a snapshot of zero rows, which creates the
         * dataset with the file's columns when it is new.
         */
        COMMITTED,
        /** The same bytes were committed to this dataset before; nothing new was written. */
        DUPLICATE,
        /**
         * Nothing was committed and the source's committed position is unchanged: a source with
         * nothing new, steps that dropped every row, or a file with no columns at all (0 bytes,
         * which creates no dataset; {@link #note()} says so).
         */
        EMPTY
    }
}
