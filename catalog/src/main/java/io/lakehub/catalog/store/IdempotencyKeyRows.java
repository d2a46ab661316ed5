package io.lakehub.catalog.store;

import io.lakehub.catalog.commit.IdempotencyKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code idempotency_key} table (migration V4, ADR 0023): keys of push-source requests,
 * remembered in the transaction that commits their data and forgotten once their window is over.
 */
final class IdempotencyKeyRows {

    private IdempotencyKeyRows() {}

    /** The keys among {@code keys} still remembered at {@code now} (epoch microseconds). */
    static Map<String, IdempotencyKeys.Remembered> find(
            Connection c, long datasetId, String scope, Collection<String> keys, long now) throws SQLException {
        Map<String, IdempotencyKeys.Remembered> found = new LinkedHashMap<>();
        for (List<String> chunk : SqlLists.chunks(new ArrayList<>(keys))) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT key_value, snapshot_id, accepted FROM idempotency_key"
                            + " WHERE dataset_id = ? AND scope = ? AND expires_at > ? AND key_value IN ("
                            + SqlLists.placeholders(chunk.size()) + ")")) {
                ps.setLong(1, datasetId);
                ps.setString(2, scope);
                ps.setLong(3, now);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 4, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        found.put(key, new IdempotencyKeys.Remembered(key, rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
        }
        return found;
    }

    /** Forgets the scope's keys whose window ended: the index on expiry makes this cheap per commit. */
    static void expire(Connection c, long datasetId, String scope, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM idempotency_key WHERE dataset_id = ? AND scope = ? AND expires_at <= ?")) {
            ps.setLong(1, datasetId);
            ps.setString(2, scope);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    /** Remembers the commit's keys until {@code now + window}. */
    static void insert(Connection c, long datasetId, long snapshotId, IdempotencyKeys keys, long now)
            throws SQLException {
        long expires = now + keys.window().toNanos() / 1000;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_key (dataset_id, scope, key_value,"
                + " snapshot_id, accepted, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Long> e : keys.keys().entrySet()) {
                ps.setLong(1, datasetId);
                ps.setString(2, keys.scope());
                ps.setString(3, e.getKey());
                ps.setLong(4, snapshotId);
                ps.setLong(5, e.getValue());
                ps.setLong(6, expires);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
