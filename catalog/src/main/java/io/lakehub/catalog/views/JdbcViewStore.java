package io.lakehub.catalog.views;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link ViewStore} on the catalog database; runs on H2 and PostgreSQL alike. */
public final class JdbcViewStore implements ViewStore {
    private static final String COLUMNS = "name, base, definition, created_by, created_at";

    private final DataSource dataSource;

    public JdbcViewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<StoredView> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM lake_view ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<StoredView> views = new ArrayList<>();
            while (rs.next()) {
                views.add(read(rs));
            }
            return views;
        } catch (SQLException e) {
            throw unavailable("list the views", e);
        }
    }

    @Override
    public Optional<StoredView> find(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM lake_view WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read the view " + name, e);
        }
    }

    @Override
    public void insert(StoredView view) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM lake_view WHERE name = ?")) {
                exists.setString(1, view.name());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        throw new DuplicateViewException(
                                "A view named " + view.name() + " exists already; delete it first.", null);
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO lake_view (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, view.name());
                ps.setString(2, view.base());
                ps.setString(3, view.definition());
                ps.setString(4, view.createdBy());
                ps.setLong(5, ChronoUnit.MICROS.between(Instant.EPOCH, view.createdAt()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new DuplicateViewException(
                        "A view named " + view.name() + " exists already; delete it first.", e);
            }
            throw unavailable("store the view " + view.name(), e);
        }
    }

    @Override
    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM lake_view WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable("delete the view " + name, e);
        }
    }

    private static StoredView read(ResultSet rs) throws SQLException {
        return new StoredView(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.EPOCH.plus(rs.getLong(5), ChronoUnit.MICROS));
    }

    private static CatalogUnavailableException unavailable(String what, SQLException e) {
        return new CatalogUnavailableException(
                "The catalog database could not " + what + ": " + e.getMessage() + ". No view was changed.", e);
    }
}
