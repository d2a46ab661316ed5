package io.lakehub.catalog.store;

import io.lakehub.catalog.commit.ColumnClassification;
import io.lakehub.catalog.schema.LakeSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code column_classification} table (V9, ADR 0037): the PII scan's newest result per dataset,
 * schema version and column, written in the transaction of the commit that carries it.
 */
final class ClassificationRows {
    private ClassificationRows() {}

    /**
     * Records the results {@code properties} carry ({@link ColumnClassification#PROPERTY_PREFIX})
     * under {@code schemaVersion}, replacing an earlier result for the same column and version. The
     * caller holds the dataset's row lock, so the update-then-insert does not race.
     */
    static void record(Connection c, long datasetId, int schemaVersion, long snapshotId, Map<String, String> properties)
            throws SQLException {
        List<ColumnClassification> results = ColumnClassification.fromProperties(properties);
        if (results.isEmpty()) {
            return;
        }
        List<ColumnClassification> missing = new ArrayList<>();
        List<ColumnClassification> batched = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // One batch, one round trip for every column (ADR 0052).
        try (PreparedStatement ps = c.prepareStatement("UPDATE column_classification SET column_name = ?, pii = ?,"
                + " confidence = ?, sampled = ?, matches = ?, match_ratio = ?, action = ?, snapshot_id = ?"
                + " WHERE dataset_id = ? AND schema_version = ? AND column_key = ?")) {
            for (ColumnClassification r : results) {
                if (!seen.add(LakeSchema.key(r.column()))) {
                    continue;
                }
                int i = set(ps, 0, r);
                ps.setLong(++i, snapshotId);
                ps.setLong(++i, datasetId);
                ps.setInt(++i, schemaVersion);
                ps.setString(++i, LakeSchema.key(r.column()));
                ps.addBatch();
                batched.add(r);
            }
            int[] updated = Batches.updateCounts(ps);
            for (int k = 0; k < batched.size(); k++) {
                if (updated[k] == 0) {
                    missing.add(batched.get(k));
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO column_classification (column_name, pii,"
                + " confidence, sampled, matches, match_ratio, action, snapshot_id, dataset_id, schema_version,"
                + " column_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ColumnClassification r : missing) {
                int i = set(ps, 0, r);
                ps.setLong(++i, snapshotId);
                ps.setLong(++i, datasetId);
                ps.setInt(++i, schemaVersion);
                ps.setString(++i, LakeSchema.key(r.column()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int set(PreparedStatement ps, int i, ColumnClassification r) throws SQLException {
        ps.setString(++i, r.column());
        if (r.pii() == null) {
            ps.setNull(++i, Types.VARCHAR);
        } else {
            ps.setString(++i, r.pii());
        }
        ps.setDouble(++i, r.confidence());
        ps.setLong(++i, r.sampled());
        ps.setLong(++i, r.matches());
        ps.setDouble(++i, r.matchRatio());
        if (r.action() == null) {
            ps.setNull(++i, Types.VARCHAR);
        } else {
            ps.setString(++i, r.action());
        }
        return i;
    }

    /** Every column's newest result (highest snapshot) over all schema versions, newest first. */
    static List<ColumnClassification> newest(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cc.column_key, cc.column_name, cc.pii, cc.confidence,"
                + " cc.sampled, cc.matches, cc.match_ratio, cc.action, cc.schema_version, cc.snapshot_id"
                + " FROM column_classification cc JOIN dataset d ON d.id = cc.dataset_id WHERE d.name = ?"
                + " ORDER BY cc.snapshot_id DESC, cc.schema_version DESC")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                List<ColumnClassification> all = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                while (rs.next()) {
                    if (seen.add(rs.getString(1))) {
                        all.add(new ColumnClassification(
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getDouble(7),
                                rs.getString(8),
                                rs.getInt(9),
                                rs.getLong(10)));
                    }
                }
                return all;
            }
        }
    }
}
