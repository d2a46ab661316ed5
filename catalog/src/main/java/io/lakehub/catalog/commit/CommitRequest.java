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
 *     {@link io.lakehub.catalog.schema.SchemaEvolution#merge}); never holds the hidden
 *     {@link UpsertColumns}
 * @param schemaChanges the lines from that merge, recorded in the audit event; empty if none
 * @param added data files to add; for {@link Operation#APPEND} at least one
 * @param removedFileIds live files (data or delete markers) this commit removes (compaction,
 *     erasure later); empty for appends
 * @param properties extra facts to store with the snapshot (later: Kafka offsets, JDBC cursors),
 *     committed atomically with the data
 * @param actor who made the change: {@code cli}, {@code inbox}, {@code http:<user>}, ...
 * @param deleteMarkers delete-marker files to add ({@link Operation#MERGE} only): the key columns
 *     plus {@link UpsertColumns#ROW}, see ADR 0009
 * @param key the key columns of an upsert dataset ({@link Operation#MERGE}: required, recorded on
 *     the dataset's first merge and then fixed); empty otherwise
 * @param changes rows inserted, updated and deleted as a query sees them; {@code null} means "all
 *     added rows inserted" for an append and nothing for a replace
 * @param expectedParentSnapshotId the snapshot the commit was planned against, which must still be
 *     current, else {@link StaleParentException}: for {@link Operation#MERGE} always ({@code null}:
 *     the dataset had none), for {@link Operation#REPLACE} when not {@code null}. Ignored for
 *     appends, which rebase.
 * @param widenToString the writer merged with widening to string allowed (its files may hold
 *     strings for a column of another type); the catalog's rebase allows the same
 * @param expectedPositions source positions this commit was read from: for each snapshot property
 *     key, the value {@link io.lakehub.catalog.Catalog#sourcePosition} must still return inside the
 *     commit's transaction ({@link #NO_POSITION}: none committed yet), else {@link
 *     PositionConflictException} and nothing is recorded. How a streaming source (Kafka) that may
 *     have lost a partition to another hub mid-batch never commits the same records twice. Empty:
 *     no check.
 * @param idempotency idempotency keys of the requests whose data this commit holds, remembered in
 *     the same transaction (ADR 0023); a key already remembered refuses the whole commit with
 *     {@link DuplicateIdempotencyKeyException}; {@code null}: none
 * @param companion an append to another dataset recorded in the same transaction, after this one
 *     (ADR 0037: the rows a {@code quarantine} policy moved to {@code <dataset>__quarantine}): both
 *     snapshots land or neither does; a refusal of either refuses both and deletes the files of both.
 *     {@code null}: none. A companion has no companion of its own.
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
        String actor,
        List<NewDataFile> deleteMarkers,
        List<String> key,
        RowChanges changes,
        Long expectedParentSnapshotId,
        boolean widenToString,
        Map<String, String> expectedPositions,
        IdempotencyKeys idempotency,
        CommitRequest companion) {

    /** In {@link #expectedPositions()}: the dataset must not have committed this key yet. */
    public static final String NO_POSITION = "";

    /** Without a companion commit. */
    public CommitRequest(
            DatasetName dataset,
            Operation operation,
            LakeSchema schema,
            List<String> schemaChanges,
            List<NewDataFile> added,
            List<Long> removedFileIds,
            Lineage lineage,
            Map<String, String> properties,
            String actor,
            List<NewDataFile> deleteMarkers,
            List<String> key,
            RowChanges changes,
            Long expectedParentSnapshotId,
            boolean widenToString,
            Map<String, String> expectedPositions,
            IdempotencyKeys idempotency) {
        this(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widenToString,
                expectedPositions,
                idempotency,
                null);
    }

    /**
     * This request with {@code append} (an {@link Operation#APPEND} to another dataset) committed in
     * the same transaction; {@code null}: none.
     */
    public CommitRequest withCompanion(CommitRequest append) {
        return new CommitRequest(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widenToString,
                expectedPositions,
                idempotency,
                append);
    }

    public CommitRequest {
        expectedPositions = expectedPositions == null ? Map.of() : Map.copyOf(expectedPositions);
        schemaChanges = List.copyOf(schemaChanges);
        added = List.copyOf(added);
        removedFileIds = List.copyOf(removedFileIds);
        properties = Map.copyOf(properties);
        deleteMarkers = deleteMarkers == null ? List.of() : List.copyOf(deleteMarkers);
        key = key == null ? List.of() : List.copyOf(key);
    }

    /** Without expected positions or idempotency keys: the catalog checks neither. */
    public CommitRequest(
            DatasetName dataset,
            Operation operation,
            LakeSchema schema,
            List<String> schemaChanges,
            List<NewDataFile> added,
            List<Long> removedFileIds,
            Lineage lineage,
            Map<String, String> properties,
            String actor,
            List<NewDataFile> deleteMarkers,
            List<String> key,
            RowChanges changes,
            Long expectedParentSnapshotId,
            boolean widenToString) {
        this(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widenToString,
                Map.of(),
                null);
    }

    /** Without widening to string: the catalog merges the schema only by safe widenings. */
    public CommitRequest(
            DatasetName dataset,
            Operation operation,
            LakeSchema schema,
            List<String> schemaChanges,
            List<NewDataFile> added,
            List<Long> removedFileIds,
            Lineage lineage,
            Map<String, String> properties,
            String actor,
            List<NewDataFile> deleteMarkers,
            List<String> key,
            RowChanges changes,
            Long expectedParentSnapshotId) {
        this(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                false);
    }

    /**
     * This request, allowing the catalog's rebase to widen a column to string as the writer's own
     * merge did (its files hold strings for that column).
     */
    public CommitRequest withWidenToString(boolean widen) {
        return new CommitRequest(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widen,
                expectedPositions,
                idempotency,
                companion);
    }

    /**
     * This request, committed only if the dataset's source positions still hold these values
     * ({@link #expectedPositions()}).
     */
    public CommitRequest withExpectedPositions(Map<String, String> expected) {
        return new CommitRequest(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widenToString,
                expected,
                idempotency,
                companion);
    }

    /**
     * This request, also remembering {@code keys} in its transaction ({@code null} or empty: none);
     * see {@link IdempotencyKeys}.
     */
    public CommitRequest withIdempotency(IdempotencyKeys keys) {
        return new CommitRequest(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                expectedParentSnapshotId,
                widenToString,
                expectedPositions,
                keys == null || keys.keys().isEmpty() ? null : keys,
                companion);
    }

    public CommitRequest(
            DatasetName dataset,
            Operation operation,
            LakeSchema schema,
            List<String> schemaChanges,
            List<NewDataFile> added,
            List<Long> removedFileIds,
            Lineage lineage,
            Map<String, String> properties,
            String actor) {
        this(
                dataset,
                operation,
                schema,
                schemaChanges,
                added,
                removedFileIds,
                lineage,
                properties,
                actor,
                List.of(),
                List.of(),
                null,
                null);
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

    /**
     * An upsert: new data files (with the hidden columns) and the delete markers planned against
     * {@code parent}, which must still be the dataset's current snapshot when it commits.
     */
    public static CommitRequest merge(
            DatasetName dataset,
            LakeSchema schema,
            List<String> schemaChanges,
            List<String> key,
            List<NewDataFile> added,
            List<NewDataFile> deleteMarkers,
            RowChanges changes,
            Long parent,
            Lineage lineage,
            Map<String, String> properties,
            String actor) {
        return new CommitRequest(
                dataset,
                Operation.MERGE,
                schema,
                schemaChanges,
                added,
                List.of(),
                lineage,
                properties,
                actor,
                deleteMarkers,
                key,
                changes,
                parent);
    }

    /**
     * A compaction: {@code added} replaces the live files {@code removedFileIds} with the same
     * visible rows; {@code parent} must still be current.
     */
    public static CommitRequest replace(
            DatasetName dataset, List<NewDataFile> added, List<Long> removedFileIds, Long parent, String actor) {
        return new CommitRequest(
                dataset,
                Operation.REPLACE,
                null,
                List.of(),
                added,
                removedFileIds,
                null,
                Map.of(),
                actor,
                List.of(),
                List.of(),
                RowChanges.NONE,
                parent);
    }

    /** Data files and delete markers together. */
    public List<NewDataFile> allNewFiles() {
        if (deleteMarkers.isEmpty()) {
            return added;
        }
        List<NewDataFile> all = new java.util.ArrayList<>(added);
        all.addAll(deleteMarkers);
        return all;
    }

    /** Kinds of snapshot. */
    public enum Operation {
        APPEND,
        /** Compaction: replaces files with equivalent ones. */
        REPLACE,
        /** Upsert / erasure: adds files and delete markers. */
        MERGE
    }
}
