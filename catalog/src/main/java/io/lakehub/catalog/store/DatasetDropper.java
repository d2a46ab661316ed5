package io.lakehub.catalog.store;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.DroppedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a dataset: one transaction locks its row (so no commit of it is half-way), deletes every
 * catalog row that belongs to it and appends {@code dataset.drop} to the audit journal; then the
 * data files it recorded are deleted. Files are deleted only after the transaction committed, so a
 * failed drop leaves the dataset whole; a file that cannot be deleted then is an orphan that the
 * orphan sweep removes, since no row names it any more. The dataset's folder stays (a commit to a
 * new dataset of the same name may be writing into it at the same moment).
 */
final class DatasetDropper {
    private static final Logger log = LoggerFactory.getLogger(DatasetDropper.class);

    /**
     * Removes the dataset's rows, children before parents; each statement takes the dataset id as
     * its only parameter. A table that refers to a dataset, snapshot or data file adds one line here,
     * before the rows it refers to.
     */
    static final List<String> DELETE_ROWS = List.of(
            // The dataset points at its current snapshot, and every snapshot at its parent.
            "UPDATE dataset SET current_snapshot_id = NULL WHERE id = ?",
            "DELETE FROM lineage WHERE dataset_id = ?",
            "DELETE FROM schema_version WHERE dataset_id = ?",
            "DELETE FROM source_position WHERE dataset_id = ?",
            "DELETE FROM column_classification WHERE dataset_id = ?",
            "DELETE FROM idempotency_key WHERE dataset_id = ?",
            "DELETE FROM data_file WHERE dataset_id = ?",
            "UPDATE snapshot SET parent_id = NULL WHERE dataset_id = ?",
            "DELETE FROM snapshot WHERE dataset_id = ?",
            "DELETE FROM dataset WHERE id = ?");

    private final Transactions tx;
    private final Path lakeRoot;
    private final Clock clock;

    DatasetDropper(Transactions tx, Path lakeRoot, Clock clock) {
        this.tx = tx;
        this.lakeRoot = lakeRoot;
        this.clock = clock;
    }

    Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        if (dataset == null) {
            throw new IllegalArgumentException("Which dataset to drop is required");
        }
        if (actor == null || actor.isBlank() || actor.length() > 200) {
            throw new IllegalArgumentException(
                    "Dropping dataset '" + dataset + "' needs an actor of 1 to 200 characters; nothing was dropped");
        }
        Removed removed = tx.write("the drop of dataset '" + dataset + "'", c -> removeRows(c, dataset, actor));
        if (removed == null) {
            return Optional.empty();
        }
        int deleted = 0;
        int left = 0;
        for (String rel : removed.paths) {
            Path file = LakePaths.resolve(lakeRoot, rel);
            if (file == null) {
                continue;
            }
            try {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (IOException e) {
                left++;
                log.warn("Could not delete {} of dropped dataset {}; the orphan sweep will remove it", rel, dataset, e);
            }
        }
        log.info(
                "Dropped dataset {} ({} snapshot(s), {} row(s), {} file(s) deleted{})",
                dataset,
                removed.snapshots,
                removed.rows,
                deleted,
                left > 0 ? ", " + left + " left for the orphan sweep" : "");
        return Optional.of(new DroppedDataset(
                dataset.value(), removed.snapshots, removed.rows, removed.paths.size(), deleted, left));
    }

    private record Removed(long snapshots, long rows, List<String> paths) {}

    private Removed removeRows(Connection c, DatasetName dataset, String actor) throws SQLException {
        long id;
        Long current;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, current_snapshot_id FROM dataset WHERE name = ? FOR UPDATE")) {
            ps.setString(1, dataset.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                id = rs.getLong(1);
                long s = rs.getLong(2);
                current = rs.wasNull() ? null : s;
            }
        }
        long snapshots = single(c, "SELECT COUNT(*) FROM snapshot WHERE dataset_id = ?", id);
        long rows = current == null ? 0 : single(c, "SELECT total_rows FROM snapshot WHERE id = ?", current);
        List<String> paths = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT relative_path FROM data_file WHERE dataset_id = ? ORDER BY id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
        }
        for (String sql : DELETE_ROWS) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        String details = CatalogJson.write(CatalogJson.object()
                .put("snapshots", snapshots)
                .put("rows", rows)
                .put("files", paths.size())
                .put("last_snapshot", current));
        AuditLog.append(c, new AuditEntry(actor, "dataset.drop", "dataset:" + dataset, details), clock);
        return new Removed(snapshots, rows, paths);
    }

    private static long single(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
