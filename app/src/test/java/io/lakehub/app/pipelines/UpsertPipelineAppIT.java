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
 * A pipeline with {@code mode: upsert} and {@code key:} on the real back ends: files dropped into its
 * source folder are upserted by key; {@code /api/sql} shows one row per key, the newest, and {@code
 * GET /api/datasets/{name}} shows the key and what each snapshot inserted and updated. Then the
 * compaction job (run on demand) rewrites the dataset and the answer stays the same.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpsertPipelineAppIT {
    private static final Path HOME = TestHomes.create("upsert-pipeline-it");
    private static final Path SOURCE = HOME.resolveSibling("upsert-source");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCE);
        Path config = Files.writeString(HOME.resolveSibling("lakehub-upsert.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "file:%s?delay=200&sortBy=file:name"
                      format: csv
                      into: orders
                      mode: upsert
                      key: [id]
                """.formatted(SOURCE));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        // Inbox files into a dataset configured with a key are upserted too.
        registry.add("lakehub.datasets.customers.key", () -> "id");
        registry.add("lakehub.compaction.min-marker-rows", () -> "1");
    }

    @LocalServerPort
    int port;

    @Test
    void filesUpsertedByKeyShowOneRowPerKeyAndCompactionKeepsTheAnswer() throws Exception {
        Files.writeString(SOURCE.resolve("1.csv"), "id,status\n1,new\n2,new\n3,new\n");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/orders").path("row_count").asLong())
                        .isEqualTo(3));
        Files.writeString(SOURCE.resolve("2.csv"), "id,status\n2,paid\n4,new\n2,shipped\n");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/orders").path("snapshots").size())
                        .isEqualTo(2));

        String expected = "[[1,\"new\"],[2,\"shipped\"],[3,\"new\"],[4,\"new\"]]";
        assertThat(sql("SELECT id, status FROM orders ORDER BY id").path("rows").toString())
                .isEqualTo(expected);
        JsonNode dataset = get("/api/datasets/orders");
        assertThat(dataset.path("key").toString()).isEqualTo("[\"id\"]");
        JsonNode merge = dataset.path("snapshots").get(0);
        assertThat(merge.path("operation").asText()).isEqualTo("MERGE");
        assertThat(merge.path("inserted_rows").asLong()).isEqualTo(1);
        assertThat(merge.path("updated_rows").asLong()).isEqualTo(1);
        assertThat(merge.path("deleted_rows").asLong()).isZero();
        assertThat(merge.path("total_rows").asLong()).isEqualTo(4);

        HttpResponse<String> run = post("/api/jobs/compaction/run?kind=maintenance");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get("/api/datasets/orders")
                                .path("snapshots")
                                .get(0)
                                .path("operation")
                                .asText())
                        .isEqualTo("REPLACE"));
        assertThat(sql("SELECT id, status FROM orders ORDER BY id").path("rows").toString())
                .isEqualTo(expected);
        assertThat(get("/api/datasets/orders").path("file_count").asLong()).isEqualTo(1);
    }

    @Test
    void inboxFilesIntoADatasetConfiguredWithAKeyAreUpserted() throws Exception {
        Path inbox = Files.createDirectories(HOME.resolve("inbox").resolve("customers"));
        Files.writeString(inbox.resolve("a.csv"), "id,name\n1,ann\n2,bob\n");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/customers").path("row_count").asLong())
                        .isEqualTo(2));
        Files.writeString(inbox.resolve("b.csv"), "id,name\n2,bobby\n");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                get("/api/datasets/customers").path("snapshots").size())
                        .isEqualTo(2));

        assertThat(sql("SELECT id, name FROM customers ORDER BY id")
                        .path("rows")
                        .toString())
                .isEqualTo("[[1,\"ann\"],[2,\"bobby\"]]");
        assertThat(get("/api/datasets/customers").path("key").toString()).isEqualTo("[\"id\"]");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
