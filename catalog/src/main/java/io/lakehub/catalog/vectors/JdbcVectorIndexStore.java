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

/** {@link VectorIndexStore} on the catalog database; runs on H2 and PostgreSQL alike. */
public final class JdbcVectorIndexStore implements VectorIndexStore {
    private static final String COLUMNS = "name, dataset_name, key_column, text_column, chunk_size, chunk_overlap,"
            + " provider, model_name, model_version, dimensions, max_degree, beam_width, neighbor_overflow, alpha,"
            + " hierarchy, overquery, refresh_policy, row_count, chunk_count, build_millis, build_signature,"
            + " refreshed_at, last_used, created_by, created_at, last_error, build_id";

    private final DataSource dataSource;

    public JdbcVectorIndexStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<StoredVectorIndex> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vector_index ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<StoredVectorIndex> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("list the vector indexes", e);
        }
    }

    @Override
    public Optional<StoredVectorIndex> find(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM vector_index WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the vector index " + name, e);
        }
    }

    @Override
    public boolean insert(StoredVectorIndex v) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM vector_index WHERE name = ?")) {
                exists.setString(1, v.name());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vector_index (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                ps.setString(i++, v.name());
                ps.setString(i++, v.dataset());
                ps.setString(i++, v.keyColumn());
                ps.setString(i++, v.textColumn());
                ps.setInt(i++, v.chunkSize());
                ps.setInt(i++, v.chunkOverlap());
                ps.setString(i++, v.provider());
                ps.setString(i++, v.modelName());
                ps.setString(i++, v.modelVersion());
                ps.setInt(i++, v.dimensions());
                ps.setInt(i++, v.maxDegree());
                ps.setInt(i++, v.beamWidth());
                ps.setDouble(i++, v.neighborOverflow());
                ps.setDouble(i++, v.alpha());
                ps.setBoolean(i++, v.hierarchy());
                ps.setInt(i++, v.overquery());
                ps.setString(i++, v.refreshPolicy());
                ps.setLong(i++, v.rowCount());
                ps.setLong(i++, v.chunkCount());
                ps.setLong(i++, v.buildMillis());
                ps.setString(i++, v.buildSignature());
                setInstant(ps, i++, v.refreshedAt());
                setInstant(ps, i++, v.lastUsed());
                ps.setString(i++, v.createdBy());
                setInstant(ps, i++, v.createdAt());
                ps.setString(i++, v.lastError());
                ps.setString(i, v.buildId());
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw unavailable("store the vector index " + v.name(), e);
        }
    }

    @Override
    public boolean delete(String name) {
        update(
                "delete the build lease of the vector index " + name,
                "DELETE FROM vector_build_lease WHERE index_name = ?",
                name);
        return update("delete the vector index " + name, "DELETE FROM vector_index WHERE name = ?", name) > 0;
    }

    @Override
    public void refreshed(String name, long rows, long chunks, long buildMillis, String signature, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE vector_index SET row_count = ?, chunk_count = ?,"
                        + " build_millis = ?, build_signature = ?, refreshed_at = ?, last_error = NULL"
                        + " WHERE name = ?")) {
            ps.setLong(1, rows);
            ps.setLong(2, chunks);
            ps.setLong(3, buildMillis);
            ps.setString(4, signature);
            setInstant(ps, 5, at);
            ps.setString(6, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("record the refresh of the vector index " + name, e);
        }
    }

    @Override
    public void failed(String name, String error) {
        String text = error == null ? "unknown error" : error;
        if (text.length() > 4000) {
            text = text.substring(0, 3997) + "...";
        }
        update(
                "record the failure of the vector index " + name,
                "UPDATE vector_index SET last_error = ? WHERE name = ?",
                text,
                name);
    }

    @Override
    public void used(String name, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE vector_index SET last_used = ? WHERE name = ?")) {
            setInstant(ps, 1, at);
            ps.setString(2, name);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("stamp the vector index " + name, e);
        }
    }

    @Override
    public boolean leaseBuild(String name, String holder, String jobId, Instant now, Instant until) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vector_build_lease SET holder = ?, job_id = ?,"
                    + " expires_at = ? WHERE index_name = ? AND (holder = ? OR expires_at < ?)")) {
                ps.setString(1, holder);
                ps.setString(2, jobId);
                setInstant(ps, 3, until);
                ps.setString(4, name);
                ps.setString(5, holder);
                setInstant(ps, 6, now);
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vector_build_lease (index_name, holder, job_id, expires_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setString(3, jobId);
                setInstant(ps, 4, until);
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // held by another hub (or taken by one just now)
            }
            throw unavailable("take the build lease of the vector index " + name, e);
        }
    }

    @Override
    public Optional<BuildLease> buildLease(String name, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT holder, job_id, expires_at FROM vector_build_lease"
                        + " WHERE index_name = ? AND expires_at >= ?")) {
            ps.setString(1, name);
            setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new BuildLease(name, rs.getString(1), rs.getString(2), instant(rs, 3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the build lease of the vector index " + name, e);
        }
    }

    @Override
    public void releaseBuild(String name, String holder) {
        update(
                "release the build lease of the vector index " + name,
                "DELETE FROM vector_build_lease WHERE index_name = ? AND holder = ?",
                name,
                holder);
    }

    @Override
    public boolean publish(
            String name,
            String holder,
            String buildId,
            long rows,
            long chunks,
            long buildMillis,
            String signature,
            Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE vector_index SET build_id = ?, row_count = ?,"
                        + " chunk_count = ?, build_millis = ?, build_signature = ?, refreshed_at = ?,"
                        + " last_error = NULL WHERE name = ? AND EXISTS (SELECT 1 FROM vector_build_lease"
                        + " WHERE index_name = ? AND holder = ?)")) {
            ps.setString(1, buildId);
            ps.setLong(2, rows);
            ps.setLong(3, chunks);
            ps.setLong(4, buildMillis);
            ps.setString(5, signature);
            setInstant(ps, 6, at);
            ps.setString(7, name);
            ps.setString(8, name);
            ps.setString(9, holder);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable("publish the build " + buildId + " of the vector index " + name, e);
        }
    }

    private int update(String what, String sql, String... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, at));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        long micros = rs.getLong(index);
        return rs.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static StoredVectorIndex read(ResultSet rs) throws SQLException {
        return new StoredVectorIndex(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getInt(10),
                rs.getInt(11),
                rs.getInt(12),
                rs.getDouble(13),
                rs.getDouble(14),
                rs.getBoolean(15),
                rs.getInt(16),
                rs.getString(17),
                rs.getLong(18),
                rs.getLong(19),
                rs.getLong(20),
                rs.getString(21),
                instant(rs, 22),
                instant(rs, 23),
                rs.getString(24),
                instant(rs, 25),
                rs.getString(26),
                rs.getString(27));
    }

    private static CatalogUnavailableException unavailable(String what, SQLException e) {
        return new CatalogUnavailableException(
                "The catalog database could not " + what + ": " + e.getMessage() + ". No vector index was changed.", e);
    }
}
