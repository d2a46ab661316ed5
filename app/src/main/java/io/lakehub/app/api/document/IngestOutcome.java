package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What an ingest did.
 *
 * @param outcome {@code committed}, or {@code duplicate} when the same bytes were ingested into the
 *     dataset before (then {@code snapshot_id} is that earlier snapshot and nothing was written)
 * @param files Parquet files written, relative to the lake
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestOutcome(
        String outcome,
        String dataset,
        long snapshotId,
        long rows,
        List<String> files,
        List<String> schemaChanges,
        String contentHash) {

    @JsonIgnore
    public boolean duplicate() {
        return "duplicate".equals(outcome);
    }
}
