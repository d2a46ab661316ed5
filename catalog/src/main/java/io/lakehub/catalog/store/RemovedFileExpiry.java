package io.lakehub.catalog.store;

import io.lakehub.catalog.audit.AuditEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the files of the lake that a snapshot removed (compaction replaces them) more than a
 * grace period ago. The current snapshot of their dataset no longer names them, and the grace
 * period lets a query that listed them before the removal finish reading. Their catalog rows stay,
 * marked with {@code expired_at}, so history still lists them and they are not looked at again.
 *
 * <p>Crash-safe in either order: a file deleted but not yet marked is simply marked next time
 * ({@code deleteIfExists}); a failed deletion leaves the row unmarked, to be tried again.
 */
final class RemovedFileExpiry {
    private static final Logger log = LoggerFactory.getLogger(RemovedFileExpiry.class);

    /** Files handled per database round trip. */
    private static final int PAGE = 500;

    private final Transactions tx;
    private final Path lakeRoot;
    private final Clock clock;

    RemovedFileExpiry(Transactions tx, Path lakeRoot, Clock clock) {
        this.tx = tx;
        this.lakeRoot = lakeRoot;
        this.clock = clock;
    }

    private record Removed(long id, String relativePath, String dataset) {}

    int expire(Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException(
                    "The grace period for removed files must be zero or positive, not " + grace);
        }
        long cutoff = EpochMicros.now(clock) - grace.toNanos() / 1000;
        int deleted = 0;
        List<String> datasets = new ArrayList<>();
        long after = 0;
        while (true) {
            long from = after;
            List<Removed> page = tx.read("the removed files of the lake", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.relative_path, d.name FROM data_file f"
                        + " JOIN snapshot s ON s.id = f.removed_snapshot_id JOIN dataset d ON d.id = f.dataset_id"
                        + " WHERE f.removed_snapshot_id IS NOT NULL AND f.expired_at IS NULL AND s.committed_at < ?"
                        + " AND f.id > ? ORDER BY f.id LIMIT " + PAGE)) {
                    ps.setLong(1, cutoff);
                    ps.setLong(2, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        List<Removed> rows = new ArrayList<>();
                        while (rs.next()) {
                            rows.add(new Removed(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        }
                        return rows;
                    }
                }
            });
            if (page.isEmpty()) {
                break;
            }
            after = page.getLast().id();
            List<Long> gone = new ArrayList<>();
            for (Removed r : page) {
                if (LakePaths.problem(io.lakehub.catalog.DatasetName.of(r.dataset()), r.relativePath()) != null) {
                    // Never delete outside the dataset's folder, whatever a row says.
                    log.warn(
                            "Removed file {} of dataset {} lies outside its folder; left alone",
                            r.relativePath(),
                            r.dataset());
                    continue;
                }
                try {
                    if (Files.deleteIfExists(LakePaths.resolve(lakeRoot, r.relativePath()))) {
                        deleted++;
                        if (!datasets.contains(r.dataset())) {
                            datasets.add(r.dataset());
                        }
                    }
                    gone.add(r.id());
                } catch (IOException e) {
                    log.warn("Could not delete the removed file {}; it is tried again next time", r.relativePath(), e);
                }
            }
            long now = EpochMicros.now(clock);
            tx.write("the expiry of removed files", c -> {
                for (List<Long> chunk : SqlLists.chunks(gone)) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE data_file SET expired_at = ? WHERE id IN ("
                            + SqlLists.placeholders(chunk.size()) + ")")) {
                        ps.setLong(1, now);
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setLong(i + 2, chunk.get(i));
                        }
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        }
        if (deleted > 0) {
            log.info("Deleted {} file(s) removed from datasets {} more than {} ago", deleted, datasets, grace);
            var details = CatalogJson.object().put("deleted", deleted).put("grace_seconds", grace.toSeconds());
            var names = details.putArray("datasets");
            datasets.forEach(names::add);
            String json = CatalogJson.write(details);
            tx.write(
                    "the audit event lake.expire",
                    c -> AuditLog.append(c, new AuditEntry("system", "lake.expire", "lake", json), clock));
        }
        return deleted;
    }
}
