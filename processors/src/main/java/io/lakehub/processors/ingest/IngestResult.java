package io.lakehub.processors.ingest;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param snapshotId the new snapshot, for a duplicate the snapshot that already holds this content, for
 *     {@link Outcome#EMPTY} the dataset's current snapshot ({@code 0} when it has none)
 * @param files relative paths of the Parquet files written (empty for a duplicate)
 * @param contentHash the source's content hash ({@code null} for a source without one, e.g. a poller)
 * @param schemaChanges lines describing schema evolution (empty if none)
 */
public record IngestResult(
        Outcome outcome,
        String dataset,
        long snapshotId,
        long rows,
        List<String> files,
        String contentHash,
        List<String> schemaChanges) {

    public enum Outcome {
        COMMITTED,
        /** The same bytes were committed to this dataset before; nothing new was written. */
        DUPLICATE,
        /**
         * No row reached the sink (a source with nothing new, or steps that dropped every row):
         * nothing was committed and the source's committed position is unchanged. A file without
         * any rows is refused instead.
         */
        EMPTY
    }
}
