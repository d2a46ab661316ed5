package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.testing.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub streaming a PostgreSQL table's changes ({@code from: cdc}) is killed with SIGKILL while a
 * writer keeps inserting, updating and deleting rows, one transaction each; the writer goes on while
 * the hub is down; a new hub on the same home resumes from the position committed with the data.
 * The dataset then equals the table: the same keys and values, no key twice.
 */
class CdcKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final int INITIAL = 500;
    private static final int CHANGES = 900;

    @TempDir
    Path temp;

    private final Random random = new Random(20261130);
    private final String suffix = Long.toString(Math.abs(random.nextLong() ^ System.nanoTime()), 36);
    private final String table = "cdc_kill_" + suffix;
    private final String slot = "lakehub_kill_" + suffix;
    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private final List<Process> hubs = new ArrayList<>();
    private Connection pg;

    @BeforeEach
    void createTable() throws SQLException {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("CREATE TABLE " + table + " (id INT PRIMARY KEY, version INT NOT NULL, note TEXT)");
        exec("INSERT INTO " + table + " SELECT g, 0, 'initial ' || g FROM generate_series(1, " + INITIAL + ") g");
    }

    @AfterEach
    void dropAll() throws Exception {
        for (Process hub : hubs) {
            hub.destroyForcibly();
            hub.waitFor(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        exec("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                                + slot + "'"));
        exec("DROP PUBLICATION IF EXISTS " + slot + "_pub");
        exec("DROP TABLE IF EXISTS " + table);
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    private Process startHub(Path home, Path config, String log) throws Exception {
        Process hub = HubProcess.command(
                        home, config, temp.resolve(log), "run", "--port", "0", "--", "--lakehub.inbox.enabled=false")
                .start();
        hubs.add(hub);
        return hub;
    }

    private String log(String name) {
        try {
            String text = Files.readString(temp.resolve(name));
            return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The lake's rows through the running hub {@code hub}, or null while it cannot answer. Asked only
     * once the hub announced itself in hub.json: a command run before that would open the home
     * itself and keep the hub from taking it.
     */
    private List<String> lake(Path home, Process hub) throws Exception {
        Path announced = home.resolve("hub.json");
        if (!Files.exists(announced) || !Files.readString(announced).contains("\"pid\":" + hub.pid())) {
            return null;
        }
        var r = cli.run(
                "--home",
                home.toString(),
                "sql",
                "SELECT id, version, note FROM orders ORDER BY id",
                "--format",
                "json");
        if (r.code() != 0) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        for (JsonNode row : JSON.readTree(r.out()).path("rows")) {
            rows.add(row.get(0).asLong() + "|" + row.get(1).asLong() + "|"
                    + row.get(2).asText());
        }
        return rows;
    }

    private List<String> source() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, version, note FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    /** One change per transaction: an insert of a new key, an update or a delete of an existing one. */
    private void writeChanges(int count, AtomicInteger done) throws SQLException {
        try (Connection writer = DriverManager.getConnection(PG, "postgres", null);
                Statement s = writer.createStatement()) {
            int next = INITIAL + 1;
            for (int i = 0; i < count; i++) {
                int roll = random.nextInt(10);
                int id = 1 + random.nextInt(next - 1);
                if (roll < 4) {
                    s.executeUpdate("INSERT INTO " + table + " VALUES (" + next++ + ", 0, 'inserted " + i + "')");
                } else if (roll < 8) {
                    s.executeUpdate("UPDATE " + table + " SET version = version + 1, note = 'updated " + i
                            + "' WHERE id = " + id);
                } else {
                    s.executeUpdate("DELETE FROM " + table + " WHERE id = " + id);
                }
                done.incrementAndGet();
            }
        }
    }

    @Test
    void aHubKilledMidStreamResumesFromItsCommittedPositionAndTheLakeEqualsTheTable() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: cdc
                      cdc: { url: "%s", user: postgres, tables: [public.%s], slot: %s }
                      into: orders
                      key: [id]
                """.formatted(PG, table, slot));
        Process first = startHub(home, config, "hub-1.log");
        // The snapshot is in the lake: the stream is running.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(first.isAlive())
                            .as("the hub runs; its log:%n%s", log("hub-1.log"))
                            .isTrue();
                    List<String> rows = lake(home, first);
                    return rows != null && rows.size() >= INITIAL;
                });

        AtomicInteger done = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                writeChanges(CHANGES, done);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // Killed while changes stream in, some of them committed to the lake.
        await().atMost(Duration.ofSeconds(120)).until(() -> done.get() >= CHANGES / 3);
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writer).as("the writer is still going when the hub dies").isNotDone();

        writer.get(120, TimeUnit.SECONDS);
        Process second = startHub(home, config, "hub-2.log");
        List<String> expected = source();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(second.isAlive())
                            .as("the hub runs; its log:%n%s", log("hub-2.log"))
                            .isTrue();
                    assertThat(lake(home, second)).isEqualTo(expected);
                });
        var distinct = cli.run(
                "--home",
                home.toString(),
                "sql",
                "SELECT count(*) = count(DISTINCT id) FROM orders",
                "--format",
                "csv");
        assertThat(distinct.out()).endsWith("true\n");
    }
}
