package io.lakehub.catalog.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lake binding on PostgreSQL (as {@link JdbcCatalogPostgresIT}: default {@code
 * 127.0.0.1:5432/test}), each catalog in a schema of its own, dropped afterwards.
 */
class LakeBindingPostgresIT extends LakeBindingContract {
    private static final String URL =
            System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("lakehub.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("lakehub.it.postgres.password", "");

    private final List<String> schemas = new ArrayList<>();

    @Override
    CatalogSettings freshCatalog(String name, Path lake) throws SQLException {
        // A name, not test data: it must differ between concurrent runs, so it is not seeded.
        String schema =
                "lakehub_bind_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE SCHEMA " + schema);
        schemas.add(schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new CatalogSettings(url, USER, PASSWORD, lake, 6);
    }

    @Override
    void dropCatalogs() throws SQLException {
        for (String schema : schemas) {
            admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
