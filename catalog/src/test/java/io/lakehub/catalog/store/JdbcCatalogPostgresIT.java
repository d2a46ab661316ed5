package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog contract on PostgreSQL (default {@code 127.0.0.1:5432/test}, user {@code postgres};
 * override with {@code -Dlakehub.it.postgres.url=...}). Each test gets its own schema, created
 * before and dropped after, so runs in parallel worktrees or CI jobs never meet.
 */
class JdbcCatalogPostgresIT extends JdbcCatalogContract {
    private static final String URL =
            System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("lakehub.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("lakehub.it.postgres.password", "");

    private String schema;

    @Override
    CatalogSettings freshCatalog(Path home) throws SQLException {
        // A name, not test data: it must differ between concurrent runs, so it is not seeded.
        schema = "lakehub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE SCHEMA " + schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new CatalogSettings(url, USER, PASSWORD, home.resolve("lake"), 6);
    }

    @Override
    void dropCatalog() throws SQLException {
        if (schema != null) {
            admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void catalogTablesLiveInTheConfiguredSchemaOnly() throws Exception {
        appendRows(PEOPLE, 1);

        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name IN ('dataset', 'snapshot', 'data_file', 'lineage',"
                        + " 'schema_version', 'audit_event', 'audit_head', 'flyway_schema_history', 'source_position',"
                        + " 'idempotency_key')"))
                .isEqualTo(10);
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_name = 'audit_head'"))
                .isZero();
    }
}
