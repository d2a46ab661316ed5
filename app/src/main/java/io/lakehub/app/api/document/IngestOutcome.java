package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What an ingest did.
 *
 * @param outcome {@code committed}, {@code duplicate} when the same bytes were ingested into the
 *     dataset before (then {@code snapshot_id} is that earlier snapshot and nothing was written), or
 *     {@code empty} when nothing was committed (e.g. a file of 0 bytes: {@code note} says why)
 * @param rows rows written; bad rows are counted in {@code bad_rows}
 * @param files Parquet files written, relative to the lake
 * @param badRows rows the reader could not read, skipped or kept in {@code rejects_dataset}
 * @param rejectsDataset the dataset holding the bad rows ({@code <dataset>__rejects}), or null when
 *     none was rejected
 * @param note what to know about a run without rows, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestOutcome(
        String outcome,
        String dataset,
        long snapshotId,
        long rows,
        List<String> files,
        List<String> schemaChanges,
        String contentHash,
        long badRows,
        String rejectsDataset,
        String note) {

    /** Without bad rows or a note. */
    public IngestOutcome(
            String outcome,
            String dataset,
            long snapshotId,
            long rows,
            List<String> files,
            List<String> schemaChanges,
            String contentHash) {
        this(outcome, dataset, snapshotId, rows, files, schemaChanges, contentHash, 0, null, null);
    }

    @JsonIgnore
    public boolean duplicate() {
        return "duplicate".equals(outcome);
    }
}
