package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One committed version of a dataset. {@code inserted_rows}, {@code updated_rows}, {@code
 * deleted_rows}: what it did to the rows a query sees (an append inserts all its rows; an upsert
 * counts new keys, keys with a new version and keys it hid; a compaction none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SnapshotDocument(
        long id,
        Long parentId,
        String operation,
        int schemaVersion,
        long addedRows,
        long totalRows,
        int addedFiles,
        String committedAt,
        String actor,
        Map<String, String> properties,
        long insertedRows,
        long updatedRows,
        long deletedRows) {}
