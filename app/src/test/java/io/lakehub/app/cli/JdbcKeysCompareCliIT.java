package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.processors.source.jdbc.SourceKeys;
import java.io.IOException;
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
 * Hard deletes of {@code from: jdbc} upsert pipelines through the periodic key comparison ({@code
 * deleted: { compare-keys: ... }}), run by {@code ./lakehub pipeline run} (the hub's own path)
 * against the real PostgreSQL and MariaDB: rows DELETEd in the source disappear from the dataset on
 * the next poll on which a comparison is due and count as deleted; a poll on which it is not due
 * reads no keys and hides nothing; a comparison on a quiet table commits only delete markers.
 */
class JdbcKeysCompareCliIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String TABLE = "jdbc_it_keys_orders";
    private static final String ITEMS = "jdbc_it_keys_items";

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private Connection pg;

    @BeforeEach
    void createTable() throws SQLException {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("DROP TABLE IF EXISTS " + TABLE);
        exec("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, status TEXT NOT NULL, amount NUMERIC(10,2),"
                + " updated_at TIMESTAMPTZ NOT NULL)");
        exec("INSERT INTO " + TABLE + " SELECT g, 'new', g, now() - interval '1 hour' FROM generate_series(1, 100) g");
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

    private String dataset(String name) {
        return cli.succeeds("--home", home(), "dataset", name);
    }

    private Path config(String compareKeys) throws IOException {
        return Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      jdbc: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, table: %s, cursor: [updated_at, id], pageSize: 30 }
                      into: orders
                      mode: upsert
                      key: [id]
                      deleted: { compare-keys: %s }
                """.formatted(TABLE, compareKeys));
    }

    /** snapshot | parent | operation | schema | added rows | inserted | updated | deleted | total rows */
    private static String snapshotRow(long added, long inserted, long updated, long deleted, long total) {
        return "\\|\\s*MERGE\\s*\\|\\s*v\\d+\\s*\\|\\s*" + added + "\\s*\\|\\s*" + inserted + "\\s*\\|\\s*" + updated
                + "\\s*\\|\\s*" + deleted + "\\s*\\|\\s*" + total + "\\s*\\|";
    }

    @Test
    void rowsDeletedInTheSourceDisappearOnTheNextDuePollAndCountAsDeleted() throws Exception {
        // 1ms: every poll is past the interval, so every poll compares.
        Path config = config("1ms");
        long listings = SourceKeys.listings();
        run(config, "succeeded, 100 row(s)");
        assertThat(SourceKeys.listings()).isEqualTo(listings + 1);

        exec("UPDATE " + TABLE + " SET status = 'paid', updated_at = now() - interval '10 minutes' WHERE id <= 10");
        exec("DELETE FROM " + TABLE + " WHERE id BETWEEN 91 AND 95 OR id = 7");
        run(config, "succeeded, 9 row(s)");
        assertThat(SourceKeys.listings()).isEqualTo(listings + 2);

        assertThat(sql("SELECT count(*), count(DISTINCT id) FROM orders").get(0).toString())
                .as("one row per key, the deleted keys gone")
                .isEqualTo("[94,94]");
        assertThat(sql("SELECT count(*) FROM orders WHERE id BETWEEN 91 AND 95 OR id = 7")
                        .get(0)
                        .get(0)
                        .asLong())
                .isZero();
        assertThat(sql("SELECT count(*) FROM orders WHERE status = 'paid'")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(9);
        assertThat(dataset("orders")).containsPattern(snapshotRow(9, 0, 9, 6, 94));

        // A quiet table (no row changed) with one more delete: the poll commits only the marker.
        exec("DELETE FROM " + TABLE + " WHERE id = 50");
        run(config, "succeeded");
        assertThat(sql("SELECT count(*), count(*) FILTER (WHERE id = 50) FROM orders")
                        .get(0)
                        .toString())
                .isEqualTo("[93,0]");
        assertThat(dataset("orders")).containsPattern(snapshotRow(0, 0, 0, 1, 93));

        // Emptied in the source: every key goes.
        exec("DELETE FROM " + TABLE);
        run(config, "succeeded");
        assertThat(sql("SELECT count(*) FROM orders").get(0).get(0).asLong()).isZero();
        assertThat(dataset("orders")).containsPattern(snapshotRow(0, 0, 0, 93, 0));
    }

    @Test
    void aPollOnWhichTheComparisonIsNotDueReadsNoKeysAndHidesNothing() throws Exception {
        Path config = config("PT1H");
        long listings = SourceKeys.listings();
        run(config, "succeeded, 100 row(s)");
        assertThat(SourceKeys.listings()).as("never compared: due").isEqualTo(listings + 1);

        exec("DELETE FROM " + TABLE + " WHERE id = 5");
        exec("UPDATE " + TABLE + " SET status = 'paid', updated_at = now() - interval '10 minutes' WHERE id = 6");
        run(config, "succeeded, 1 row(s)");
        assertThat(SourceKeys.listings())
                .as("compared less than an hour ago: no key listing")
                .isEqualTo(listings + 1);
        assertThat(sql("SELECT count(*), count(*) FILTER (WHERE id = 5) FROM orders")
                        .get(0)
                        .toString())
                .isEqualTo("[100,1]");
        assertThat(dataset("orders")).containsPattern(snapshotRow(1, 0, 1, 0, 100));

        // Nothing changed and not due: nothing is committed.
        run(config, "succeeded");
        assertThat(SourceKeys.listings()).isEqualTo(listings + 1);
        assertThat(sql("SELECT count(*) FROM orders").get(0).get(0).asLong()).isEqualTo(100);
    }

    @Test
    void aMariaDbTableWithACompositeKeyLosesItsDeletedRowsThroughTheSamePath() throws Exception {
        try (Connection my = DriverManager.getConnection(MARIADB, "root", null);
                Statement s = my.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + ITEMS);
            s.execute("CREATE TABLE " + ITEMS + " (region VARCHAR(8) NOT NULL, id INT NOT NULL, name VARCHAR(20)"
                    + " NOT NULL, changed DATETIME(6) NOT NULL, PRIMARY KEY (region, id))");
            s.execute("INSERT INTO " + ITEMS + " VALUES ('eu', 1, 'a', NOW(6) - INTERVAL 1 HOUR),"
                    + " ('eu', 2, 'b', NOW(6) - INTERVAL 1 HOUR), ('us', 1, 'c', NOW(6) - INTERVAL 1 HOUR),"
                    + " ('us', 2, 'd', NOW(6) - INTERVAL 1 HOUR)");
            try {
                Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                        lakehub:
                          pipelines:
                            - id: orders
                              from: jdbc
                              jdbc: { url: "jdbc:mariadb://127.0.0.1:3306/test", user: root, table: %s, cursor: [changed], pageSize: 1 }
                              into: items
                              mode: upsert
                              key: [region, id]
                              deleted: { compare-keys: 1ms }
                        """.formatted(ITEMS));
                run(config, "succeeded, 4 row(s)");
                s.execute("DELETE FROM " + ITEMS + " WHERE region = 'us' AND id = 1");
                run(config, "succeeded");
                assertThat(sql("SELECT region, id, name FROM items ORDER BY region, id")
                                .toString())
                        .isEqualTo("[[\"eu\",1,\"a\"],[\"eu\",2,\"b\"],[\"us\",2,\"d\"]]");
                assertThat(dataset("items")).containsPattern(snapshotRow(0, 0, 0, 1, 3));
            } finally {
                s.execute("DROP TABLE IF EXISTS " + ITEMS);
            }
        }
    }
}
