package io.lakehub.catalog.commit;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;
import java.util.Map;

/**
 * One atomic change to one dataset. The catalog records the files, the new snapshot, the schema
 * version (when {@code schema} differs from the current one), the lineage record and the audit
 * event in one database transaction.
 *
 * @param schema the dataset schema after this commit (already merged by
 *     {@link io.lakehub.catalog.schema.SchemaEvolution#merge})
 * @param schemaChanges the lines from that merge, recorded in the audit event; empty if none
 * @param added files to add; for {@link Operation#APPEND} at least one
 * @param removedFileIds live files this commit removes (compaction, erasure later); empty for appends
 * @param properties extra facts to store with the snapshot (later: Kafka offsets, JDBC cursors),
 *     committed atomically with the data
 * @param actor who made the change: {@code cli}, {@code inbox}, {@code http:<user>}, ...
 */
public record CommitRequest(
        DatasetName dataset,
        Operation operation,
        LakeSchema schema,
        List<String> schemaChanges,
        List<NewDataFile> added,
        List<Long> removedFileIds,
        Lineage lineage,
        Map<String, String> properties,
        String actor) {

    public CommitRequest {
        schemaChanges = List.copyOf(schemaChanges);
        added = List.copyOf(added);
        removedFileIds = List.copyOf(removedFileIds);
        properties = Map.copyOf(properties);
    }

    public static CommitRequest append(
            DatasetName dataset,
            LakeSchema schema,
            List<String> schemaChanges,
            List<NewDataFile> added,
            Lineage lineage,
            String actor) {
        return new CommitRequest(
                dataset, Operation.APPEND, schema, schemaChanges, added, List.of(), lineage, Map.of(), actor);
    }

    /** Kinds of snapshot. Only APPEND is produced today; the others are reserved for the roadmap. */
    public enum Operation {
        APPEND,
        /** Compaction: replaces files with equivalent ones. */
        REPLACE,
        /** Upsert / erasure: adds files and delete markers. */
        MERGE
    }
}
