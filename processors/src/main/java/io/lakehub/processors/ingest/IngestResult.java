package io.lakehub.processors.ingest;

import java.util.List;

/**
 * What an ingest did.
 *
 * @param snapshotId the new snapshot, or for a duplicate the snapshot that already holds this content
 * @param files relative paths of the Parquet files written (empty for a duplicate)
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
        DUPLICATE
    }
}
