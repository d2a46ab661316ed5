package io.lakehub.catalog.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.DuplicateIdempotencyKeyException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.PositionConflictException;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.schema.ColumnNames;
import io.lakehub.catalog.schema.IncompatibleSchemaException;
import io.lakehub.catalog.schema.InvalidColumnNameException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.SchemaEvolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit transaction. Everything a commit records happens on one connection in one
 * transaction, in this order: lock (or create) the dataset row, check the request against the
 * current state, insert the snapshot, retire removed files, insert the new files with their
 * statistics, the schema version and lineage, move the dataset's head, and queue the audit events
 * ({@code audit_pending}, ADR 0042): the {@link AuditSequencer} chains them after the commit, so
 * no row is shared by commits of different datasets.
 *
 * <p>The dataset row lock serialises writers of one dataset across threads and processes: a
 * writer that waited simply builds on the snapshot committed meanwhile, which is how appends
 * rebase. A commit locks nothing but its dataset rows (its companion's after its own), so writers
 * cannot deadlock on each other; races the database still reports (deadlock, serialization failure, two first commits of
 * one dataset) rerun the transaction from the start.
 *
 * <p>On failure the transaction is rolled back and the request's new files are deleted, except any
 * path an earlier commit already owns. When the database fails while acknowledging COMMIT the
 * outcome is unknown; the writer then asks the database whether the snapshot exists and, if it
 * cannot tell, leaves the files for the orphan sweep rather than risk deleting committed data.
 *
 * <p>Merges and replaces (ADR 0009) do not rebase: they were planned against one snapshot, which
 * must still be current, else {@link StaleParentException} and no file is deleted, so the writer
 * can plan again with the same data files. A merge records the dataset's key columns on its first
 * upsert and must name the same key afterwards; an append into an upsert dataset is refused.
 */
final class CommitWriter {
    private static final Logger log = LoggerFactory.getLogger(CommitWriter.class);

    /** Rows per JDBC batch. */
    private static final int BATCH = 500;

    private final Transactions tx;
    private final Path lakeRoot;
    private final Clock clock;

    CommitWriter(Transactions tx, Path lakeRoot, Clock clock) {
        this.tx = tx;
        this.lakeRoot = lakeRoot;
        this.clock = clock;
    }

    Snapshot commit(CommitRequest request) {
        return commitAll(request).get(0);
    }

    /**
     * Commits {@code request} and its {@link CommitRequest#companion() companion} in one transaction.
     *
     * @return the request's snapshot, then the companion's when there is one
     */
    List<Snapshot> commitAll(CommitRequest request) {
        String invalid = validate(request);
        if (invalid == null && request.companion() != null) {
            CommitRequest companion = request.companion();
            invalid = validate(companion);
            if (invalid == null) {
                if (companion.operation() != CommitRequest.Operation.APPEND) {
                    invalid = "The companion commit to dataset '" + companion.dataset() + "' is not an append";
                } else if (companion.companion() != null) {
                    invalid = "The companion commit to dataset '" + companion.dataset() + "' has a companion";
                } else if (companion.dataset().equals(request.dataset())) {
                    invalid = "The companion commit names the same dataset '" + request.dataset() + "'";
                }
            }
        }
        if (invalid != null) {
            throw new IllegalArgumentException(
                    invalid + ". " + abandon(request, Set.of(), null, "commit refused as malformed"));
        }
        // Paths an earlier commit owns (found by the collision check): never deleted on failure.
        Set<String> owned = new HashSet<>();
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = tx.connection();
            } catch (SQLException e) {
                throw unavailable(request, owned, e);
            }
            try {
                Written written;
                try {
                    c.setAutoCommit(false);
                    written = write(c, request, owned);
                    if (request.companion() != null) {
                        // The companion's dataset row is locked after the request's: companions are only
                        // written with their dataset, so the order is always the same.
                        written = written.with(write(c, request.companion(), owned));
                    }
                } catch (SQLException e) {
                    Transactions.rollbackQuietly(c, e);
                    if (SqlErrors.isTransient(e) && attempt < Transactions.MAX_ATTEMPTS) {
                        log.debug(
                                "Commit to dataset {} lost a race (attempt {}, SQLState {}); retrying",
                                request.dataset(),
                                attempt,
                                e.getSQLState());
                        Transactions.backoff(attempt);
                        continue;
                    }
                    throw unavailable(request, owned, e);
                } catch (Refusal r) {
                    Transactions.rollbackQuietly(c, r);
                    if (r.stale) {
                        throw r.toException("Nothing was committed to dataset '" + request.dataset()
                                + "'; its new files were left in place for the writer to plan again.");
                    }
                    throw r.toException(abandon(request, owned, r, "commit refused"));
                } catch (RuntimeException | Error e) {
                    Transactions.rollbackQuietly(c, e);
                    throw new LakehubException(
                            "The commit to dataset '" + request.dataset() + "' failed unexpectedly. "
                                    + abandon(request, owned, e, "commit failed"),
                            e);
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    Snapshot landed = resolveUnknownOutcome(request, written, e);
                    return written.companion == null ? List.of(landed) : List.of(landed, written.companion);
                }
                log.info(
                        "Committed snapshot {} of dataset {}: {} rows in {} files{}",
                        written.snapshot.id(),
                        request.dataset(),
                        written.snapshot.addedRows(),
                        written.snapshot.addedFiles(),
                        written.newSchemaVersion ? ", schema version " + written.snapshot.schemaVersion() : "");
                if (written.companion != null) {
                    log.info(
                            "Committed snapshot {} of dataset {} with it: {} rows in {} files",
                            written.companion.id(),
                            written.companion.dataset(),
                            written.companion.addedRows(),
                            written.companion.addedFiles());
                    return List.of(written.snapshot, written.companion);
                }
                return List.of(written.snapshot);
            } finally {
                closeQuietly(c);
            }
        }
    }

    /** After COMMIT or ROLLBACK a failing close() changes nothing, so it must not fail the commit. */
    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("Closing a catalog connection failed", e);
        }
    }

    /**
     * Runs {@code request}'s statements in the caller's open transaction on {@code c}, which the
     * caller commits or rolls back; no retry, no file cleanup. For tests that hold a commit's
     * transaction open to show what it does (not) block.
     */
    Snapshot writeUncommitted(Connection c, CommitRequest request) throws SQLException {
        return write(c, request, new HashSet<>()).snapshot;
    }

    private record Written(Snapshot snapshot, boolean newSchemaVersion, Snapshot companion) {
        Written(Snapshot snapshot, boolean newSchemaVersion) {
            this(snapshot, newSchemaVersion, null);
        }

        Written with(Written companion) {
            return new Written(snapshot, newSchemaVersion, companion.snapshot);
        }
    }

    private Written write(Connection c, CommitRequest r, Set<String> owned) throws SQLException {
        DatasetName name = r.dataset();
        DatasetRow ds = lockOrCreateDataset(c, name, EpochMicros.now(clock));
        // Taken once the lock is held, so that a child snapshot is never older than its parent.
        long now = EpochMicros.now(clock);
        ParentState parent = parentState(c, ds);
        // A merge always names its parent (null: an empty dataset); a replace when it was planned.
        boolean planned = r.operation() == CommitRequest.Operation.MERGE
                || (r.operation() == CommitRequest.Operation.REPLACE && r.expectedParentSnapshotId() != null);
        if (planned && !Objects.equals(r.expectedParentSnapshotId(), ds.currentSnapshotId)) {
            throw Refusal.stale(
                    "this " + r.operation().name().toLowerCase(Locale.ROOT) + " was planned against "
                            + (r.expectedParentSnapshotId() == null
                                    ? "an empty dataset"
                                    : "snapshot " + r.expectedParentSnapshotId())
                            + " but dataset '" + name + "' is now at "
                            + (ds.currentSnapshotId == null ? "no snapshot" : "snapshot " + ds.currentSnapshotId)
                            + " (another writer committed first)",
                    ds.currentSnapshotId);
        }
        List<String> key = checkKey(r, ds, name);
        // One read for both the position check and the position update (ADR 0055).
        Map<String, String> positions = currentPositions(c, ds, r);
        checkPositions(positions, r);

        List<String> paths =
                r.allNewFiles().stream().map(NewDataFile::relativePath).toList();
        Set<String> taken = DataFilePaths.recorded(c, paths);
        if (!taken.isEmpty()) {
            owned.addAll(taken);
            throw Refusal.conflict("the data file path(s) " + describe(taken)
                    + " are already recorded in the catalog by an earlier commit (they were left in place)");
        }
        Lineage lineage = r.lineage();
        if (lineage != null && lineage.contentHash() != null) {
            Long earlier = snapshotWithContentHash(c, ds.id, lineage.contentHash());
            if (earlier != null) {
                throw Refusal.duplicate(
                        "the same source bytes (" + lineage.contentHash() + ") were already committed to dataset '"
                                + name + "' as snapshot " + earlier,
                        earlier);
            }
        }
        IdempotencyKeys idempotency = r.idempotency();
        if (idempotency != null) {
            // Under the dataset's row lock: a concurrent commit of the same key waits, then finds it.
            IdempotencyKeyRows.expire(c, ds.id, idempotency.scope(), now);
            Map<String, IdempotencyKeys.Remembered> earlier = IdempotencyKeyRows.find(
                    c, ds.id, idempotency.scope(), idempotency.keys().keySet(), now);
            if (!earlier.isEmpty()) {
                throw Refusal.rememberedKeys(
                        "the idempotency key(s) " + describe(earlier.keySet()) + " of " + idempotency.scope()
                                + " were already committed to dataset '" + name + "'",
                        earlier);
            }
        }
        RemovedFiles removed = liveFilesToRemove(c, ds.id, name, r.removedFileIds());

        SchemaEvolution evolution = rebaseSchema(name, parent.schema, r.schema(), r.widenToString());
        boolean newSchemaVersion = parent.schema == null || evolution.changed();
        int schemaVersion = newSchemaVersion ? ds.schemaVersion + 1 : ds.schemaVersion;
        LakeSchema schema = evolution.schema();
        List<String> schemaChanges = evolution.changes();
        for (String k : key) {
            if (schema.field(k).isEmpty()) {
                throw Refusal.invalid("the key column '" + k + "' is not a column of dataset '" + name + "'");
            }
        }
        for (LakeField f : schema.fields()) {
            if (UpsertColumns.isReserved(f.name())) {
                throw Refusal.invalid("the column name '" + f.name() + "' is reserved for the hidden columns of"
                        + " upsert datasets; rename the column in the source");
            }
        }

        long addedRows = r.added().stream().mapToLong(NewDataFile::rowCount).sum();
        long addedBytes =
                r.allNewFiles().stream().mapToLong(NewDataFile::sizeBytes).sum();
        RowChanges changes = r.changes() != null
                ? r.changes()
                : r.operation() == CommitRequest.Operation.APPEND ? RowChanges.inserted(addedRows) : RowChanges.NONE;
        // An upsert dataset counts the rows a query sees: one per visible key. A replace keeps them.
        long totalRows = key.isEmpty()
                ? parent.totalRows + addedRows - removed.rows
                : parent.totalRows + changes.inserted() - changes.deleted();
        int addedFiles = r.allNewFiles().size();
        long totalFiles = parent.totalFiles + addedFiles - r.removedFileIds().size();
        long totalBytes = parent.totalBytes + addedBytes - removed.bytes;
        String properties = CatalogJson.properties(r.properties());

        long snapshotId;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshot (dataset_id, parent_id, operation, schema_version, added_rows,"
                        + " removed_rows, total_rows, added_files, removed_files, total_files, total_bytes,"
                        + " committed_at, actor, properties_json, inserted_rows, updated_rows, deleted_rows)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, ds.id);
            setNullableLong(ps, 2, ds.currentSnapshotId);
            ps.setString(3, r.operation().name());
            ps.setInt(4, schemaVersion);
            ps.setLong(5, addedRows);
            ps.setLong(6, removed.rows);
            ps.setLong(7, totalRows);
            ps.setInt(8, addedFiles);
            ps.setInt(9, r.removedFileIds().size());
            ps.setLong(10, totalFiles);
            ps.setLong(11, totalBytes);
            ps.setLong(12, now);
            ps.setString(13, r.actor());
            ps.setString(14, properties);
            ps.setLong(15, changes.inserted());
            ps.setLong(16, changes.updated());
            ps.setLong(17, changes.deleted());
            ps.executeUpdate();
            snapshotId = generatedId(ps);
        }

        retireFiles(c, snapshotId, r.removedFileIds());
        if (idempotency != null) {
            IdempotencyKeyRows.insert(c, ds.id, snapshotId, idempotency, now);
        }
        insertFiles(c, ds.id, snapshotId, r.added(), "DATA");
        insertFiles(c, ds.id, snapshotId, r.deleteMarkers(), "DELETES");
        if (newSchemaVersion) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (dataset_id, version, schema_json, changes_json, snapshot_id,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, ds.id);
                ps.setInt(2, schemaVersion);
                ps.setString(3, CatalogJson.schema(schema));
                ps.setString(4, CatalogJson.stringList(schemaChanges));
                ps.setLong(5, snapshotId);
                ps.setLong(6, now);
                ps.executeUpdate();
            }
        }
        if (lineage != null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO lineage (snapshot_id, dataset_id, source_system, source_uri, pipeline,"
                            + " recorded_at, row_count, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, snapshotId);
                ps.setLong(2, ds.id);
                ps.setString(3, lineage.sourceSystem());
                // Credentials must never be stored, even when a caller forgot to redact.
                ps.setString(4, Redaction.redactUri(lineage.sourceUri()));
                ps.setString(5, lineage.pipeline());
                ps.setLong(6, now);
                ps.setLong(7, addedRows);
                ps.setString(8, lineage.contentHash());
                ps.executeUpdate();
            }
        }
        upsertPositions(c, ds.id, snapshotId, r.properties(), positions);
        ClassificationRows.record(c, ds.id, schemaVersion, snapshotId, r.properties());
        // A dataset is created by its first snapshot: both carry the same time.
        boolean newKey = !key.isEmpty() && ds.key.isEmpty();
        try (PreparedStatement ps = c.prepareStatement("UPDATE dataset SET current_snapshot_id = ?, schema_version = ?,"
                + " updated_at = ?" + (ds.created ? ", created_at = ?" : "") + (newKey ? ", key_columns = ?" : "")
                + " WHERE id = ?")) {
            int i = 0;
            ps.setLong(++i, snapshotId);
            ps.setInt(++i, schemaVersion);
            ps.setLong(++i, now);
            if (ds.created) {
                ps.setLong(++i, now);
            }
            if (newKey) {
                ps.setString(++i, CatalogJson.stringList(key));
            }
            ps.setLong(++i, ds.id);
            ps.executeUpdate();
        }

        String entity = "dataset:" + name;
        ObjectNode details = CatalogJson.object()
                .put("snapshot", snapshotId)
                .put("operation", r.operation().name())
                .put("rows", addedRows)
                .put("files", r.added().size())
                .put("removed_files", r.removedFileIds().size())
                .put("total_rows", totalRows)
                .put("schema_version", schemaVersion);
        if (r.operation() != CommitRequest.Operation.APPEND) {
            details.put("inserted", changes.inserted())
                    .put("updated", changes.updated())
                    .put("deleted", changes.deleted())
                    .put("delete_marker_files", r.deleteMarkers().size());
        }
        if (newKey) {
            ArrayNode keyNode = details.putArray("key");
            key.forEach(keyNode::add);
        }
        ArrayNode detailChanges = details.putArray("schema_changes");
        if (newSchemaVersion) {
            schemaChanges.forEach(detailChanges::add);
        }
        addStepReports(details, r.properties());
        addBadRows(details, r.properties());
        if (lineage != null) {
            details.put("source_system", lineage.sourceSystem());
            if (lineage.pipeline() != null) {
                details.put("pipeline", lineage.pipeline());
            }
        }
        AuditLog.enqueue(c, new AuditEntry(r.actor(), "dataset.commit", entity, CatalogJson.write(details)), clock);
        if (newSchemaVersion) {
            ObjectNode change = CatalogJson.object()
                    .put("snapshot", snapshotId)
                    .put("version", schemaVersion)
                    .put("columns", schema.size());
            ArrayNode lines = change.putArray("changes");
            schemaChanges.forEach(lines::add);
            AuditLog.enqueue(c, new AuditEntry(r.actor(), "schema.change", entity, CatalogJson.write(change)), clock);
        }

        Snapshot snapshot = new Snapshot(
                snapshotId,
                name.value(),
                ds.currentSnapshotId,
                r.operation().name(),
                schemaVersion,
                addedRows,
                totalRows,
                addedFiles,
                EpochMicros.toInstant(now),
                r.actor(),
                r.properties(),
                changes.inserted(),
                changes.updated(),
                changes.deleted());
        return new Written(snapshot, newSchemaVersion);
    }

    /**
     * The values {@code source_position} holds now for the keys this commit checks ({@link
     * CommitRequest#expectedPositions()}) or sets (its properties), in one statement per 1,000 keys;
     * a key without a row is absent. Read under the dataset row lock: no other writer of the dataset
     * changes them before this transaction ends.
     */
    private static Map<String, String> currentPositions(Connection c, DatasetRow ds, CommitRequest r)
            throws SQLException {
        if (ds.created || (r.expectedPositions().isEmpty() && r.properties().isEmpty())) {
            return Map.of(); // a dataset created by this commit has no position yet
        }
        java.util.LinkedHashSet<String> keys =
                new java.util.LinkedHashSet<>(r.expectedPositions().keySet());
        keys.addAll(r.properties().keySet());
        Map<String, String> current = new java.util.HashMap<>();
        for (List<String> chunk : SqlLists.chunks(List.copyOf(keys))) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT property_key, property_value FROM source_position WHERE dataset_id = ? AND property_key IN ("
                            + SqlLists.placeholders(chunk.size()) + ")")) {
                ps.setLong(1, ds.id);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        current.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return current;
    }

    /**
     * Refuses the commit when a source position it was read from has moved on ({@link
     * CommitRequest#expectedPositions()}): checked under the dataset row lock, so two hubs that
     * read the same Kafka records (a partition reassigned mid-batch) cannot both commit them.
     *
     * @param current the recorded positions ({@link #currentPositions})
     */
    private static void checkPositions(Map<String, String> current, CommitRequest r) {
        if (r.expectedPositions().isEmpty()) {
            return;
        }
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, String> e : r.expectedPositions().entrySet()) {
            String now = current.getOrDefault(e.getKey(), CommitRequest.NO_POSITION);
            if (!now.equals(e.getValue())) {
                moved.add(e.getKey() + " is " + (now.isEmpty() ? "not committed" : "'" + now + "'") + ", not "
                        + (e.getValue().isEmpty() ? "uncommitted" : "'" + e.getValue() + "'"));
            }
        }
        if (!moved.isEmpty()) {
            java.util.Collections.sort(moved);
            throw Refusal.position("the source position(s) this commit was read from moved on (another writer"
                    + " committed those records first): " + String.join("; ", moved));
        }
    }

    /**
     * Keeps {@code source_position} at the newest value of each snapshot property of the dataset, in
     * the commit's transaction (the dataset row lock is held, so no other writer of this dataset
     * races the update-then-insert). Only the rows whose value changes are written (ADR 0055): a
     * commit carries a few dozen properties (the PII step reports five per column) of which most
     * repeat the dataset's previous commit, and rewriting those cost the database a row version and
     * a foreign-key check each. A row's {@code snapshot_id} is therefore the snapshot that committed
     * its current value, which is what V2 documents.
     *
     * @param current the recorded values of the commit's keys ({@link #currentPositions})
     */
    private static void upsertPositions(
            Connection c, long datasetId, long snapshotId, Map<String, String> properties, Map<String, String> current)
            throws SQLException {
        if (properties.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        List<Map.Entry<String, String>> missing = new ArrayList<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String now = current.get(e.getKey());
            if (now == null) {
                missing.add(e);
            } else if (!now.equals(e.getValue())) {
                changed.add(e);
            }
        }
        // One batch, one round trip to the database for each kind (ADR 0052).
        if (!changed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE source_position SET property_value = ?,"
                    + " snapshot_id = ? WHERE dataset_id = ? AND property_key = ?")) {
                for (Map.Entry<String, String> e : changed) {
                    ps.setString(1, e.getValue());
                    ps.setLong(2, snapshotId);
                    ps.setLong(3, datasetId);
                    ps.setString(4, e.getKey());
                    ps.addBatch();
                }
                int[] updated = Batches.updateCounts(ps);
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] != 1) {
                        // Cannot happen under the dataset row lock; refusing keeps the position exact.
                        throw new SQLException(
                                "The source position '" + changed.get(i).getKey() + "' of dataset id " + datasetId
                                        + " vanished during the commit; nothing of this commit was recorded",
                                "40001");
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO source_position (dataset_id, property_key,"
                + " property_value, snapshot_id) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : missing) {
                ps.setLong(1, datasetId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.setLong(4, snapshotId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The rows a reader could not read ({@code read.badRows}, a count) and the dataset that received
     * them ({@code rejects.dataset}), or for a rejects commit the dataset they were rejected from
     * ({@code rejects.of}): counts and names, never data.
     */
    private static void addBadRows(ObjectNode details, Map<String, String> properties) {
        String bad = properties.get("read.badRows");
        if (bad != null) {
            try {
                details.put("bad_rows", Long.parseLong(bad));
            } catch (NumberFormatException e) {
                // not a count: not ours to report
            }
        }
        String rejects = properties.get("rejects.dataset");
        if (rejects != null && DatasetName.isValid(rejects)) {
            details.put("rejects_dataset", rejects);
        }
        String of = properties.get("rejects.of");
        if (of != null && DatasetName.isValid(of)) {
            details.put("rejects_of", of);
        }
    }

    /** Prefix of the snapshot properties processor steps report ({@code step.<name>.<key>}). */
    private static final String STEP_PREFIX = "step.";

    /**
     * The steps' reports ({@code step.<name>.<key>} properties) in the audit event, as {@code
     * "steps": {"<name>": {"<key>": "<value>"}}}. Other properties (source positions) stay out of the
     * journal: a cursor may quote a source value.
     */
    private static void addStepReports(ObjectNode details, Map<String, String> properties) {
        ObjectNode steps = null;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.', STEP_PREFIX.length());
            if (!key.startsWith(STEP_PREFIX) || dot < 0 || dot == key.length() - 1) {
                continue;
            }
            if (steps == null) {
                steps = details.putObject("steps");
            }
            String name = key.substring(STEP_PREFIX.length(), dot);
            ObjectNode step = steps.has(name) ? (ObjectNode) steps.get(name) : steps.putObject(name);
            step.put(key.substring(dot + 1), e.getValue());
        }
    }

    /**
     * The schema after this commit. The request's schema was merged by its writer against the
     * schema it saw; another writer may have changed the schema since. Merging the request's schema
     * into the current one again keeps both writers' columns and widenings (a stale, narrower schema
     * simply fits), and makes the recorded change lines true relative to the actual previous
     * version. Types that no longer fit are a conflict: this commit's files were written for a
     * column type the dataset no longer has. Widening to string is not applied here because whether
     * it is allowed is the writer's setting; re-delivery merges again with it.
     */
    private static SchemaEvolution rebaseSchema(
            DatasetName name, LakeSchema current, LakeSchema requested, boolean widenToString) {
        if (requested == null) {
            if (current == null) {
                throw Refusal.invalid("the first commit to dataset '" + name + "' carries no schema");
            }
            return new SchemaEvolution(current, List.of());
        }
        if (requested.equals(current)) {
            return new SchemaEvolution(current, List.of());
        }
        try {
            return SchemaEvolution.merge(name.value(), current, requested, widenToString);
        } catch (InvalidColumnNameException e) {
            // The last wall: whichever writer prepared this commit, such a name never reaches the catalog.
            throw Refusal.invalid(
                    "column name '" + ColumnNames.printable(e.column()) + "' contains a control character;"
                            + " column names may not hold U+0000 to U+001F or U+007F",
                    e);
        } catch (IncompatibleSchemaException e) {
            throw Refusal.conflict(
                    "column '" + e.column() + "' of dataset '" + name + "' is "
                            + e.datasetField().typeName()
                            + " but this commit's files hold "
                            + e.incomingField().typeName()
                            + " (another commit may have changed the schema after this one was prepared)",
                    e);
        }
    }

    private record DatasetRow(long id, Long currentSnapshotId, int schemaVersion, boolean created, List<String> key) {}

    /**
     * The key columns this commit runs under. A merge names its key: the dataset's first upsert
     * records it (an append-only dataset that already has rows cannot become an upsert dataset:
     * its rows may repeat keys), later merges must name the same one. An append into an upsert
     * dataset is refused, naming the key; a replace keeps the dataset's key.
     */
    private static List<String> checkKey(CommitRequest r, DatasetRow ds, DatasetName name) {
        switch (r.operation()) {
            case MERGE -> {
                if (r.key().isEmpty()) {
                    throw Refusal.invalid("an upsert into dataset '" + name + "' needs key columns");
                }
                if (ds.key.isEmpty()) {
                    if (ds.currentSnapshotId != null) {
                        throw Refusal.invalid("dataset '" + name + "' was created by appends, not upserts; its rows"
                                + " may repeat any key, so it cannot be upserted by key " + r.key()
                                + ". Upsert into a new dataset");
                    }
                    return r.key();
                }
                if (!sameKey(ds.key, r.key())) {
                    throw Refusal.invalid("dataset '" + name + "' is an upsert dataset keyed by " + ds.key
                            + "; this upsert uses the key " + r.key() + ". Use key " + ds.key
                            + " or another dataset");
                }
                return ds.key;
            }
            case APPEND -> {
                if (!ds.key.isEmpty()) {
                    throw Refusal.invalid("dataset '" + name + "' is an upsert dataset keyed by " + ds.key
                            + "; write to it with mode upsert and key " + ds.key + ", not with an append");
                }
                return List.of();
            }
            default -> {
                if (!r.key().isEmpty() && !sameKey(ds.key, r.key())) {
                    throw Refusal.invalid("dataset '" + name + "' is keyed by " + (ds.key.isEmpty() ? "no key" : ds.key)
                            + ", not by " + r.key());
                }
                if (!r.deleteMarkers().isEmpty()) {
                    throw Refusal.invalid("only an upsert adds delete markers to dataset '" + name + "'");
                }
                return ds.key;
            }
        }
    }

    private static boolean sameKey(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!LakeSchema.key(a.get(i)).equals(LakeSchema.key(b.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private record ParentState(LakeSchema schema, long totalRows, long totalFiles, long totalBytes) {}

    private record RemovedFiles(long rows, long bytes) {}

    /**
     * Locks the dataset row for the rest of the transaction, creating it on the first commit. Two
     * first commits racing both miss the row; one insert wins and the other fails on the unique
     * name, which is transient: its retry finds and locks the winner's row.
     */
    private static DatasetRow lockOrCreateDataset(Connection c, DatasetName name, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, current_snapshot_id, schema_version, key_columns FROM dataset WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long current = rs.getLong(2);
                    Long currentId = rs.wasNull() ? null : current;
                    String keyJson = rs.getString(4);
                    List<String> key = keyJson == null ? List.of() : CatalogJson.stringList(keyJson);
                    return new DatasetRow(rs.getLong(1), currentId, rs.getInt(3), false, key);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dataset (name, current_snapshot_id, schema_version, created_at, updated_at)"
                        + " VALUES (?, NULL, 0, ?, ?)",
                new String[] {"id"})) {
            ps.setString(1, name.value());
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.executeUpdate();
            return new DatasetRow(generatedId(ps), null, 0, true, List.of());
        }
    }

    private static ParentState parentState(Connection c, DatasetRow ds) throws SQLException {
        LakeSchema schema = null;
        if (ds.schemaVersion > 0) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT schema_json FROM schema_version WHERE dataset_id = ? AND version = ?")) {
                ps.setLong(1, ds.id);
                ps.setInt(2, ds.schemaVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        schema = CatalogJson.schema(rs.getString(1));
                    }
                }
            }
        }
        if (ds.currentSnapshotId == null) {
            return new ParentState(schema, 0, 0, 0);
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT total_rows, total_files, total_bytes FROM snapshot WHERE id = ?")) {
            ps.setLong(1, ds.currentSnapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Dataset row " + ds.id + " points at snapshot "
                            + ds.currentSnapshotId + ", which does not exist");
                }
                return new ParentState(schema, rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private static Long snapshotWithContentHash(Connection c, long datasetId, String contentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id FROM lineage WHERE dataset_id = ?"
                + " AND content_hash = ? ORDER BY snapshot_id LIMIT 1")) {
            ps.setLong(1, datasetId);
            ps.setString(2, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Every removed id must be live in the dataset's current snapshot, which the row lock freezes. */
    private static RemovedFiles liveFilesToRemove(Connection c, long datasetId, DatasetName name, List<Long> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return new RemovedFiles(0, 0);
        }
        Set<Long> live = new HashSet<>();
        long rows = 0;
        long bytes = 0;
        for (List<Long> chunk : SqlLists.chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, row_count, size_bytes FROM data_file"
                    + " WHERE dataset_id = ? AND removed_snapshot_id IS NULL AND id IN ("
                    + SqlLists.placeholders(chunk.size()) + ")")) {
                ps.setLong(1, datasetId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        live.add(rs.getLong(1));
                        rows += rs.getLong(2);
                        bytes += rs.getLong(3);
                    }
                }
            }
        }
        if (live.size() != ids.size()) {
            List<Long> gone = ids.stream().filter(id -> !live.contains(id)).toList();
            throw Refusal.conflict("the data file id(s) " + describe(gone) + " it removes are not live in dataset '"
                    + name + "' any more (another commit removed them, or they belong to another dataset)");
        }
        return new RemovedFiles(rows, bytes);
    }

    private static void retireFiles(Connection c, long snapshotId, List<Long> ids) throws SQLException {
        for (List<Long> chunk : SqlLists.chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE data_file SET removed_snapshot_id = ? WHERE id IN ("
                    + SqlLists.placeholders(chunk.size()) + ")")) {
                ps.setLong(1, snapshotId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /** One batched insert, statistics included, however many files. */
    private static void insertFiles(
            Connection c, long datasetId, long snapshotId, List<NewDataFile> files, String content)
            throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO data_file (dataset_id, relative_path, content, row_count, size_bytes,"
                        + " added_snapshot_id, removed_snapshot_id, stats_json) VALUES (?, ?, '" + content
                        + "', ?, ?, ?, NULL, ?)")) {
            int pending = 0;
            for (NewDataFile f : files) {
                ps.setLong(1, datasetId);
                ps.setString(2, f.relativePath());
                ps.setLong(3, f.rowCount());
                ps.setLong(4, f.sizeBytes());
                ps.setLong(5, snapshotId);
                ps.setString(6, CatalogJson.stats(f.stats()));
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /**
     * COMMIT failed: it may or may not have happened. Asks the database on a fresh connection;
     * deletes the files only when the snapshot is certainly absent.
     */
    private Snapshot resolveUnknownOutcome(CommitRequest r, Written written, SQLException commitFailure) {
        Boolean landed;
        try {
            landed = tx.read("the outcome of the commit", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM snapshot WHERE id = ?")) {
                    ps.setLong(1, written.snapshot.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        } catch (CatalogUnavailableException e) {
            commitFailure.addSuppressed(e);
            landed = null;
        }
        if (Boolean.TRUE.equals(landed)) {
            log.warn(
                    "The catalog database reported a failure while committing snapshot {} of dataset {} ({}),"
                            + " but the snapshot is recorded; the commit stands",
                    written.snapshot.id(),
                    r.dataset(),
                    SqlErrors.describe(commitFailure));
            return written.snapshot;
        }
        if (Boolean.FALSE.equals(landed)) {
            throw unavailable(r, Set.of(), commitFailure);
        }
        throw new CatalogUnavailableException(
                "The catalog database failed while committing to dataset '" + r.dataset() + "' ("
                        + SqlErrors.describe(commitFailure) + ") and could not be asked whether the commit"
                        + " landed. The new data files were left in place: if the commit did not land they are"
                        + " orphans that the orphan sweep deletes; check the dataset's snapshots before"
                        + " delivering the source again.",
                commitFailure);
    }

    private CatalogUnavailableException unavailable(CommitRequest r, Set<String> owned, SQLException e) {
        return new CatalogUnavailableException(
                "The catalog database did not accept the commit to dataset '" + r.dataset() + "' ("
                        + SqlErrors.describe(e) + "). " + abandon(r, owned, e, "commit failed"),
                e);
    }

    /**
     * Deletes the request's new files (all but {@code owned}) and says what that means for the
     * user's data. A file that cannot be deleted is left to the orphan sweep.
     */
    private String abandon(CommitRequest r, Set<String> owned, Throwable failure, String why) {
        int deleted = 0;
        int left = 0;
        List<Map.Entry<DatasetName, NewDataFile>> all = new ArrayList<>();
        List<CommitRequest> requests = r.companion() == null ? List.of(r) : List.of(r, r.companion());
        for (CommitRequest each : requests) {
            for (NewDataFile f : each.allNewFiles()) {
                all.add(Map.entry(each.dataset(), f));
            }
        }
        for (Map.Entry<DatasetName, NewDataFile> entry : all) {
            String rel = entry.getValue().relativePath();
            Path file = rel == null || owned.contains(rel) || LakePaths.problem(entry.getKey(), rel) != null
                    ? null
                    : LakePaths.resolve(lakeRoot, rel);
            if (file == null) {
                left++;
                continue;
            }
            try {
                Files.deleteIfExists(file);
                deleted++;
            } catch (IOException e) {
                left++;
                if (failure != null) {
                    failure.addSuppressed(e);
                }
                log.warn("Could not delete {} after a {}; the orphan sweep will remove it", rel, why, e);
            }
        }
        StringBuilder sb = new StringBuilder("Nothing was committed to dataset '")
                .append(r.dataset())
                .append(
                        r.companion() == null
                                ? "'"
                                : "' nor to '" + r.companion().dataset() + "'");
        if (deleted > 0) {
            sb.append("; its ").append(deleted).append(" new data file(s) were deleted");
        }
        if (left > 0) {
            sb.append("; ").append(left).append(" file(s) were left in place");
        }
        return sb.append(". The source can be delivered again.").toString();
    }

    /** Why the request is malformed, or {@code null}. */
    private static String validate(CommitRequest r) {
        if (r == null) {
            throw new IllegalArgumentException("A commit request is required");
        }
        if (r.dataset() == null || r.operation() == null) {
            // Without a dataset there is no folder the files provably belong to: they are left alone.
            throw new IllegalArgumentException("A commit request needs a dataset and an operation. Nothing was"
                    + " committed; its files were left in place for the orphan sweep.");
        }
        String to = "The commit to dataset '" + r.dataset() + "' ";
        if (r.actor() == null || r.actor().isBlank() || r.actor().length() > 200) {
            return to + "needs an actor of 1 to 200 characters";
        }
        if (r.operation() == CommitRequest.Operation.APPEND && r.added().isEmpty()) {
            return to + "appends no data file";
        }
        Lineage lineage = r.lineage();
        if (lineage != null) {
            if (lineage.sourceSystem() == null
                    || lineage.sourceSystem().isBlank()
                    || lineage.sourceSystem().length() > 100) {
                return to + "needs a lineage source system of 1 to 100 characters";
            }
            if (lineage.pipeline() != null && lineage.pipeline().length() > 200) {
                return to + "has a pipeline id longer than 200 characters";
            }
            if (lineage.sourceUri() != null
                    && Redaction.redactUri(lineage.sourceUri()).length() > 4096) {
                return to + "has a source URI longer than 4096 characters";
            }
            if (lineage.contentHash() != null && lineage.contentHash().length() > 100) {
                return to + "has a content hash longer than 100 characters";
            }
        }
        // A merge without files is allowed only to record source properties (a poll's key comparison
        // that found nothing gone commits when it compared, ADR 0010).
        if (r.operation() == CommitRequest.Operation.MERGE
                && r.added().isEmpty()
                && r.deleteMarkers().isEmpty()
                && (r.properties() == null || r.properties().isEmpty())) {
            return to + "merges no file and records no property";
        }
        if (r.operation() != CommitRequest.Operation.MERGE && !r.deleteMarkers().isEmpty()) {
            return to + "adds delete markers outside an upsert";
        }
        Set<String> seen = new HashSet<>();
        for (NewDataFile f : r.allNewFiles()) {
            String problem = LakePaths.problem(r.dataset(), f.relativePath());
            if (problem != null) {
                return to + "is malformed: " + problem;
            }
            if (!seen.add(f.relativePath())) {
                return to + "adds the data file '" + f.relativePath() + "' twice";
            }
            if (f.rowCount() < 0 || f.sizeBytes() < 0) {
                return to + "gives the data file '" + f.relativePath() + "' a negative row count or size";
            }
        }
        if (new HashSet<>(r.removedFileIds()).size() != r.removedFileIds().size()) {
            return to + "removes a data file id twice";
        }
        return null;
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("The database returned no generated id", "HY000");
            }
            return keys.getLong(1);
        }
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static String describe(java.util.Collection<?> items) {
        String shown = items.stream().limit(5).map(i -> "'" + i + "'").collect(Collectors.joining(", "));
        return items.size() > 5 ? shown + " and " + (items.size() - 5) + " more" : shown;
    }

    /** A refusal decided inside the transaction; turned into the public exception after rollback. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final Long earlierSnapshotId;
        private final boolean invalid;
        private final boolean stale;
        private final Long currentSnapshotId;
        private boolean position;
        private transient Map<String, IdempotencyKeys.Remembered> remembered;

        private Refusal(String reason, Long earlierSnapshotId, boolean invalid, Throwable cause) {
            this(reason, earlierSnapshotId, invalid, cause, false, null);
        }

        private Refusal(
                String reason,
                Long earlierSnapshotId,
                boolean invalid,
                Throwable cause,
                boolean stale,
                Long currentSnapshotId) {
            super(reason, cause, false, false);
            this.reason = reason;
            this.earlierSnapshotId = earlierSnapshotId;
            this.invalid = invalid;
            this.stale = stale;
            this.currentSnapshotId = currentSnapshotId;
        }

        static Refusal stale(String reason, Long currentSnapshotId) {
            return new Refusal(reason, null, false, null, true, currentSnapshotId);
        }

        static Refusal conflict(String reason) {
            return new Refusal(reason, null, false, null);
        }

        static Refusal conflict(String reason, Throwable cause) {
            return new Refusal(reason, null, false, cause);
        }

        static Refusal position(String reason) {
            Refusal r = new Refusal(reason, null, false, null);
            r.position = true;
            return r;
        }

        static Refusal duplicate(String reason, long earlierSnapshotId) {
            return new Refusal(reason, earlierSnapshotId, false, null);
        }

        static Refusal rememberedKeys(String reason, Map<String, IdempotencyKeys.Remembered> remembered) {
            Refusal r = new Refusal(reason, null, false, null);
            r.remembered = remembered;
            return r;
        }

        static Refusal invalid(String reason) {
            return new Refusal(reason, null, true, null);
        }

        static Refusal invalid(String reason, Throwable cause) {
            return new Refusal(reason, null, true, cause);
        }

        RuntimeException toException(String consequence) {
            String message = "Commit refused: " + reason + ". " + consequence;
            RuntimeException e;
            if (stale) {
                e = new StaleParentException(message, currentSnapshotId);
            } else if (invalid) {
                e = new IllegalArgumentException(message);
            } else if (position) {
                e = new PositionConflictException(message);
            } else if (remembered != null) {
                e = new DuplicateIdempotencyKeyException(message, remembered);
            } else if (earlierSnapshotId != null) {
                e = new DuplicateCommitException(message, earlierSnapshotId);
            } else {
                e = new CommitConflictException(message);
            }
            if (getCause() != null) {
                e.initCause(getCause());
            }
            return e;
        }
    }
}
