package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /api/datasets/{name}}: the summary fields, the current columns, and the history
 * (schema versions oldest first; snapshots and lineage newest first). {@code key}: the key columns
 * of an upsert dataset, empty for an append-only one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetDetail(
        String name,
        int schemaVersion,
        Long currentSnapshot,
        long rowCount,
        long fileCount,
        long sizeBytes,
        String createdAt,
        String updatedAt,
        List<DatasetColumn> columns,
        List<SchemaVersionDocument> schemaVersions,
        List<SnapshotDocument> snapshots,
        List<LineageDocument> lineage,
        List<String> key) {}
