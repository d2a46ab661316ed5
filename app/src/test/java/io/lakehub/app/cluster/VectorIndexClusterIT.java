package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector indexes on two hubs (JVMs of their own, separate homes, one PostgreSQL catalog, one lake;
 * ADR 0047): an index created on A over rows ingested through B is refreshed through B and searched
 * through both; an on-commit index follows commits made through B; two refreshes requested at once on
 * A and B make one build, the other job finding the index up to date.
 */
class VectorIndexClusterIT {
    private static final String ADMIN_URL = HubFixture.POSTGRES_URL;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    /** A name, not test data: unique per run (ITs of several worktrees share the database). */
    private final String schema =
            "lh_indexlease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

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
    void indexesAreBuiltOnceAndSearchedThroughEveryHub() throws Exception {
        Path lake = temp.resolve("shared-lake");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        int a = HubFixture.freePort();
        int b = HubFixture.freePort();
        Process hubA = start("a", lake, config, a);
        Process hubB = start("b", lake, config, b);
        HubFixture.awaitHealthy(hubA, a, temp);
        HubFixture.awaitHealthy(hubB, b, temp);

        ingest(b, "docs", "1,the river runs past the old mill", "2,a falcon over the meadow");
        created(post(a, "/api/indexes", """
                {"name": "docs_idx", "dataset": "docs", "key_column": "id", "text_column": "body"}"""));
        assertThat(job(b, refresh(b, "docs_idx")).path("added_rows").asInt()).isEqualTo(2);
        assertThat(keys(a, "docs_idx", "falcon meadow")).first().isEqualTo("2");
        assertThat(keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2");

        // Rows ingested through B, refreshed through B: A reopens the new build on its next search.
        ingest(b, "docs", "3,glacier ice and lantern light");
        assertThat(job(b, refresh(b, "docs_idx")).path("added_rows").asInt()).isEqualTo(1);
        assertThat(keys(a, "docs_idx", "glacier lantern")).first().isEqualTo("3");
        assertThat(keys(b, "docs_idx", "glacier lantern")).first().isEqualTo("3");
        assertThat(builds(lake, "docs_idx")).hasSize(2); // the superseded one waits out its grace period

        // Two refreshes requested at once on A and on B: one build, the other job finds it up to date.
        ingest(a, "docs", "4,cedar harbour at dawn");
        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> refresh(a, "docs_idx"));
        CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> refresh(b, "docs_idx"));
        JsonNode jobA = job(a, onA.get(60, TimeUnit.SECONDS));
        JsonNode jobB = job(b, onB.get(60, TimeUnit.SECONDS));
        assertThat(List.of(
                        jobA.path("up_to_date").asBoolean(),
                        jobB.path("up_to_date").asBoolean()))
                .as("A: %s, B: %s", jobA, jobB)
                .containsExactlyInAnyOrder(true, false);
        assertThat(builds(lake, "docs_idx")).hasSize(3);
        assertThat(keys(a, "docs_idx", "cedar harbour")).first().isEqualTo("4");
        assertThat(keys(b, "docs_idx", "cedar harbour")).first().isEqualTo("4");

        // An on-commit index created on A follows a commit made through B (refreshed once, by B).
        ingest(a, "notes", "n1,stone walls");
        created(post(a, "/api/indexes", """
                {"name": "notes_idx", "dataset": "notes", "key_column": "id", "text_column": "body",
                 "refresh": "on-commit"}"""));
        ingest(b, "notes", "n2,meadow flowers in spring");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> keys(a, "notes_idx", "meadow flowers spring").contains("n2"));
        assertThat(keys(b, "notes_idx", "meadow flowers spring")).first().isEqualTo("n2");
        assertThat(keys(a, "notes_idx", "stone walls")).first().isEqualTo("n1");
    }

    private List<String> builds(Path lake, String index) throws IOException {
        try (Stream<Path> dirs =
                Files.list(lake.resolve("_indexes").resolve(index).resolve("builds"))) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static void created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static String refresh(int port, String index) {
        try {
            HttpResponse<String> r = post(port, "/api/indexes/" + index + "/refresh", "{}");
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
        HttpResponse<String> r = post(
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
        HttpResponse<String> r =
                post(port, "/api/ingest", JSON.writeValueAsString(Map.of("path", file.toString(), "dataset", dataset)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
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
        env.put("LAKEHUB_VECTOR_DIMENSIONS", "128");
        Process p = pb.start();
        hubs.add(p);
        return p;
    }
}
