package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.schedules.pipeline.Secret;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pipelines in the running hub over HTTP, on in-memory back ends but the real scheduler (Quartz
 * job store and run history in the embedded H2 database under the home): schedules listing,
 * run-now, pause/resume, the webhook's authentication, a fast cron draining its folder, and a file
 * arriving at an unscheduled pipeline.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeHubConfiguration.class)
class PipelineApiTest {
    private static final Path HOME = TestHomes.create("pipelines");
    private static final Path SOURCES = HOME.resolveSibling("sources");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Set by the build (surefire environmentVariables), like a deployment would. */
    private static final Secret SECRET = new Secret(System.getenv("LAKEHUB_TEST_TRIGGER_SECRET"), "test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        for (String folder : new String[] {"people", "nightly", "fast"}) {
            Files.createDirectories(SOURCES.resolve(folder));
        }
        Files.writeString(SOURCES.resolve("fast").resolve("fast.csv"), "id,name\n1,a\n2,b\n");
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:%1$s/people?noop=true&delay=50"
                      format: csv
                      into: people
                      trigger: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                    - id: nightly
                      from: "file:%1$s/nightly?noop=true"
                      into: nightly
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                    - id: fast
                      from: "file:%1$s/fast?noop=true"
                      format: csv
                      into: fast
                      schedule: "*/2 * * * * ?"
                """.formatted(SOURCES.toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void schedulesListEveryPipelineWithCronZoneAndNextFireTimes() throws Exception {
        JsonNode schedules = get("/api/schedules").json();

        java.util.List<String> ids = new java.util.ArrayList<>();
        schedules.forEach(s -> ids.add(s.path("pipeline").asText()));
        assertThat(ids).containsExactly("fast", "nightly", "people");
        JsonNode nightly = byPipeline(schedules, "nightly");
        assertThat(nightly.path("cron").asText()).isEqualTo("0 0 3 * * ?");
        assertThat(nightly.path("timezone").asText()).isEqualTo("UTC");
        assertThat(nightly.path("misfire").asText()).isEqualTo("fire-once-now");
        assertThat(nightly.path("next_fire_times")).hasSize(3);
        assertThat(nightly.path("next_fire_times").get(0).asText()).endsWith("T03:00:00Z");
        assertThat(byPipeline(schedules, "people").path("cron").isNull()).isTrue();
    }

    @Test
    void aFastCronDrainsItsFolderAndTheRunIsInTheHistory() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode last = byPipeline(get("/api/schedules").json(), "fast").path("last_run");
            assertThat(last.path("trigger").asText()).isEqualTo("cron");
            assertThat(last.path("status").asText()).isEqualTo("succeeded");
            assertThat(last.path("scheduled_for").asText()).isNotEmpty();
        });
        // The file was read by one of the fires: 2 rows went into the dataset, once (noop keeps it, idempotently).
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(get("/api/datasets/fast")
                                .json()
                                .path("row_count")
                                .asLong())
                        .isEqualTo(2));
    }

    @Test
    void runNowAnswers202WithTheRunWhichEndsSucceeded() throws Exception {
        Response accepted = post("/api/pipelines/nightly/run", new byte[0], null, null);

        assertThat(accepted.status).isEqualTo(202);
        long runId = accepted.json().path("run_id").asLong();
        assertThat(accepted.json().path("status").asText()).isIn("running", "skipped");
        JsonNode run = awaitFinished(runId);
        assertThat(run.path("pipeline").asText()).isEqualTo("nightly");
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
    }

    @Test
    void aPipelinesRunsAreListedNewestFirstWithTheirStatus() throws Exception {
        long first = post("/api/pipelines/nightly/run", new byte[0], null, null)
                .json()
                .path("run_id")
                .asLong();
        awaitFinished(first);
        long second = post("/api/pipelines/nightly/run", new byte[0], null, null)
                .json()
                .path("run_id")
                .asLong();
        awaitFinished(second);

        Response runs = get("/api/pipelines/nightly/runs?limit=2");

        assertThat(runs.status).isEqualTo(200);
        assertThat(runs.json()).hasSize(2);
        assertThat(runs.json().get(0).path("id").asLong()).isEqualTo(second);
        assertThat(runs.json().get(1).path("id").asLong()).isEqualTo(first);
        assertThat(runs.json().get(0).path("pipeline").asText()).isEqualTo("nightly");
        assertThat(runs.json().get(0).path("status").asText()).isIn("succeeded", "skipped");
        assertThat(get("/api/pipelines/nightly/runs?limit=0").status).isEqualTo(400);
        assertThat(get("/api/pipelines/nightly/runs?limit=0")
                        .json()
                        .path("error")
                        .asText())
                .contains("'limit'");
        assertThat(get("/api/pipelines/nope/runs").status).isEqualTo(404);
    }

    @Test
    void aRunsLogHasTheLinesTheHubWroteWhileItRan() throws Exception {
        long runId = post("/api/pipelines/nightly/run", new byte[0], null, null)
                .json()
                .path("run_id")
                .asLong();
        awaitFinished(runId);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response log = get("/api/runs/" + runId + "/log");
            assertThat(log.status).isEqualTo(200);
            assertThat(log.json().path("run_id").asLong()).isEqualTo(runId);
            assertThat(log.json().path("kept").asBoolean()).isTrue();
            assertThat(log.json().path("dropped").asLong()).isZero();
            assertThat(log.json().path("lines").toString())
                    .contains("run " + runId + " (MANUAL) SUCCEEDED")
                    .as("the fast pipeline's cron runs log at the same time; their lines are theirs")
                    .doesNotContain("pipeline fast");
            assertThat(log.json().path("lines").get(0).path("level").asText()).isEqualTo("INFO");
        });
        assertThat(get("/api/runs/987654/log").status).isEqualTo(404);
    }

    @Test
    void pauseAndResumeShowInTheSchedules() throws Exception {
        assertThat(post("/api/pipelines/nightly/pause", new byte[0], null, null).status)
                .isEqualTo(200);
        JsonNode paused = byPipeline(get("/api/schedules").json(), "nightly");
        assertThat(paused.path("paused").asBoolean()).isTrue();
        assertThat(paused.path("next_fire_times")).isEmpty();

        assertThat(post("/api/pipelines/nightly/resume", new byte[0], null, null).status)
                .isEqualTo(200);
        JsonNode resumed = byPipeline(get("/api/schedules").json(), "nightly");
        assertThat(resumed.path("paused").asBoolean()).isFalse();
        assertThat(resumed.path("next_fire_times")).hasSize(3);

        assertThat(post("/api/pipelines/people/pause", new byte[0], null, null).status)
                .as("a pipeline without a schedule has nothing to pause")
                .isEqualTo(409);
    }

    @Test
    void webhookWithAGoodSignatureIs202AndTheRunIsAWebhookRun() throws Exception {
        byte[] body = "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8);

        Response accepted =
                post("/api/pipelines/people/trigger", body, WebhookAuthentication.signatureFor(SECRET, body), null);

        assertThat(accepted.status).isEqualTo(202);
        JsonNode run = awaitFinished(accepted.json().path("run_id").asLong());
        assertThat(run.path("trigger").asText()).isEqualTo("webhook");
    }

    @Test
    void webhookWithABadOrMissingSignatureIs401() throws Exception {
        byte[] body = "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8);
        String signatureOfOtherBody = WebhookAuthentication.signatureFor(SECRET, "{}".getBytes(StandardCharsets.UTF_8));

        Response bad = post("/api/pipelines/people/trigger", body, signatureOfOtherBody, null);
        assertThat(bad.status).isEqualTo(401);
        assertThat(bad.json().path("error").asText()).contains("does not match the body");

        Response missing = post("/api/pipelines/people/trigger", body, null, null);
        assertThat(missing.status).isEqualTo(401);
        assertThat(missing.json().path("error").asText()).contains("no X-Hub-Signature-256");
        assertThat(missing.body).doesNotContain(SECRET.reveal());
    }

    @Test
    void webhookWithABearerTokenIs202WhenItIsTheSecretElse401() throws Exception {
        byte[] body = new byte[0];
        assertThat(post("/api/pipelines/people/trigger", body, null, "Bearer " + SECRET.reveal()).status)
                .isEqualTo(202);
        assertThat(post("/api/pipelines/people/trigger", body, null, "Bearer not-the-secret").status)
                .isEqualTo(401);
    }

    @Test
    void unknownPipelinesAndPipelinesWithoutWebhookAre404() throws Exception {
        Response unknown = post("/api/pipelines/nope/trigger", new byte[0], null, "Bearer x");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("There is no pipeline 'nope'");
        assertThat(post("/api/pipelines/nope/run", new byte[0], null, null).status)
                .isEqualTo(404);
        assertThat(post("/api/pipelines/nightly/trigger", new byte[0], null, "Bearer x").status)
                .isEqualTo(404);
        assertThat(get("/api/runs/999999").status).isEqualTo(404);
    }

    @Test
    void aFileArrivingAtAnUnscheduledPipelineIsAFileRun() throws Exception {
        Files.writeString(SOURCES.resolve("people").resolve("people.csv"), "id\n1\n2\n3\n");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode last = byPipeline(get("/api/schedules").json(), "people").path("last_run");
            assertThat(last.path("trigger").asText()).isEqualTo("file");
            assertThat(last.path("status").asText()).isEqualTo("succeeded");
            assertThat(last.path("rows").asLong()).isEqualTo(3);
        });
    }

    private JsonNode awaitFinished(long runId) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            run[0] = get("/api/runs/" + runId).json();
            assertThat(run[0].path("status").asText()).isIn("succeeded", "skipped");
        });
        return run[0];
    }

    private static JsonNode byPipeline(JsonNode schedules, String id) {
        for (JsonNode s : schedules) {
            if (s.path("pipeline").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no pipeline " + id + " in " + schedules);
    }

    private Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .build());
    }

    private Response post(String path, byte[] body, String signature, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookAuthentication.SIGNATURE_HEADER, signature);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private static Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
