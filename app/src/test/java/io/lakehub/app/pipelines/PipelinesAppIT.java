package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import java.io.IOException;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example configuration on the real back ends (embedded H2 catalog shared with the scheduler's
 * pool, the ingest pipeline, DuckDB): its cron pipeline, sped up to every 2 s, fires on its own, the
 * run is in {@code GET /api/schedules}, and the sample rows are queryable.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelinesAppIT {
    private static final Path HOME = TestHomes.create("pipelines-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String fast = Files.readString(ExampleConfigTest.EXAMPLE)
                .replace("\"*/20 * * * * ?\"", "\"*/2 * * * * ?\"")
                .replace("file:config/samples", "file:" + ExampleConfigTest.EXAMPLE.resolveSibling("samples"));
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), fast);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void theExampleCronPipelineFiresAndItsRowsAreQueryable() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode last = null;
            for (JsonNode s : get("/api/schedules")) {
                if (s.path("pipeline").asText().equals("samples")) {
                    last = s.path("last_run");
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.path("trigger").asText()).isEqualTo("cron");
            assertThat(last.path("status").asText()).as(last.toString()).isEqualTo("succeeded");
        });
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/samples").path("row_count").asLong())
                        .isEqualTo(3));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
