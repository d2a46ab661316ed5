package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** One committed version of a dataset. */
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
        Map<String, String> properties) {}
