package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.fake.FakeHubConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Jobs in the running hub over HTTP and through the CLI talking to it: {@code GET /api/jobs},
 * {@code POST /api/jobs/{id}/run}, the run in {@code GET /api/runs/{id}}, and a pipeline that
 * shares its id with a maintenance job. In-memory back ends, the real scheduler (H2 under the home).
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeHubConfiguration.class)
class JobApiTest {
    private static final Path HOME = TestHomes.create("jobs");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path folder = Files.createDirectories(HOME.resolveSibling("sweep-source"));
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orphan-sweep
                      from: "file:%s?noop=true"
                      into: swept
                """.formatted(folder.toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.maintenance.orphan-sweep.schedule", () -> "0 0 4 * * ?");
    }

    @LocalServerPort
    int port;

    @Test
    void jobsListsEachJobWithKindScheduleNextFireAndLastRun() throws Exception {
        Response r = get("/api/jobs");

        assertThat(r.status).isEqualTo(200);
        JsonNode jobs = r.json();
        // The pipeline, then the maintenance jobs by id: compaction, orphan-sweep.
        assertThat(jobs).hasSize(3);
        JsonNode pipeline = jobs.get(0);
        assertThat(pipeline.path("id").asText()).isEqualTo("orphan-sweep");
        assertThat(pipeline.path("kind").asText()).isEqualTo("pipeline");
        assertThat(pipeline.path("state").asText()).isEqualTo("on demand");
        JsonNode sweep = jobs.get(2);
        assertThat(sweep.path("id").asText()).isEqualTo("orphan-sweep");
        assertThat(sweep.path("kind").asText()).isEqualTo("maintenance");
        assertThat(sweep.path("schedule").asText()).isEqualTo("0 0 4 * * ?");
        assertThat(sweep.path("state").asText()).isEqualTo("active");
        assertThat(sweep.path("next_fire_times")).hasSize(3);
        assertThat(sweep.path("next_fire_times").get(0).asText()).contains("T").endsWith("Z");
        assertThat(sweep.has("last_run")).isTrue();
    }

    @Test
    void runningAMaintenanceJobAnswers202AndTheRunIsFollowedLikeAPipelineRun() throws Exception {
        Response ambiguous = post("/api/jobs/orphan-sweep/run");
        assertThat(ambiguous.status).isEqualTo(400);
        assertThat(ambiguous.json().path("error").asText())
                .contains("Both a pipeline and a maintenance job are called 'orphan-sweep'")
                .contains("kind=maintenance");

        Response accepted = post("/api/jobs/orphan-sweep/run?kind=maintenance");

        assertThat(accepted.status).isEqualTo(202);
        assertThat(accepted.json().path("kind").asText()).isEqualTo("maintenance");
        assertThat(accepted.json().path("job").asText()).isEqualTo("orphan-sweep");
        assertThat(accepted.json().path("pipeline").isNull()).isTrue();
        long runId = accepted.json().path("run_id").asLong();
        JsonNode run = awaitFinished(runId);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("kind").asText()).isEqualTo("maintenance");
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.path("result").asText()).isEqualTo("deleted 0 orphan files older than PT1H");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get("/api/jobs")
                                .json()
                                .get(2)
                                .path("last_run")
                                .path("id")
                                .asLong())
                        .isEqualTo(runId));

        Response pipelineRun = post("/api/jobs/orphan-sweep/run?kind=pipeline");
        assertThat(pipelineRun.status).isEqualTo(202);
        assertThat(pipelineRun.json().path("pipeline").asText()).isEqualTo("orphan-sweep");
        assertThat(awaitFinished(pipelineRun.json().path("run_id").asLong())
                        .path("kind")
                        .asText())
                .isEqualTo("pipeline");
    }

    @Test
    void unknownJobsAndKindsAreRefused() throws Exception {
        Response unknown = post("/api/jobs/vacuum/run");
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("There is no job 'vacuum'");

        Response badKind = post("/api/jobs/orphan-sweep/run?kind=cleanup");
        assertThat(badKind.status).isEqualTo(400);
        assertThat(badKind.json().path("error").asText()).contains("Unknown job kind 'cleanup'");
    }

    @Test
    void theCliListsAndRunsJobsThroughTheRunningHub() {
        CliRunner cli = new CliRunner(new FakeBackends(), Duration.ofSeconds(10));

        var jobs = cli.run("jobs", "--home", HOME.toString());
        var run = cli.run("job", "run", "orphan-sweep", "--kind", "maintenance", "--home", HOME.toString());

        assertThat(jobs.code()).as(jobs.err()).isZero();
        assertThat(jobs.out()).contains("orphan-sweep | maintenance | 0 0 4 * * ?");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("of maintenance job orphan-sweep: succeeded (deleted 0 orphan files older than PT1H)");
    }

    private JsonNode awaitFinished(long runId) {
        JsonNode[] run = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            run[0] = get("/api/runs/" + runId).json();
            assertThat(run[0].path("status").asText()).isIn("succeeded", "failed", "skipped");
        });
        return run[0];
    }

    private Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .build());
    }

    private Response post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
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
