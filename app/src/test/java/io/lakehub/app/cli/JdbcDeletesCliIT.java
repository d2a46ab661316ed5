package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.app.hub.DefaultHubBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletes of {@code from: jdbc} upsert pipelines, through {@code ./lakehub pipeline run} (the hub's
 * own path) against the real PostgreSQL (and MariaDB): a soft-delete column ({@code deleted: { column: is_deleted
 * }}) hides the key in the dataset, a later row with false brings it back, and {@code ./lakehub
 * dataset} counts what each snapshot inserted, updated and deleted.
 */
class JdbcDeletesCliIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String TABLE = "jdbc_it_deletes_orders";

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private Connection pg;

    @BeforeEach
    void createTable() throws SQLException {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("DROP TABLE IF EXISTS " + TABLE);
        exec("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, status TEXT NOT NULL, amount NUMERIC(10,2),"
                + " is_deleted BOOLEAN NOT NULL DEFAULT false, updated_at TIMESTAMPTZ NOT NULL)");
        exec("INSERT INTO " + TABLE + " SELECT g, 'new', g, false, now() - interval '1 hour'"
                + " FROM generate_series(1, 100) g");
    }

    @AfterEach
    void close() throws SQLException {
        exec("DROP TABLE IF EXISTS " + TABLE);
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    private String home() {
        return temp.resolve("home").toString();
    }

    private JsonNode sql(String query) {
        return cli.sqlRows(home(), query);
    }

    private void run(Path config, String expected) {
        assertThat(cli.succeeds("--home", home(), "--config", config.toString(), "pipeline", "run", "orders"))
                .contains(expected);
    }

    @Test
    void softDeletedRowsDisappearFromTheDatasetAndComeBackWhenTheColumnTurnsFalse() throws Exception {
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      jdbc: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, table: %s, cursor: [updated_at, id] }
                      into: orders
                      mode: upsert
                      key: [id]
                      deleted: { column: is_deleted }
                """.formatted(TABLE));

        run(config, "succeeded, 100 row(s)");
        assertThat(sql("SELECT count(*), count(DISTINCT id), CAST(sum(amount) AS BIGINT) FROM orders")
                        .get(0)
                        .toString())
                .isEqualTo("[100,100,5050]");

        // Updates (ids 1-10), soft deletes (ids 91-95), and a row soft-deleted before it was ever seen.
        exec("UPDATE " + TABLE + " SET status = 'paid', amount = amount * 10, updated_at = now() - interval '10"
                + " minutes' WHERE id <= 10");
        exec("UPDATE " + TABLE + " SET is_deleted = true, updated_at = now() - interval '10 minutes'"
                + " WHERE id BETWEEN 91 AND 95");
        exec("INSERT INTO " + TABLE + " VALUES (101, 'new', 1, true, now() - interval '10 minutes')");
        run(config, "succeeded, 16 row(s)");

        assertThat(sql("SELECT count(*), count(DISTINCT id) FROM orders").get(0).toString())
                .as("one row per key, the soft-deleted keys gone")
                .isEqualTo("[95,95]");
        assertThat(sql("SELECT count(*) FROM orders WHERE id BETWEEN 91 AND 95 OR id = 101 OR is_deleted")
                        .get(0)
                        .get(0)
                        .asLong())
                .isZero();
        assertThat(
                        sql("SELECT min(id), max(id), CAST(min(amount) AS INT), CAST(max(amount) AS INT) FROM orders WHERE status = 'paid'")
                                .get(0)
                                .toString())
                .isEqualTo("[1,10,10,100]");

        // Key 93 is undeleted in the source: the next poll brings it back with its new values.
        exec("UPDATE " + TABLE + " SET is_deleted = false, status = 'back', updated_at = now() - interval '5"
                + " minutes' WHERE id = 93");
        run(config, "succeeded, 1 row(s)");
        assertThat(sql("SELECT id, status FROM orders WHERE id BETWEEN 90 AND 101 ORDER BY id")
                        .toString())
                .isEqualTo("[[90,\"new\"],[93,\"back\"],[96,\"new\"],[97,\"new\"],[98,\"new\"],[99,\"new\"],"
                        + "[100,\"new\"]]");

        var dataset = cli.run("--home", home(), "dataset", "orders");
        assertThat(dataset.code()).as(dataset.err()).isZero();
        // snapshot | parent | operation | schema | added rows | inserted | updated | deleted | total rows
        assertThat(dataset.out())
                .containsPattern(
                        "\\|\\s*MERGE\\s*\\|\\s*v\\d+\\s*\\|\\s*1\\s*\\|\\s*1\\s*\\|\\s*0\\s*\\|\\s*0\\s*\\|\\s*96\\s*\\|")
                .containsPattern(
                        "\\|\\s*MERGE\\s*\\|\\s*v\\d+\\s*\\|\\s*16\\s*\\|\\s*0\\s*\\|\\s*10\\s*\\|\\s*5\\s*\\|\\s*95\\s*\\|")
                .containsPattern(
                        "\\|\\s*(MERGE|APPEND)\\s*\\|\\s*v\\d+\\s*\\|\\s*100\\s*\\|\\s*100\\s*\\|\\s*0\\s*\\|\\s*0\\s*\\|\\s*100\\s*\\|");
    }

    @Test
    void aMariaDbTinyintSoftDeleteColumnHidesTheKeyThroughTheSamePath() throws Exception {
        try (Connection my = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", null);
                Statement s = my.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jdbc_it_deletes_items");
            s.execute("CREATE TABLE jdbc_it_deletes_items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL,"
                    + " is_deleted TINYINT(1) NOT NULL DEFAULT 0, changed DATETIME(6) NOT NULL)");
            s.execute("INSERT INTO jdbc_it_deletes_items VALUES (1, 'a', 0, NOW(6) - INTERVAL 1 HOUR),"
                    + " (2, 'b', 0, NOW(6) - INTERVAL 1 HOUR), (3, 'c', 0, NOW(6) - INTERVAL 1 HOUR)");
            try {
                Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                        lakehub:
                          pipelines:
                            - id: orders
                              from: jdbc
                              jdbc: { url: "jdbc:mariadb://127.0.0.1:3306/test", user: root, table: jdbc_it_deletes_items, cursor: [changed, id] }
                              into: items
                              mode: upsert
                              key: [id]
                              deleted: { column: is_deleted }
                        """);
                run(config, "succeeded, 3 row(s)");
                s.execute("UPDATE jdbc_it_deletes_items SET is_deleted = 1, changed = NOW(6) - INTERVAL 10 MINUTE"
                        + " WHERE id = 2");
                s.execute("UPDATE jdbc_it_deletes_items SET name = 'C', changed = NOW(6) - INTERVAL 10 MINUTE"
                        + " WHERE id = 3");
                run(config, "succeeded, 2 row(s)");
                assertThat(sql("SELECT id, name FROM items ORDER BY id").toString())
                        .isEqualTo("[[1,\"a\"],[3,\"C\"]]");
            } finally {
                s.execute("DROP TABLE IF EXISTS jdbc_it_deletes_items");
            }
        }
    }
}
