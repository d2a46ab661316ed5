package io.lakehub.catalog.commit;

import java.time.Instant;

/** Lineage as recorded: one per commit. */
public record LineageRecord(
        long snapshotId,
        String dataset,
        String sourceSystem,
        String sourceUri,
        String pipeline,
        Instant time,
        long rowCount,
        String contentHash) {}
