package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.schedules.JobContext;
import io.lakehub.schedules.JobOutcome;
import io.lakehub.schedules.MaintenanceJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * A maintenance job's progress in {@code GET /api/jobs}: shown while its run is in progress (the
 * Jobs page draws it as a bar), gone once the run ended. A test job holds its run open on a latch.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({FakeHubConfiguration.class, JobProgressApiTest.SlowJobConfiguration.class})
class JobProgressApiTest {
    private static final Path HOME = TestHomes.create("job-progress");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String JOB = "slow-count";

    private static final CountDownLatch REPORTED = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @AfterEach
    void releaseTheJob() {
        RELEASE.countDown();
    }

    @Test
    void aRunningJobShowsItsProgressInTheJobListAndNoneOnceItEnded() throws Exception {
        assertThat(job().has("progress") && !job().path("progress").isNull())
                .as("no progress before a run")
                .isFalse();

        JsonNode accepted = post("/api/jobs/" + JOB + "/run?kind=maintenance");
        assertThat(REPORTED.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        JsonNode running = job();
        assertThat(running.path("last_run").path("status").asText()).isEqualTo("running");
        JsonNode progress = running.path("progress");
        assertThat(progress.path("done").asLong()).isEqualTo(3);
        assertThat(progress.path("total").asLong()).isEqualTo(8);
        assertThat(progress.path("unit").asText()).isEqualTo("items");
        assertThat(progress.has("rate")).isTrue();
        assertThat(progress.has("eta_seconds")).isTrue();

        RELEASE.countDown();
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode ended = job();
            assertThat(ended.path("last_run").path("id").asLong())
                    .isEqualTo(accepted.path("run_id").asLong());
            assertThat(ended.path("last_run").path("status").asText()).isEqualTo("succeeded");
            assertThat(ended.path("progress").isMissingNode()
                            || ended.path("progress").isNull())
                    .as("no progress once the run ended")
                    .isTrue();
        });
    }

    private JsonNode job() throws Exception {
        for (JsonNode j : get("/api/jobs")) {
            if (j.path("id").asText().equals(JOB)) {
                return j;
            }
        }
        throw new AssertionError("GET /api/jobs does not list " + JOB);
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .build());
    }

    private JsonNode post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /** A maintenance job that reports 3 of 8 items, then waits for the test to let it finish. */
    @TestConfiguration
    static class SlowJobConfiguration {
        @Bean
        MaintenanceJob slowCountJob() {
            return new MaintenanceJob() {
                @Override
                public String id() {
                    return JOB;
                }

                @Override
                public String describe() {
                    return "Counts to eight slowly (test).";
                }

                @Override
                public String defaultSchedule() {
                    return "0 0 4 1 1 ?";
                }

                @Override
                public JobOutcome run(JobContext context) throws InterruptedException {
                    context.progress().total(8, "items").advance(3);
                    REPORTED.countDown();
                    if (!RELEASE.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        return JobOutcome.failed(null, "the test never let the job finish");
                    }
                    context.progress().advance(5);
                    return JobOutcome.succeeded("counted 8 items");
                }
            };
        }
    }
}
