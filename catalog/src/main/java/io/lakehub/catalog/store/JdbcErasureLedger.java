package io.lakehub.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.erasure.Erasure;
import io.lakehub.catalog.erasure.ErasureLedger;
import io.lakehub.catalog.erasure.ErasureState;
import io.lakehub.catalog.erasure.PendingErasure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ErasureLedger} on the catalog database (migration V7). An erasure touches the {@code
 * snapshot} table like a commit does: each dataset it covers gets an {@code ERASE} snapshot (same
 * files, totals adjusted), under the dataset row's lock, so that query engines in every process see
 * a new snapshot id and rebuild their views with (then without) the erasure's filter.
 */
final class JdbcErasureLedger implements ErasureLedger {
    static final String OPERATION = "ERASE";

    private static final String COLUMNS = "id, dataset_name, key_column, reason, state, value_count, value_hmacs,"
            + " datasets_json, rows_hidden, rows_removed, files_rewritten, requested_at, erased_at, actor, last_error";

    private final Transactions tx;
    private final Clock clock;
    private final Consumer<DatasetChange> published;

    JdbcErasureLedger(Transactions tx, Clock clock, Consumer<DatasetChange> published) {
        this.tx = tx;
        this.clock = clock;
        this.published = published;
    }

    @Override
    public Erasure record(
            DatasetName dataset,
            String keyColumn,
            List<String> values,
            List<String> valueHmacs,
            String reason,
            String actor,
            List<String> datasets) {
        List<DatasetChange> changes = new ArrayList<>();
        Erasure erasure = tx.write("the erasure request on dataset '" + dataset + "'", c -> {
            changes.clear();
            long now = micros();
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO erasure (dataset_name, key_column, reason, state, value_count, value_hmacs,"
                            + " datasets_json, rows_removed, files_rewritten, requested_at, actor)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, dataset.value());
                ps.setString(2, keyColumn);
                ps.setString(3, reason);
                ps.setString(4, ErasureState.INVISIBLE.label());
                ps.setInt(5, values.size());
                ps.setString(6, CatalogJson.stringList(valueHmacs));
                ps.setString(7, CatalogJson.stringList(datasets));
                ps.setLong(8, now);
                ps.setString(9, actor);
                ps.executeUpdate();
                id = generatedId(ps);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO erasure_value (erasure_id, ordinal, value_text) VALUES (?, ?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, values.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (String name : datasets) {
                snapshot(c, name, 0, actor, id, now).ifPresent(changes::add);
            }
            ObjectNode details = CatalogJson.object()
                    .put("erasure", id)
                    .put("key_column", keyColumn)
                    .put("values", values.size());
            ArrayNode hmacs = details.putArray("value_hmacs");
            valueHmacs.forEach(hmacs::add);
            ArrayNode covered = details.putArray("datasets");
            datasets.forEach(covered::add);
            if (reason != null) {
                details.put("reason", reason);
            }
            AuditLog.append(
                    c,
                    new AuditEntry(actor, "dataset.erasure", "dataset:" + dataset.value(), CatalogJson.write(details)),
                    clock);
            return read(c, id).orElseThrow();
        });
        changes.forEach(published);
        return erasure;
    }

    /**
     * Adds an {@code ERASE} snapshot to {@code name}: same files and schema, {@code rowDelta} added to
     * the visible rows. Locks the dataset row; a dataset that vanished (dropped) is skipped.
     */
    private Optional<DatasetChange> snapshot(
            Connection c, String name, long rowDelta, String actor, long erasureId, long now) throws SQLException {
        long datasetId;
        Long current;
        int schemaVersion;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, current_snapshot_id, schema_version FROM dataset WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                datasetId = rs.getLong(1);
                long cur = rs.getLong(2);
                current = rs.wasNull() ? null : cur;
                schemaVersion = rs.getInt(3);
            }
        }
        if (current == null) {
            return Optional.empty();
        }
        long totalRows;
        long totalFiles;
        try (PreparedStatement ps = c.prepareStatement("SELECT total_rows, total_files FROM snapshot WHERE id = ?")) {
            ps.setLong(1, current);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                totalRows = rs.getLong(1);
                totalFiles = rs.getLong(2);
            }
        }
        long totalBytes;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM data_file"
                + " WHERE dataset_id = ? AND removed_snapshot_id IS NULL")) {
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                totalBytes = rs.getLong(1);
            }
        }
        long removed = Math.max(0, -rowDelta);
        long snapshotId;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO snapshot (dataset_id, parent_id, operation, schema_version, added_rows,"
                        + " removed_rows, total_rows, added_files, removed_files, total_files, total_bytes,"
                        + " committed_at, actor, properties_json, inserted_rows, updated_rows, deleted_rows)"
                        + " VALUES (?, ?, ?, ?, 0, ?, ?, 0, 0, ?, ?, ?, ?, ?, 0, 0, ?)",
                new String[] {"id"})) {
            ps.setLong(1, datasetId);
            ps.setLong(2, current);
            ps.setString(3, OPERATION);
            ps.setInt(4, schemaVersion);
            ps.setLong(5, removed);
            ps.setLong(6, Math.max(0, totalRows + rowDelta));
            ps.setLong(7, totalFiles);
            ps.setLong(8, totalBytes);
            ps.setLong(9, now);
            ps.setString(10, actor);
            ps.setString(11, CatalogJson.properties(Map.of("lakehub.erasure", Long.toString(erasureId))));
            ps.setLong(12, removed);
            ps.executeUpdate();
            snapshotId = generatedId(ps);
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE dataset SET current_snapshot_id = ?, updated_at = ? WHERE id = ?")) {
            ps.setLong(1, snapshotId);
            ps.setLong(2, now);
            ps.setLong(3, datasetId);
            ps.executeUpdate();
        }
        return Optional.of(new DatasetChange(name, snapshotId, OPERATION));
    }

    @Override
    public void counted(long erasureId, Map<String, Long> hiddenRows) {
        long total = hiddenRows.values().stream().mapToLong(Long::longValue).sum();
        ObjectNode json = CatalogJson.object();
        hiddenRows.forEach(json::put);
        tx.write("the hidden rows of erasure " + erasureId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE erasure SET rows_hidden = ?, hidden_json = ? WHERE id = ? AND rows_hidden IS NULL")) {
                ps.setLong(1, total);
                ps.setString(2, CatalogJson.write(json));
                ps.setLong(3, erasureId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Erasure> find(long id) {
        return tx.read("erasure " + id, c -> read(c, id));
    }

    @Override
    public List<Erasure> list(DatasetName dataset) {
        return tx.read("the erasures of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM erasure WHERE dataset_name = ? ORDER BY id DESC")) {
                ps.setString(1, dataset.value());
                return erasures(ps);
            }
        });
    }

    @Override
    public List<Erasure> unfinished() {
        return tx.read("the unfinished erasures", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM erasure WHERE state <> ? ORDER BY id")) {
                ps.setString(1, ErasureState.ERASED.label());
                return erasures(ps);
            }
        });
    }

    @Override
    public List<PendingErasure> pending() {
        return tx.read("the pending erasures", c -> {
            Map<Long, String[]> heads = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, dataset_name, key_column FROM erasure WHERE state <> ? ORDER BY id")) {
                ps.setString(1, ErasureState.ERASED.label());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        heads.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
            List<PendingErasure> pending = new ArrayList<>();
            for (Map.Entry<Long, String[]> e : heads.entrySet()) {
                pending.add(new PendingErasure(e.getKey(), e.getValue()[0], e.getValue()[1], values(c, e.getKey())));
            }
            return pending;
        });
    }

    @Override
    public List<String> values(long erasureId) {
        return tx.read("the values of erasure " + erasureId, c -> values(c, erasureId));
    }

    private static List<String> values(Connection c, long erasureId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT value_text FROM erasure_value WHERE erasure_id = ? ORDER BY ordinal")) {
            ps.setLong(1, erasureId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                return values;
            }
        }
    }

    @Override
    public List<KnownFile> files(List<String> datasets) {
        return tx.read("the files of datasets " + datasets, c -> {
            List<KnownFile> files = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, d.name, f.relative_path, f.content,"
                    + " f.stats_json, f.removed_snapshot_id, f.expired_at FROM data_file f"
                    + " JOIN dataset d ON d.id = f.dataset_id WHERE d.name = ? ORDER BY f.id")) {
                for (String name : datasets) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(6);
                            boolean removed = !rs.wasNull();
                            rs.getLong(7);
                            boolean expired = !rs.wasNull();
                            files.add(new KnownFile(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    removed,
                                    expired));
                        }
                    }
                }
            }
            return files;
        });
    }

    @Override
    public void rewritten(
            long erasureId, long fileId, long rowCount, long sizeBytes, String statsJson, long rowsRemoved) {
        tx.write("the rewritten file " + fileId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE data_file SET row_count = ?, size_bytes = ?, stats_json = ? WHERE id = ?")) {
                ps.setLong(1, rowCount);
                ps.setLong(2, sizeBytes);
                ps.setString(3, statsJson);
                ps.setLong(4, fileId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE erasure SET rows_removed = rows_removed + ?,"
                    + " files_rewritten = files_rewritten + ? WHERE id = ?")) {
                ps.setLong(1, rowsRemoved);
                ps.setInt(2, rowsRemoved > 0 ? 1 : 0);
                ps.setLong(3, erasureId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void failed(long erasureId, String message) {
        tx.write("the failure of erasure " + erasureId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE erasure SET last_error = ? WHERE id = ?")) {
                ps.setString(1, message.length() > 4000 ? message.substring(0, 4000) : message);
                ps.setLong(2, erasureId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean finish(long erasureId, long lastFileId) {
        List<DatasetChange> changes = new ArrayList<>();
        boolean done = tx.write("the end of erasure " + erasureId, c -> {
            changes.clear();
            Erasure e = read(c, erasureId)
                    .orElseThrow(() -> new IllegalArgumentException("There is no erasure " + erasureId));
            if (e.state() == ErasureState.ERASED) {
                return true;
            }
            long now = micros();
            JsonNode hidden = CatalogJson.read(hiddenJson(c, erasureId));
            List<DatasetChange> pendingChanges = new ArrayList<>();
            for (String name : e.datasets()) {
                // Locks the row first: no commit can add a file between the check and the end.
                Optional<DatasetChange> change =
                        snapshot(c, name, -hidden.path(name).asLong(0), e.actor(), erasureId, now);
                change.ifPresent(pendingChanges::add);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM data_file f JOIN dataset d ON"
                    + " d.id = f.dataset_id WHERE d.name = ? AND f.id > ?")) {
                for (String name : e.datasets()) {
                    ps.setString(1, name);
                    ps.setLong(2, lastFileId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            c.rollback();
                            return false;
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM erasure_value WHERE erasure_id = ?")) {
                ps.setLong(1, erasureId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE erasure SET state = ?, erased_at = ?, last_error = NULL WHERE id = ?")) {
                ps.setString(1, ErasureState.ERASED.label());
                ps.setLong(2, now);
                ps.setLong(3, erasureId);
                ps.executeUpdate();
            }
            ObjectNode details = CatalogJson.object()
                    .put("erasure", erasureId)
                    .put("rows_hidden", e.rowsHidden() == null ? 0 : e.rowsHidden())
                    .put("rows_removed", e.rowsRemoved())
                    .put("files_rewritten", e.filesRewritten());
            AuditLog.append(
                    c,
                    new AuditEntry(
                            e.actor(), "dataset.erasure.done", "dataset:" + e.dataset(), CatalogJson.write(details)),
                    clock);
            changes.addAll(pendingChanges);
            return true;
        });
        changes.forEach(published);
        return done;
    }

    private static String hiddenJson(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hidden_json FROM erasure WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                String json = rs.next() ? rs.getString(1) : null;
                return json == null ? "{}" : json;
            }
        }
    }

    private Optional<Erasure> read(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM erasure WHERE id = ?")) {
            ps.setLong(1, id);
            List<Erasure> found = erasures(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<Erasure> erasures(PreparedStatement ps) throws SQLException {
        List<Erasure> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long erasedAt = rs.getLong(13);
                Instant erased = rs.wasNull() ? null : instant(erasedAt);
                list.add(new Erasure(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        ErasureState.of(rs.getString(5)),
                        rs.getInt(6),
                        CatalogJson.stringList(rs.getString(7)),
                        CatalogJson.stringList(rs.getString(8)),
                        nullableLong(rs, 9),
                        rs.getLong(10),
                        rs.getInt(11),
                        instant(rs.getLong(12)),
                        erased,
                        rs.getString(14),
                        rs.getString(15)));
            }
        }
        return list;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("The database returned no generated id", "HY000");
            }
            return keys.getLong(1);
        }
    }
}
