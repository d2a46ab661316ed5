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
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.camel.Processor;
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
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PipelineStepsAppIT.Beans.class)
class PipelineStepsAppIT {
    private static final Path HOME = TestHomes.create("pipeline-steps-it");
    private static final Path SOURCE = HOME.resolveSibling("steps-source");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCE);
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
                """.formatted(SOURCE));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        // Only the change feed can bring the new dataset to the SQL views within this test.
        registry.add("lakehub.query.view-check-interval", () -> "1h");
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
            if (e.path("action").asText().equals("dataset.commit")) {
                commit = e;
            }
        }
        assertThat(commit).as("the commit's audit event").isNotNull();
        assertThat(commit.toString())
                .contains("scoring")
                .contains("drop-columns")
                .contains("rename-columns");
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
}
