package io.lakehub.catalog.commit;

import io.lakehub.catalog.schema.LakeSchema;
import java.time.Instant;
import java.util.List;

/**
 * A dataset's current state, as listed by {@code datasets} and {@code GET /api/datasets}.
 *
 * @param rowCount rows a query sees
 * @param key the key columns of an upsert dataset (recorded by its first upsert); empty for an
 *     append-only dataset
 */
public record DatasetInfo(
        String name,
        LakeSchema schema,
        int schemaVersion,
        Long currentSnapshotId,
        long rowCount,
        long fileCount,
        long sizeBytes,
        Instant createdAt,
        Instant updatedAt,
        List<String> key) {

    public DatasetInfo {
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** An append-only dataset (no key). */
    public DatasetInfo(
            String name,
            LakeSchema schema,
            int schemaVersion,
            Long currentSnapshotId,
            long rowCount,
            long fileCount,
            long sizeBytes,
            Instant createdAt,
            Instant updatedAt) {
        this(
                name,
                schema,
                schemaVersion,
                currentSnapshotId,
                rowCount,
                fileCount,
                sizeBytes,
                createdAt,
                updatedAt,
                null);
    }

    public boolean isUpsert() {
        return !key.isEmpty();
    }
}
