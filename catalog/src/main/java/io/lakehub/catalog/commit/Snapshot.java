package io.lakehub.catalog.commit;

import java.time.Instant;
import java.util.Map;

/**
 * A committed version of a dataset. Snapshot ids grow across the whole catalog; a dataset's
 * history is the chain of its snapshots through {@code parentId}.
 */
public record Snapshot(
        long id,
        String dataset,
        Long parentId,
        String operation,
        int schemaVersion,
        long addedRows,
        long totalRows,
        int addedFiles,
        Instant committedAt,
        String actor,
        Map<String, String> properties) {}
