package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.testing.cluster.HubFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs (JVMs of their own) with separate homes, one PostgreSQL catalog, one lake ({@code
 * LAKEHUB_LAKE_PATH}), clustered scheduler (ADR 0035): a file ingested through either is queryable
 * through both, concurrent appends to one dataset from both lose nothing, a cron pipeline fires once
 * per fire time, and a third hub pointed at another lake with the same catalog refuses to start,
 * naming both.
 */
class SharedLakeClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WRITERS_PER_HUB = 3;
    private static final int APPENDS_PER_WRITER = 4;
    private static final int ROWS_PER_APPEND = 25;

    private final Path temp;

    @RegisterExtension
    final HubCluster cluster;

    SharedLakeClusterIT(@TempDir Path temp) {
        this.temp = temp;
        this.cluster = new HubCluster("lh_shared_lake_", temp);
    }

    @Test
    void twoHubsShareOneLakeAndOneCatalog() throws Exception {
        Path lake = temp.resolve("shared-lake");
        Path ticksIn = Files.createDirectories(temp.resolve("ticks-in"));
        Files.writeString(ticksIn.resolve("tick.csv"), "id\n1\n");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: ticks
                      from: "file:%s?noop=true"
                      into: ticks
                      schedule: "* * * * * ?"
                      timezone: UTC
                """.formatted(ticksIn));
        // Both start at once on a fresh schema: migrations and the catalog's identity race.
        long t0 = System.nanoTime();
        int[] ports = cluster.startHealthy(lake, config, Map.of(), "a", "b");
        int portA = ports[0];
        int portB = ports[1];
        System.out.printf("SharedLakeClusterIT: both hubs up after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(lake.resolve(".lakehub-catalog")).exists();

        // A file ingested through A is queryable through both, and one through B too.
        Path people = Files.writeString(temp.resolve("people.csv"), "id,name\n1,Ann\n2,Bob\n3,Cid\n");
        ingest(portA, people, "people");
        assertThat(count(portA, "people")).isEqualTo(3);
        assertThat(count(portB, "people")).isEqualTo(3);
        // Another file: the same content again would be recognised as already ingested.
        ingest(portB, Files.writeString(temp.resolve("more-people.csv"), "id,name\n4,Dee\n5,Eve\n6,Fay\n"), "people");
        assertThat(count(portA, "people")).isEqualTo(6);
        assertThat(count(portB, "people")).isEqualTo(6);

        // Concurrent appends to one dataset from both hubs lose nothing.
        List<Path> files = new ArrayList<>();
        for (int f = 0; f < 2 * WRITERS_PER_HUB * APPENDS_PER_WRITER; f++) {
            StringBuilder csv = new StringBuilder("id,file\n");
            for (int r = 0; r < ROWS_PER_APPEND; r++) {
                csv.append(f * ROWS_PER_APPEND + r).append(',').append(f).append('\n');
            }
            files.add(Files.writeString(temp.resolve("events-" + f + ".csv"), csv));
        }
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_HUB);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 2 * WRITERS_PER_HUB; w++) {
            int writer = w;
            int port = w % 2 == 0 ? portA : portB;
            done.add(writers.submit(() -> {
                go.await();
                for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                    ingest(port, files.get(writer * APPENDS_PER_WRITER + i), "events");
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        long expected = (long) files.size() * ROWS_PER_APPEND;
        for (int port : List.of(portA, portB)) {
            JsonNode row = rows(port, "SELECT count(*), count(DISTINCT id) FROM events")
                    .get(0);
            assertThat(row.get(0).asLong()).as("rows through %s", port).isEqualTo(expected);
            assertThat(row.get(1).asLong()).as("distinct rows through %s", port).isEqualTo(expected);
        }

        System.out.printf("SharedLakeClusterIT: appends done after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        // The cron pipeline fires once per fire time across both hubs.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cronRunsPerFireTime().size() >= 4);
        assertThat(cronRunsPerFireTime())
                .as("runs per cron fire time")
                .allSatisfy(
                        (time, runs) -> assertThat(runs).as("runs at %s", time).isEqualTo(1));

        // A third hub on the same catalog but another lake refuses to start, naming both.
        Path otherLake = temp.resolve("other-lake");
        Process c = cluster.start("c", otherLake, config, HubFixture.freePort(), Map.of());
        assertThat(c.waitFor(120, TimeUnit.SECONDS))
                .as("the hub on another lake exits (%s)", temp.resolve("c.log"))
                .isTrue();
        assertThat(c.exitValue()).isNotZero();
        String log = Files.readString(temp.resolve("c.log"));
        assertThat(log)
                .contains(otherLake.toString())
                .contains("lakehub: The lake at " + otherLake)
                .contains("currentSchema=" + cluster.schema())
                .contains("lacks files that this hub's catalog");
        assertThat(otherLake.resolve(".lakehub-catalog")).doesNotExist();
        System.out.printf("SharedLakeClusterIT: done after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    private Map<String, Long> cronRunsPerFireTime() throws Exception {
        Map<String, Long> runs = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(cluster.catalogUrl(), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT scheduled_for, count(*) FROM pipeline_run WHERE pipeline ="
                        + " 'ticks' AND trigger_kind = 'CRON' GROUP BY scheduled_for")) {
            while (rs.next()) {
                runs.put(rs.getString(1), rs.getLong(2));
            }
        }
        return runs;
    }

    private static void ingest(int port, Path file, String dataset) throws Exception {
        String body = JSON.writeValueAsString(Map.of("path", file.toString(), "dataset", dataset));
        HttpResponse<String> r = HubFixture.post(port, "/api/ingest", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static long count(int port, String dataset) throws Exception {
        return rows(port, "SELECT count(*) FROM " + dataset).get(0).get(0).asLong();
    }

    private static JsonNode rows(int port, String sql) throws Exception {
        HttpResponse<String> r = HubFixture.post(port, "/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("rows");
    }
}
