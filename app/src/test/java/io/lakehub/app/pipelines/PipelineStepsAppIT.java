package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A pipeline declared in YAML with {@code steps:}, on the real back ends: a file dropped into its
 * source folder lands without the dropped column, renamed, with a Camel processor bean's changes, and
 * the commit's audit event carries the steps' reports. The SQL views learn of the new snapshot
 * through the catalog's change feed (their cross-process check is set to an hour).
 *
 * <p>And a pipeline run in progress reports how far it has got (sharing this hub saves a start-up):
 * while its ingest holds in a processor step at the third batch of 1,000 rows, the running run
 * carries {@code progress} (bytes of the file read of its size, 3,000 rows read) in {@code GET
 * /api/pipelines/{id}/runs}, {@code GET /api/runs/{id}} and {@code GET /api/schedules}, the
 * pipeline's job in {@code GET /api/jobs} carries it, and {@code GET /api/ingests} lists the ingest;
 * once the run ended, none of them does.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PipelineStepsAppIT.Beans.class)
class PipelineStepsAppIT {
    private static final Path HOME = TestHomes.create("pipeline-steps-it");
    private static final Path SOURCE = HOME.resolveSibling("steps-source");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path HELD_SOURCE = HOME.resolveSibling("progress-source");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int HELD_ROWS = 5_000;

    static final CountDownLatch HELD = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @TestConfiguration
    static class Beans {
        /** Scores times ten, in place. */
        @Bean
        Processor timesTen() {
            return exchange -> {
                VectorSchemaRoot batch = exchange.getMessage().getBody(VectorSchemaRoot.class);
                IntVector score = (IntVector) batch.getVector("score");
                for (int i = 0; i < batch.getRowCount(); i++) {
                    if (!score.isNull(i)) {
                        score.set(i, score.get(i) * 10);
                    }
                }
            };
        }

        /** Lets two batches pass, then holds the third until the test releases it. */
        @Bean
        Processor holdAtTheThirdBatch() {
            AtomicInteger batches = new AtomicInteger();
            return exchange -> {
                if (batches.incrementAndGet() == 3) {
                    HELD.countDown();
                    if (!RELEASE.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the run");
                    }
                }
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCE);
        Files.createDirectories(HELD_SOURCE);
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= HELD_ROWS; i++) {
            csv.append(i).append(",name-").append(i).append('\n');
        }
        Files.writeString(HELD_SOURCE.resolve("people.csv"), csv);
        Path config = Files.writeString(HOME.resolveSibling("lakehub-steps.yaml"), """
                lakehub:
                  pipelines:
                    - id: scored
                      from: "file:%s?delay=200"
                      format: csv
                      into: scored
                      steps:
                        - drop-columns: [ssn]
                        - processor: timesTen
                          name: scoring
                        - rename-columns: { score: points }
                    - id: held
                      from: "file:%s?noop=true"
                      format: csv
                      into: held
                      schedule: "0 0 3 * * ?"
                      steps:
                        - processor: holdAtTheThirdBatch
                """.formatted(SOURCE, HELD_SOURCE));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        // Only the change feed can bring the new dataset to the SQL views within this test.
        registry.add("lakehub.query.view-check-interval", () -> "1h");
        registry.add("lakehub.ingest.batch-rows", () -> "1000");
    }

    @LocalServerPort
    int port;

