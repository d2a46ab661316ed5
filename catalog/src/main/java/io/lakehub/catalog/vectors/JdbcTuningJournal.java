package io.lakehub.catalog.vectors;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link TuningJournal} on the catalog database; runs on H2 and PostgreSQL alike. */
public final class JdbcTuningJournal implements TuningJournal {
    private static final String SETS =
            "index_name, id, origin, build_signature, fingerprint, queries, created_by, created_at";
    private static final String TRIALS = "index_name, seq, evalset_id, parameters, kind, status, k, recall,"
            + " p50_micros, p95_micros, build_millis, memory_bytes, error, started_at, finished_at";
    private static final String PROMOTIONS =
            "index_name, seq, action, parameters, previous, trial_seq, reason, actor, promoted_at";

    private final DataSource dataSource;

    public JdbcTuningJournal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean saveEvalSet(EvalSet s) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists =
                    c.prepareStatement("SELECT 1 FROM vector_evalset WHERE index_name = ? AND id = ?")) {
                exists.setString(1, s.index());
                exists.setString(2, s.id());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO vector_evalset (" + SETS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.index());
                ps.setString(2, s.id());
                ps.setString(3, s.origin());
                ps.setString(4, s.buildSignature());
                ps.setString(5, s.fingerprint());
                ps.setString(6, s.json());
                ps.setString(7, s.createdBy());
                ps.setLong(8, micros(s.createdAt()));
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw unavailable("store the evaluation set " + s.id() + " of vector index " + s.index(), e);
        }
    }

    @Override
    public List<EvalSet> evalSets(String index) {
        return readSets("SELECT " + SETS + " FROM vector_evalset WHERE index_name = ? ORDER BY created_at, id", index);
    }

    @Override
    public Optional<EvalSet> evalSet(String index, String id) {
        return readSets("SELECT " + SETS + " FROM vector_evalset WHERE index_name = ? AND id = ?", index, id).stream()
                .findFirst();
    }

    private List<EvalSet> readSets(String sql, String... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<EvalSet> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvalSet(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            instant(rs, 8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("read the evaluation sets of vector index " + args[0], e);
        }
    }

    @Override
    public long startTrial(String index, String evalSet, String parameters, String kind, Instant startedAt) {
        return append("vector_trial", index, "start a trial of vector index " + index, (c, seq) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vector_trial (index_name, seq, evalset_id,"
                    + " parameters, kind, status, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?)")) {
                ps.setString(1, index);
                ps.setLong(2, seq);
                ps.setString(3, evalSet);
                ps.setString(4, parameters);
                ps.setString(5, kind);
                ps.setLong(6, micros(startedAt));
                ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean finishTrial(
            String index,
            long seq,
            String status,
            Integer k,
            Double recall,
            Long p50Micros,
            Long p95Micros,
            Long buildMillis,
            Long memoryBytes,
            String error,
            Instant finishedAt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE vector_trial SET status = ?, k = ?, recall = ?,"
                        + " p50_micros = ?, p95_micros = ?, build_millis = ?, memory_bytes = ?, error = ?,"
                        + " finished_at = ? WHERE index_name = ? AND seq = ? AND status = 'running'")) {
            ps.setString(1, status);
            setInt(ps, 2, k);
            if (recall == null) {
                ps.setNull(3, Types.DOUBLE);
            } else {
                ps.setDouble(3, recall);
            }
            setLong(ps, 4, p50Micros);
            setLong(ps, 5, p95Micros);
            setLong(ps, 6, buildMillis);
            setLong(ps, 7, memoryBytes);
            ps.setString(8, clip(error));
            ps.setLong(9, micros(finishedAt));
            ps.setString(10, index);
            ps.setLong(11, seq);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable("record trial " + seq + " of vector index " + index, e);
        }
    }

    @Override
    public List<Trial> trials(String index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + TRIALS + " FROM vector_trial WHERE index_name = ? ORDER BY seq")) {
            ps.setString(1, index);
            List<Trial> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trial(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            integer(rs, 7),
                            decimal(rs, 8),
                            number(rs, 9),
                            number(rs, 10),
                            number(rs, 11),
                            number(rs, 12),
                            rs.getString(13),
                            instant(rs, 14),
                            instant(rs, 15)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("read the trials of vector index " + index, e);
        }
    }

    @Override
    public int abandonRunning(String reason, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE vector_trial SET status = 'abandoned', error = ?,"
                        + " finished_at = ? WHERE status = 'running' AND index_name NOT IN"
                        + " (SELECT index_name FROM vector_autotune_lease WHERE expires_at >= ?)")) {
            ps.setString(1, clip(reason));
            ps.setLong(2, micros(at));
            ps.setLong(3, micros(at));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("mark the running trials abandoned", e);
        }
    }

    @Override
    public boolean lease(String index, String holder, Instant now, Instant until) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vector_autotune_lease SET holder = ?, expires_at = ?"
                    + " WHERE index_name = ? AND (holder = ? OR expires_at < ?)")) {
                ps.setString(1, holder);
                ps.setLong(2, micros(until));
                ps.setString(3, index);
                ps.setString(4, holder);
                ps.setLong(5, micros(now));
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vector_autotune_lease (index_name, holder, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, index);
                ps.setString(2, holder);
                ps.setLong(3, micros(until));
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // held by another hub (or taken by one just now)
            }
            throw unavailable("take the autotune lease of vector index " + index, e);
        }
    }

    @Override
    public java.util.OptionalLong baseline(String index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT row_count FROM vector_autotune_baseline WHERE index_name = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the growth baseline of vector index " + index, e);
        }
    }

    @Override
    public boolean moveBaseline(String index, Long expected, long rows, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            if (expected == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO vector_autotune_baseline"
                        + " (index_name, row_count, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, index);
                    ps.setLong(2, rows);
                    ps.setLong(3, micros(at));
                    return ps.executeUpdate() == 1;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE vector_autotune_baseline SET row_count = ?,"
                    + " updated_at = ? WHERE index_name = ? AND row_count = ?")) {
                ps.setLong(1, rows);
                ps.setLong(2, micros(at));
                ps.setString(3, index);
                ps.setLong(4, expected);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // recorded by another hub just now
            }
            throw unavailable("record the growth baseline of vector index " + index, e);
        }
    }

    @Override
    public int[] purge(String index) {
        String[] tables = {
            "vector_evalset", "vector_trial", "vector_promotion", "vector_autotune_lease", "vector_autotune_baseline"
        };
        int[] removed = new int[tables.length];
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (int t = 0; t < tables.length; t++) {
                    try (PreparedStatement ps =
                            c.prepareStatement("DELETE FROM " + tables[t] + " WHERE index_name = ?")) {
                        ps.setString(1, index);
                        removed[t] = ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw unavailable("purge the autotune journal of vector index " + index, e);
        }
        return removed;
    }

    @Override
    public void release(String index, String holder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM vector_autotune_lease WHERE index_name = ? AND holder = ?")) {
            ps.setString(1, index);
            ps.setString(2, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("release the autotune lease of vector index " + index, e);
        }
    }

    @Override
    public int releaseAll() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM vector_autotune_lease")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("release the autotune leases left by a stopped hub", e);
        }
    }

    @Override
    public long promote(
            String index,
            String action,
            String parameters,
            String previous,
            Long trialSeq,
            String reason,
            String actor,
            Instant at) {
        return append("vector_promotion", index, "record a " + action + " of vector index " + index, (c, seq) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vector_promotion (" + PROMOTIONS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, index);
                ps.setLong(2, seq);
                ps.setString(3, action);
                ps.setString(4, parameters);
                ps.setString(5, previous);
                setLong(ps, 6, trialSeq);
                ps.setString(7, clip(reason));
                ps.setString(8, actor);
                ps.setLong(9, micros(at));
                ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Promotion> promotions(String index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + PROMOTIONS + " FROM vector_promotion WHERE index_name = ? ORDER BY seq")) {
            ps.setString(1, index);
            List<Promotion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(promotion(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("read the promotions of vector index " + index, e);
        }
    }

    @Override
    public java.util.Optional<Promotion> latestPromotion(String index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + PROMOTIONS + " FROM vector_promotion"
                                + " WHERE index_name = ? AND seq = (SELECT MAX(seq) FROM vector_promotion WHERE index_name = ?)")) {
            ps.setString(1, index);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(promotion(rs));
            }
        } catch (SQLException e) {
            throw unavailable("read the newest promotion of vector index " + index, e);
        }
    }

    /** The promotion on the result set's current row ({@link #PROMOTIONS}'s columns, in order). */
    private static Promotion promotion(ResultSet rs) throws SQLException {
        return new Promotion(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                number(rs, 6),
                rs.getString(7),
                rs.getString(8),
                instant(rs, 9));
    }

    private interface Insert {
        void into(Connection c, long seq) throws SQLException;
    }

    /** Inserts with the next sequence number of the index; a concurrent insert of the same number retries. */
    private long append(String table, String index, String what, Insert insert) {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                long seq;
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM " + table + " WHERE index_name = ?")) {
                    ps.setString(1, index);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1) + 1;
                    }
                }
                insert.into(c, seq);
                return seq;
            } catch (SQLException e) {
                if (attempt < 5 && e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    continue;
                }
                throw unavailable(what, e);
            }
        }
    }

    private static String clip(String text) {
        return text != null && text.length() > 4000 ? text.substring(0, 3997) + "..." : text;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Long number(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Double decimal(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        long micros = rs.getLong(i);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static CatalogUnavailableException unavailable(String what, SQLException e) {
        return new CatalogUnavailableException("The catalog database could not " + what + ": " + e.getMessage(), e);
    }
}
