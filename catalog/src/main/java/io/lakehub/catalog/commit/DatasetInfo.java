package io.lakehub.catalog.commit;

import io.lakehub.catalog.schema.LakeSchema;
import java.time.Instant;

/** A dataset's current state, as listed by {@code datasets} and {@code GET /api/datasets}. */
public record DatasetInfo(
        String name,
        LakeSchema schema,
        int schemaVersion,
        Long currentSnapshotId,
        long rowCount,
        long fileCount,
        long sizeBytes,
        Instant createdAt,
        Instant updatedAt) {}
