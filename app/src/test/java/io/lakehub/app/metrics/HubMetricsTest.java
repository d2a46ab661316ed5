package io.lakehub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an operator scrapes from {@code /actuator/prometheus} after using the hub, and what {@code
 * /actuator/health} says per component, on in-memory back ends with the real scheduler and Camel.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HubMetricsTest.SlowIngestBackends.class)
@AutoConfigureObservability(tracing = false) // Spring Boot's tests turn metrics export off unless asked.
class HubMetricsTest {
    private static final Path HOME = TestHomes.create("metrics");
    private static final Path SOURCES = HOME.resolveSibling("sources");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Counted down when an ingest into {@code slow} has started; it then waits for {@link #RELEASE_SLOW}. */
    private static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);

    private static final CountDownLatch RELEASE_SLOW = new CountDownLatch(1);
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCES.resolve("good"));
        Files.createDirectories(SOURCES.resolve("bad"));
        Files.writeString(SOURCES.resolve("good").resolve("good.csv"), "id\n1\n2\n");
        Files.writeString(SOURCES.resolve("bad").resolve("bad.csv"), "age\nREFUSE\n");
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: good
                      from: "file:%1$s/good?noop=true"
                      into: good
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                    - id: bad
                      from: "file:%1$s/bad?noop=true"
                      into: bad
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                """.formatted(SOURCES.toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.poll-delay", () -> "50ms");
        registry.add("lakehub.inbox.read-lock-min-age", () -> "200ms");
        registry.add("lakehub.health.pipeline-failures", () -> "2");
    }

    @LocalServerPort
    int port;

    @Test
    void anIngestCountsItsRowsAndSourceBytesPerDatasetAndItsCommitLatency() throws Exception {
        Path csv = Files.writeString(HOME.resolveSibling("metered.csv"), "id,amount\n1,10\n2,20\n");

        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"metered\"}")
                        .status())
                .isEqualTo(200);
        http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"metered\"}");

        String scrape = scrape();
        assertThat(value(scrape, "lakehub_ingest_rows_total", Map.of("dataset", "metered")))
                .isEqualTo(2);
        assertThat(value(scrape, "lakehub_ingest_bytes_total", Map.of("dataset", "metered")))
                .isEqualTo(Files.size(csv));
        assertThat(value(scrape, "lakehub_ingest_seconds_count", Map.of("dataset", "metered", "outcome", "committed")))
                .isEqualTo(1);
        assertThat(value(scrape, "lakehub_ingest_seconds_count", Map.of("dataset", "metered", "outcome", "duplicate")))
                .isEqualTo(1);
        Map<String, String> commit = Map.of("dataset", "metered", "operation", "APPEND", "outcome", "success");
        assertThat(value(scrape, "lakehub_commit_seconds_count", commit)).isEqualTo(1);
        assertThat(value(scrape, "lakehub_commit_seconds_sum", commit)).isPositive();
        assertThat(value(scrape, "lakehub_commit_rows_total", Map.of("dataset", "metered", "operation", "APPEND")))
                .isEqualTo(2);
        // The test double writes no file; it declares 1000 bytes for the one it names.
        assertThat(value(scrape, "lakehub_commit_bytes_total", Map.of("dataset", "metered", "operation", "APPEND")))
                .isEqualTo(1000);
        assertThat(scrape).contains("lakehub_ingest_active");
    }

    @Test
    void aRefusedIngestIsCountedAsRefusedWithoutRows() throws Exception {
        Path bad = Files.writeString(HOME.resolveSibling("refused.csv"), "age\n1\nREFUSE\n");

        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(bad.toString())
                                        + ", \"dataset\": \"refusals\"}")
                        .status())
                .isEqualTo(400);

        String scrape = scrape();
        assertThat(value(scrape, "lakehub_ingest_seconds_count", Map.of("dataset", "refusals", "outcome", "refused")))
                .isEqualTo(1);
        assertThat(scrape).doesNotContain("lakehub_ingest_rows_total{dataset=\"refusals\"}");
    }

    @Test
    void aFileThroughTheInboxIsCountedAsAnExchangeOfTheInboxRoute() throws Exception {
        Path dropped = HOME.resolve("inbox/inboxed/a.csv");
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "x\n1\n2\n3\n");
        Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(60)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(value(scrape, "lakehub_ingest_rows_total", Map.of("dataset", "inboxed")))
                    .isEqualTo(3);
            assertThat(value(
                            scrape,
                            "lakehub_camel_exchanges_seconds_count",
                            Map.of("route", "lakehub-inbox", "outcome", "completed")))
                    .isGreaterThanOrEqualTo(1);
        });
        String scrape = scrape();
        assertThat(value(scrape, "lakehub_inbox_waiting_files", Map.of())).isZero();
        assertThat(value(scrape, "lakehub_scheduler_runs_active", Map.of())).isZero();
    }

    @Test
    void pipelineRunsAreCountedByStatusAndAPipelineFailingInARowIsDownInHealth() throws Exception {
        runAndWait("good");
        runAndWait("bad");

        String scrape = scrape();
        assertThat(value(scrape, "lakehub_pipeline_runs_total", Map.of("pipeline", "good", "status", "succeeded")))
                .isEqualTo(1);
        assertThat(value(scrape, "lakehub_pipeline_rows_total", Map.of("pipeline", "good")))
                .isEqualTo(2);
        assertThat(value(scrape, "lakehub_pipeline_runs_total", Map.of("pipeline", "bad", "status", "failed")))
                .isEqualTo(1);
        assertThat(value(
                        scrape,
                        "lakehub_pipeline_run_duration_seconds_count",
                        Map.of("pipeline", "bad", "status", "failed")))
                .isEqualTo(1);
        JsonNode pipelines = health().path("components").path("pipelines").path("components");
        assertThat(pipelines.path("bad").path("status").asText())
                .as("one failure is below lakehub.health.pipeline-failures=2")
                .isEqualTo("UP");
        assertThat(pipelines
                        .path("bad")
                        .path("details")
                        .path("failedRunsInARow")
                        .asInt())
                .isEqualTo(1);

        runAndWait("bad");

        Response health = http().get("/actuator/health");
        assertThat(health.status()).as("a DOWN component makes the hub DOWN").isEqualTo(503);
        pipelines = health.json().path("components").path("pipelines").path("components");
        assertThat(pipelines.path("good").path("status").asText()).isEqualTo("UP");
        assertThat(pipelines.path("good").path("details").path("lastRunStatus").asText())
                .isEqualTo("SUCCEEDED");
        JsonNode bad = pipelines.path("bad");
        assertThat(bad.path("status").asText()).isEqualTo("DOWN");
        assertThat(bad.path("details").path("failedRunsInARow").asInt()).isEqualTo(2);
        assertThat(bad.path("details").path("error").asText()).contains("bad.csv: line 2, column 'age'");

        // Fixed at its source, the next run succeeds and the pipeline, and the hub, are UP again.
        Files.writeString(SOURCES.resolve("bad").resolve("bad.csv"), "age\n1\n");
        runAndWait("bad");
        assertThat(http().get("/actuator/health").status()).isEqualTo(200);
        assertThat(health().path("components")
                        .path("pipelines")
                        .path("components")
                        .path("bad")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    void healthStaysUpAndAnswersQuicklyWhileTheInboxIsBusy() throws Exception {
        Path dropped = HOME.resolve("inbox/slow/big.csv");
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "x\n1\n");
        Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(60)));
        try {
            assertThat(SLOW_STARTED.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .as("the inbox started the slow ingest")
                    .isTrue();

            long start = System.nanoTime();
            Response health = http().get("/actuator/health");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("UP");
            assertThat(took).isLessThan(Duration.ofSeconds(2));
            assertThat(value(scrape(), "lakehub_ingest_active", Map.of())).isEqualTo(1);
        } finally {
            RELEASE_SLOW.countDown();
        }
        await().atMost(PATIENCE).until(() -> Files.exists(HOME.resolve("inbox/slow/.processed/big.csv")));
    }

    @Test
    void sqlQueriesAreTimedAndErrorsCountedByReason() throws Exception {
        assertThat(http().post("/api/sql", "{\"sql\": \"SELECT * FROM people\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http().post("/api/sql", "{\"sql\": \"DROP TABLE people\"}").status())
                .isEqualTo(400);
        assertThat(http().post("/api/sql", "{\"sql\": \"SELEC 1\"}").status()).isEqualTo(400);

        String scrape = scrape();
        assertThat(value(scrape, "lakehub_sql_query_seconds_count", Map.of("outcome", "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "lakehub_sql_query_seconds_count", Map.of("outcome", "refused")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "lakehub_sql_errors_total", Map.of("reason", "refused")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "lakehub_sql_errors_total", Map.of("reason", "invalid")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void healthShowsTheSchedulerTheLakesDiskAndTheCatalog() throws Exception {
        JsonNode components = health().path("components");

        assertThat(components.path("scheduler").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("scheduler").path("details").path("state").asText())
                .isEqualTo("running");
        assertThat(components.path("lakeDiskSpace").path("status").asText()).isEqualTo("UP");
        assertThat(components
                        .path("lakeDiskSpace")
                        .path("details")
                        .path("threshold")
                        .asLong())
                .isEqualTo(512L * 1024 * 1024);
        assertThat(components.path("catalog").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("pipelines").path("components").has("good")).isTrue();
    }

    private void runAndWait(String pipeline) throws Exception {
        Response accepted = http().post("/api/pipelines/" + pipeline + "/run", "");
        assertThat(accepted.status()).isEqualTo(202);
        long runId = accepted.json().path("run_id").asLong();
        await().atMost(PATIENCE)
                .until(() -> !http().get("/api/runs/" + runId)
                        .json()
                        .path("status")
                        .asText()
                        .equals("running"));
    }

    private JsonNode health() throws Exception {
        return http().get("/actuator/health").json();
    }

    private String scrape() throws Exception {
        Response r = http().get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The sample of {@code name} whose labels include {@code labels}; fails when there is none. */
    static double value(String scrape, String name, Map<String, String> labels) {
        for (String line : scrape.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            String given = m.group(3) == null ? "" : m.group(3);
            boolean all =
                    labels.entrySet().stream().allMatch(e -> given.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(m.group(4));
            }
        }
        throw new AssertionError("No sample " + name + labels + " in the scrape:\n"
                + scrape.lines().filter(l -> l.startsWith("lakehub_")).toList());
    }

    /** The in-memory back ends, with an ingest into {@code slow} that holds until the test lets it go. */
    @TestConfiguration
    static class SlowIngestBackends {
        @Bean
        HubBackends hubBackends() {
            FakeBackends fake = new FakeBackends();
            return new HubBackends() {
                @Override
                public Catalog openCatalog(LakehubProperties properties) {
                    return fake.openCatalog(properties);
                }

                @Override
                public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
                    return fake.openSqlEngine(catalog, properties);
                }

                @Override
                public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
                    IngestService ingest = fake.openIngestService(catalog, properties);
                    return request -> {
                        if (request.dataset().value().equals("slow")) {
                            SLOW_STARTED.countDown();
                            try {
                                RELEASE_SLOW.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return ingest.ingest(request);
                    };
                }
            };
        }
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}
