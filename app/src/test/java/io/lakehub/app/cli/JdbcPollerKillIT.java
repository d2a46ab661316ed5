package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.testing.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll killed with SIGKILL half-way: the hub runs {@code pipeline run} in a JVM of its own, is
 * killed once the poller is past its first page (seen in PostgreSQL's pg_stat_activity), and the
 * run is started again. The dataset then holds every source row exactly once, and the next poll
 * continues from the committed cursor.
 */
class JdbcPollerKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int ROWS = 400_000;

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private Connection pg;

    @BeforeEach
    void createTable() throws SQLException {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("DROP TABLE IF EXISTS jdbc_it_kill");
        exec("CREATE TABLE jdbc_it_kill (id INT PRIMARY KEY, payload TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL)");
        // Many rows share each timestamp, so pages end inside runs of equal cursor values.
        exec("INSERT INTO jdbc_it_kill SELECT g, repeat(md5(g::text), 4), now() - interval '2 hours'"
                + " + (g / 1000) * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
        exec("CREATE INDEX jdbc_it_kill_cursor ON jdbc_it_kill (updated_at, id)");
    }

    @AfterEach
    void dropTable() throws SQLException {
        exec("DROP TABLE IF EXISTS jdbc_it_kill");
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether the poller is reading a page after its first one (its keyset condition is in the query). */
    private boolean pollerPastFirstPage() throws SQLException {
        try (Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        + " 'lakehub' AND query LIKE '%jdbc_it_kill WHERE (%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private JsonNode sql(Path home, String query) throws IOException {
        var r = cli.run("--home", home.toString(), "sql", query, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out()).path("rows");
    }

    @Test
    void aHubKilledMidPollLeavesNothingAndTheNextRunWritesEveryRowOnce() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      jdbc: { url: "%s", user: postgres, table: jdbc_it_kill, cursor: [updated_at, id], pageSize: 20000, fetchSize: 2000 }
                      into: orders
                """.formatted(PG));
        Process hub = HubProcess.command(home, config, temp.resolve("hub.log"), "pipeline", "run", "orders")
                .start();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !hub.isAlive() || pollerPastFirstPage());
            assertThat(hub.isAlive())
                    .as("the hub is still polling when it is killed (log: %s)", temp.resolve("hub.log"))
                    .isTrue();
            hub.destroyForcibly(); // SIGKILL
            assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            hub.destroyForcibly();
        }

        // Nothing of the killed poll is in the dataset.
        var datasets = cli.run("--home", home.toString(), "datasets");
        assertThat(datasets.out()).doesNotContain("orders");

        var again = cli.run("--home", home.toString(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("succeeded, " + ROWS + " row(s)");
        JsonNode counts = sql(home, "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders");
        assertThat(counts.get(0).get(0).asLong()).isEqualTo(ROWS);
        assertThat(counts.get(0).get(1).asLong()).isEqualTo(ROWS);
        assertThat(counts.get(0).get(2).asLong()).isEqualTo(1);
        assertThat(counts.get(0).get(3).asLong()).isEqualTo(ROWS);

        // The next poll continues from the committed cursor: only what changed since.
        exec("INSERT INTO jdbc_it_kill VALUES (" + (ROWS + 1) + ", 'new', now() - interval '1 minute')");
        exec("UPDATE jdbc_it_kill SET payload = 'changed', updated_at = now() - interval '1 minute' WHERE id = 5");
        var next = cli.run("--home", home.toString(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).contains("succeeded, 2 row(s)");
        assertThat(sql(home, "SELECT count(*) FROM orders").get(0).get(0).asLong())
                .isEqualTo(ROWS + 2);
    }
}
