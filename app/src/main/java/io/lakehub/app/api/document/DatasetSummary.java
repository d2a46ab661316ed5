package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code GET /api/datasets}.
 *
 * @param currentSnapshot the snapshot queries read, or null before the first commit
 * @param createdAt ISO-8601
 * @param updatedAt ISO-8601, time of the last commit
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetSummary(
        String name,
        int schemaVersion,
        Long currentSnapshot,
        long rowCount,
        long fileCount,
        long sizeBytes,
        String createdAt,
        String updatedAt) {}
