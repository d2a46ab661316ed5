package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autotune agent on two hubs (JVMs of their own, one PostgreSQL catalog, one lake, clustered
 * scheduler; ADR 0048): the index's cron is one Quartz job, each fire runs on exactly one hub; a
 * promotion recorded in the catalog and a rollback made through hub A are put in force by hub B on
 * its next search, which does not fail.
 */
class AutotuneClusterIT {
    private static final String ADMIN_URL = HubFixture.POSTGRES_URL;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The log line of a run a cron fire started, with the fire's due time. */
    private static final Pattern CRON_RUN =
            Pattern.compile("Autotune of vector index docs_idx started \\(cron [^,]*, due (\\S+)\\)");

    @TempDir
    Path temp;

    /** A name, not test data: unique per run (ITs of several worktrees share the database). */
    private final String schema =
            "lh_agentjob_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final List<Process> hubs = new ArrayList<>();
    private int files;

    @BeforeEach
    void createSchema() throws Exception {
        HubFixture.admin("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void stopHubsAndDropSchema() throws Exception {
        for (Process hub : hubs) {
            hub.destroy();
        }
        for (Process hub : hubs) {
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
        HubFixture.admin("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void eachCronFireRunsOnOneHubAndPromotionsReachTheOtherHub() throws Exception {
        Path lake = temp.resolve("shared-lake");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        int a = HubFixture.freePort();
        int b = HubFixture.freePort();
        Process hubA = start("a", lake, config, a);
        Process hubB = start("b", lake, config, b);
        HubFixture.awaitHealthy(hubA, a, temp);
        HubFixture.awaitHealthy(hubB, b, temp);

        ingest(a, "docs", "1,the river runs past the old mill", "2,a falcon over the meadow", "3,glacier ice");
        created(HubFixture.post(a, "/api/indexes", """
                {"name": "docs_idx", "dataset": "docs", "key_column": "id", "text_column": "body"}"""));
        job(a, refresh(a, "docs_idx"));
        assertThat(keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2"); // B has it open

        // The cron fires every 2 s; each fire time is run by one hub only, across the cluster.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cronRuns().size() >= 4);
        List<String> fires = cronRuns();
        assertThat(fires).as("due times of cron runs on A and B").doesNotHaveDuplicates();

        // A promotion recorded in the catalog (as hub A's agent records it) is used by B's next search.
        JsonNode index = get(a, "/api/indexes/docs_idx");
        String graph = String.format(
                java.util.Locale.ROOT,
                "m=%d,beam=%d,overflow=%s,alpha=%s,hier=%b",
                index.path("max_degree").asInt(),
                index.path("beam_width").asInt(),
                Float.toString((float) index.path("neighbor_overflow").asDouble()),
                Float.toString((float) index.path("alpha").asDouble()),
                index.path("hierarchy").asBoolean());
        String live = graph + ";oq=" + index.path("overquery").asInt() + ",exact=0.02";
        String promoted = graph + ";oq=" + (index.path("overquery").asInt() + 4) + ",exact=0.5";
        try (Connection c = DriverManager.getConnection(catalogUrl(), "postgres", "");
                PreparedStatement ps = c.prepareStatement("INSERT INTO vector_promotion (index_name, seq, action,"
                        + " parameters, previous, trial_seq, reason, actor, promoted_at)"
                        + " VALUES ('docs_idx', 1, 'promote', ?, ?, NULL, 'test', 'ADMIN', ?)")) {
            ps.setString(1, promoted);
            ps.setString(2, live);
            ps.setLong(3, System.currentTimeMillis() * 1000);
            ps.executeUpdate();
        }
        assertThat(keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2");
        assertThat(log("b")).contains("Vector index docs_idx: put promote " + promoted + " in force (promotion 1");

        // A rollback through hub A: B's next search is back on the previous parameters.
        HttpResponse<String> rolledBack =
                HubFixture.post(a, "/api/indexes/docs_idx/rollback", "{\"reason\": \"test\"}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(keys(b, "docs_idx", "glacier")).first().isEqualTo("3");
        assertThat(log("b")).contains("Vector index docs_idx: put rollback " + live + " in force");
    }

    /** The due times of the cron runs both hubs started, from their logs. */
    private List<String> cronRuns() throws IOException {
        List<String> due = new ArrayList<>();
        for (String node : List.of("a", "b")) {
            Matcher m = CRON_RUN.matcher(log(node));
            while (m.find()) {
                due.add(m.group(1));
            }
        }
        return due;
    }

    private String log(String node) throws IOException {
        Path file = temp.resolve(node + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String refresh(int port, String index) {
        try {
            HttpResponse<String> r = HubFixture.post(port, "/api/indexes/" + index + "/refresh", "{}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            return JSON.readTree(r.body()).path("job").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the job to finish through the hub that runs it; it must have succeeded. */
    private static JsonNode job(int port, String id) throws Exception {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        !get(port, "/api/jobs/" + id).path("status").asText().matches("queued|running"));
        JsonNode done = get(port, "/api/jobs/" + id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    private static List<String> keys(int port, String index, String query) throws Exception {
        HttpResponse<String> r = HubFixture.post(
                port, "/api/indexes/" + index + "/search", JSON.writeValueAsString(Map.of("query", query, "k", 3)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(r.body()).path("hits")) {
            keys.add(hit.path("key").asText());
        }
        return keys;
    }

    private void ingest(int port, String dataset, String... rows) throws Exception {
        Path file = Files.writeString(
                temp.resolve(dataset + "-" + (++files) + ".csv"), "id,body\n" + String.join("\n", rows) + "\n");
        HttpResponse<String> r = HubFixture.post(
                port, "/api/ingest", JSON.writeValueAsString(Map.of("path", file.toString(), "dataset", dataset)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(HubFixture.get(port, path).body());
    }

    private String catalogUrl() {
        return ADMIN_URL + (ADMIN_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private Process start(String node, Path lake, Path config, int port) throws IOException {
        ProcessBuilder pb = HubProcess.command(
                temp.resolve("home-" + node), config, temp.resolve(node + ".log"), "run", "--port", "" + port);
        Map<String, String> env = pb.environment();
        env.put("LAKEHUB_CATALOG_URL", catalogUrl());
        env.put("LAKEHUB_CATALOG_USERNAME", "postgres");
        env.put("LAKEHUB_SCHEDULER_CLUSTERED", "true");
        env.put("LAKEHUB_LAKE_PATH", lake.toString());
        env.put("LAKEHUB_INBOX_ENABLED", "false");
        env.put("LAKEHUB_VECTOR_PROVIDER", "hashing");
        env.put("LAKEHUB_VECTOR_DIMENSIONS", "32");
        env.put("LAKEHUB_VECTOR_AUTOTUNE_CRON", "*/2 * * * * ?");
        env.put("LAKEHUB_VECTOR_AUTOTUNE_TRIALS", "1");
        Process p = pb.start();
        hubs.add(p);
        return p;
    }
}
