package io.lakehub.catalog.profiles;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ProfileStore} on the catalog database; runs on H2 and PostgreSQL alike. */
public final class JdbcProfileStore implements ProfileStore {
    private static final String COLUMNS =
            "id, datasets, indexes, default_k, default_filter, default_mode, created_by, created_at";

    private final DataSource dataSource;

    public JdbcProfileStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<StoredProfile> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM search_profile ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<StoredProfile> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("list the search profiles", e);
        }
    }

    @Override
    public Optional<StoredProfile> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM search_profile WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the search profile " + id, e);
        }
    }

    @Override
    public boolean insert(StoredProfile p) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM search_profile WHERE id = ?")) {
                exists.setString(1, p.id());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO search_profile (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, p.id());
                ps.setString(2, String.join(",", p.datasets()));
                ps.setString(3, String.join(",", p.indexes()));
                if (p.defaultK() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setInt(4, p.defaultK());
                }
                ps.setString(5, p.defaultFilter());
                ps.setString(6, p.defaultMode());
                ps.setString(7, p.createdBy());
                ps.setLong(8, ChronoUnit.MICROS.between(Instant.EPOCH, p.createdAt()));
                ps.executeUpdate();
                return true;
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw unavailable("store the search profile " + p.id(), e);
        }
    }

    @Override
    public boolean delete(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM search_profile WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable("delete the search profile " + id, e);
        }
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static StoredProfile read(ResultSet rs) throws SQLException {
        int k = rs.getInt(4);
        Integer defaultK = rs.wasNull() ? null : k;
        return new StoredProfile(
                rs.getString(1),
                names(rs.getString(2)),
                names(rs.getString(3)),
                defaultK,
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Instant.EPOCH.plus(rs.getLong(8), ChronoUnit.MICROS));
    }

    private static CatalogUnavailableException unavailable(String what, SQLException e) {
        return new CatalogUnavailableException("Could not " + what + " in the catalog: " + e.getMessage(), e);
    }
}
