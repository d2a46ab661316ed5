package io.lakehub.catalog.commit;

import java.time.Instant;
import java.util.Map;

/**
 * A committed version of a dataset. Snapshot ids grow across the whole catalog; a dataset's
 * history is the chain of its snapshots through {@code parentId}.
 *
 * @param addedRows rows in the data files this snapshot added
 * @param totalRows rows a query of this snapshot sees (for an upsert dataset: one per visible key)
 * @param insertedRows rows with a key no query saw before (an append: all its rows)
 * @param updatedRows visible keys that got a new version
 * @param deletedRows visible keys this snapshot hid
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
        Map<String, String> properties,
        long insertedRows,
        long updatedRows,
        long deletedRows) {

    /** A snapshot whose added rows were all inserted (an append). */
    public Snapshot(
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
            Map<String, String> properties) {
        this(
                id,
                dataset,
                parentId,
                operation,
                schemaVersion,
                addedRows,
                totalRows,
                addedFiles,
                committedAt,
                actor,
                properties,
                addedRows,
                0,
                0);
    }
}
