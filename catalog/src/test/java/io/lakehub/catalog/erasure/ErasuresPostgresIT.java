package io.lakehub.catalog.erasure;

import io.lakehub.catalog.store.CatalogSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** {@link ErasureContract} on PostgreSQL (127.0.0.1:5432/test), in a schema of its own per test. */
class ErasuresPostgresIT extends ErasureContract {
    private static final String URL =
            System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("lakehub.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("lakehub.it.postgres.password", "");

    private String schema;

    @Override
    CatalogSettings freshCatalog(Path home) throws Exception {
        // A name, not test data: it must differ between concurrent runs, so it is not seeded.
        schema = "lakehub_erasure_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE SCHEMA " + schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new CatalogSettings(url, USER, PASSWORD, home.resolve("lake"), 6);
    }

    @Override
    void dropCatalog() throws Exception {
        if (schema != null) {
            admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
