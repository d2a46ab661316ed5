package io.lakehub.app.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.ClassUtils;

/**
 * The hub's Spring context prepared by the build (ADR 0066), run as {@code ./lakehub run} runs it (its own JVM,
 * the launcher's hub options): with the default settings a hub starts from it and everything a user reaches
 * works (the inbox's conditional route, the API, its OpenAPI document, the metrics); with a setting the build did
 * not prepare for, the hub evaluates its conditions at start and the setting takes effect. Runs after the build
 * has prepared the context (an integration test, after {@code process-aot}).
 */
class PreparedContextIT {
    @TempDir
    Path temp;

    private final List<Process> hubs = new ArrayList<>();

    @AfterEach
    void stopHubs() throws InterruptedException {
        HubProcess.stopAll(hubs);
    }

    @Test
    void theBuildRecordsThePropertiesItsConditionsRead() {
        ClassLoader loader = LakehubApplication.class.getClassLoader();
        assertThat(ClassUtils.isPresent(PreparedContext.INITIALIZER, loader)).isTrue();

        BuildEnvironment build = BuildEnvironment.load(loader).orElseThrow();

        assertThat(build.names())
                .contains(
                        "lakehub.inbox.enabled",
                        "lakehub.vector.enabled",
                        "lakehub.iceberg.enabled",
                        "management.server.port",
                        "management.endpoints.web.exposure.include")
                .doesNotContainAnyElementsOf(EnvironmentAotProcessor.NOT_CONDITIONS);
    }

    @Test
    void aHubWithTheDefaultSettingsStartsFromThePreparedContextAndServes() throws Exception {
        Path home = temp.resolve("home");
        int port = HubFixture.freePort();
        Path log = start(home, port, "hub.log", Map.of());

        assertThat(Files.readString(log))
                .contains("Starting AOT-processed LakehubApplication")
                .contains("Started lakehub-inbox");
        // The inbox (a route made only when lakehub.inbox.enabled allows) takes a file into a dataset.
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve("people"));
        Path staged = Files.writeString(temp.resolve("people.csv"), "id,name\n1,Ada\n2,Grace\n");
        Files.move(staged, inbox.resolve("people.csv"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> HubFixture.get(port, "/api/datasets/people").statusCode() == 200);
        HttpResponse<String> rows =
                HubFixture.post(port, "/api/sql", "{\"sql\":\"SELECT name FROM people ORDER BY id\"}");
        assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
        assertThat(rows.body()).contains("Ada", "Grace");
        assertThat(HubFixture.get(port, "/api/openapi.json").body()).contains("/api/sql", "/api/datasets");
        assertThat(HubFixture.get(port, "/actuator/prometheus").body()).contains("lakehub_ingest_rows");
    }

    @Test
    void aSettingTheBuildDidNotPrepareForIsEvaluatedAtStartAndTakesEffect() throws Exception {
        Path home = temp.resolve("home");
        int port = HubFixture.freePort();
        Path log = start(home, port, "hub.log", Map.of("LAKEHUB_INBOX_ENABLED", "false"));

        String text = Files.readString(log);
        assertThat(text)
                .contains("The hub's context is prepared at start instead of taken from the build:"
                        + " property lakehub.inbox.enabled is set")
                .doesNotContain("AOT-processed")
                .doesNotContain("Started lakehub-inbox");
        assertThat(HubFixture.get(port, "/api/datasets").statusCode()).isEqualTo(200);
    }

    private Path start(Path home, int port, String name, Map<String, String> env) throws IOException {
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        Path log = temp.resolve(name);
        ProcessBuilder pb = HubProcess.command(home, config, log, "run", "--port", Integer.toString(port));
        pb.environment().putAll(env);
        Process hub = pb.start();
        hubs.add(hub);
        HubFixture.awaitHealthy(hub, port, log);
        return log;
    }
}