    @Test
    void aFileThroughThePipelineLandsAsItsStepsMadeIt() throws Exception {
        assertThat(sql("SELECT 42").path("rows").toString()).isEqualTo("[[42]]");
        Files.writeString(SOURCE.resolve("people.csv"), "id,score,ssn\n1,4,111-22\n2,7,333-44\n");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/scored").path("row_count").asLong())
                        .isEqualTo(2));
        JsonNode result = sql("SELECT * FROM scored ORDER BY id");
        assertThat(result.toString()).doesNotContain("ssn").doesNotContain("111-22");
        assertThat(result.path("columns").toString()).contains("points");
        assertThat(result.path("rows").toString()).isEqualTo("[[1,40],[2,70]]");
        JsonNode commit = null;
        for (JsonNode e : get("/api/audit?limit=50").path("events")) {
            if (e.path("action").asText().equals("dataset.commit")
                    && e.path("entity").asText().equals("dataset:scored")) {
                commit = e;
            }
        }
        assertThat(commit).as("the commit's audit event").isNotNull();
        assertThat(commit.toString())
                .contains("scoring")
                .contains("drop-columns")
                .contains("rename-columns");
        // The PII scan runs in every ingest by default; its result is shown per column.
        for (JsonNode column : get("/api/datasets/scored").path("columns")) {
            assertThat(column.path("pii").asText()).as(column.toString()).isNotEmpty();
            assertThat(column.path("pii_snapshot").asLong())
                    .as(column.toString())
                    .isPositive();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private JsonNode sql(String query) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.createObjectNode().put("sql", query).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @AfterEach
    void release() {
        RELEASE.countDown();
    }

    @Test
    void aRunningRunReportsItsProgressEverywhereItIsShownAndNoneOnceItEnded() throws Exception {
        HubHttp hub = new HubHttp(port);
        long size = Files.size(HELD_SOURCE.resolve("people.csv"));

        HubHttp.Response accepted = hub.post("/api/pipelines/held/run", "");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long runId = accepted.json().path("run_id").asLong();
        assertThat(HELD.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        JsonNode run = hub.get("/api/pipelines/held/runs").json().get(0);
        assertThat(run.path("id").asLong()).isEqualTo(runId);
        assertThat(run.path("status").asText()).isEqualTo("running");
        assertRunning(run.path("progress"), size);
        assertRunning(hub.get("/api/runs/" + runId).json().path("progress"), size);
        assertRunning(
                pipelineIn(hub.get("/api/schedules").json(), "pipeline")
                        .path("last_run")
                        .path("progress"),
                size);
        assertRunning(pipelineIn(hub.get("/api/jobs").json(), "id").path("progress"), size);
        JsonNode ingests = hub.get("/api/ingests").json();
        assertThat(ingests).hasSize(1);
        assertThat(ingests.get(0).path("pipeline").asText()).isEqualTo("held");
        assertThat(ingests.get(0).path("dataset").asText()).isEqualTo("held");
        assertThat(ingests.get(0).path("source").asText()).endsWith("people.csv");
        assertRunning(ingests.get(0).path("progress"), size);

        RELEASE.countDown();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(hub.get("/api/runs/" + runId)
                                .json()
                                .path("status")
                                .asText())
                        .isEqualTo("succeeded"));
        JsonNode ended = hub.get("/api/pipelines/held/runs").json().get(0);
        assertThat(ended.path("rows").asLong()).isEqualTo(HELD_ROWS);
        assertThat(ended.path("progress").isNull()).as(ended.toString()).isTrue();
        assertThat(pipelineIn(hub.get("/api/jobs").json(), "id")
                        .path("progress")
                        .isNull())
                .isTrue();
        assertThat(hub.get("/api/ingests").json()).isEmpty();
    }

    /** Bytes of the file read (Linux shows the read position), with the rows read so far and a rate. */
    private static void assertRunning(JsonNode progress, long size) {
        assertThat(progress.isObject()).as("progress: " + progress).isTrue();
        assertThat(progress.path("rows").asLong()).isEqualTo(3_000);
        assertThat(progress.path("unit").asText()).isEqualTo("bytes");
        assertThat(progress.path("total").asLong()).isEqualTo(size);
        assertThat(progress.path("done").asLong()).isBetween(1L, size);
        assertThat(progress.has("rate")).isTrue();
        assertThat(progress.has("eta_seconds")).isTrue();
    }

    private static JsonNode pipelineIn(JsonNode list, String idField) {
        for (JsonNode n : list) {
            if ("held".equals(n.path(idField).asText())) {
                return n;
            }
        }
        throw new AssertionError("no pipeline 'held' in " + list);
    }
}
