package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.app.text.SqlText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP API's documents, status codes and error mapping, the health endpoint, the home lock,
 * hub.json and the inbox wiring, on in-memory back ends ({@code LakehubAppIT} repeats the
 * end-to-end path on the real ones).
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeHubConfiguration.class)
class HubApiServerTest {
    private static final Path HOME = TestHomes.create("server");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.query.max-rows", () -> "2");
        registry.add("lakehub.inbox.poll-delay", () -> "50ms");
        registry.add("lakehub.inbox.read-lock-min-age", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper springMapper;

    @Test
    void sqlAnswersTheDocumentWithSnakeCaseKeysAndTheTruncationFlag() throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": \"SELECT * FROM people\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(
                        "{\"columns\":[{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"name\",\"type\":\"VARCHAR\"},"
                                + "{\"name\":\"price\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"tags\",\"type\":\"VARCHAR[]\"}],"
                                + "\"rows\":[[1,\"Ada, \\\"the\\\" first\",12.50,[\"a\",\"b\"]],[2,null,null,[]]],"
                                + "\"row_count\":2,\"truncated\":true}");
    }

    @Test
    void refusedAndFailingSqlAre400WithTheEnginesMessage() throws Exception {
        Response refused = http().post("/api/sql", "{\"sql\": \"DROP TABLE people\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText())
                .isEqualTo("Only read-only queries are allowed; DROP was refused.");

        Response failed = http().post("/api/sql", "{\"sql\": \"SELEC 1\"}");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.json().path("error").asText()).startsWith("Parser Error: syntax error at or near \"selec\"");
    }

    @Test
    void sqlAnswersTheTableOrTheCsvThatLakehubSqlPrintsWhenTheAcceptHeaderAsksForText() throws Exception {
        String query = "SELECT * FROM people";
        HttpResponse<String> json = sql(query, "application/json");
        // What the command line prints of the JSON answer (SqlCommand through a hub: it reads the document back).
        SqlResponse document = Json.MAPPER.readValue(json.body(), SqlResponse.class);

        HttpResponse<String> table = sql(query, "text/plain");
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(table.body()).isEqualTo(render(document, SqlText::table));
        assertThat(table.body())
                .isEqualTo("id | name             | price | tags\n"
                        + "---+------------------+-------+----------\n"
                        + " 1 | Ada, \"the\" first |  12.5 | [\"a\",\"b\"]\n"
                        + " 2 | NULL             |  NULL | []\n"
                        + "(2 rows; truncated at the row limit)\n");

        HttpResponse<String> csv = sql(query, "text/csv, application/json;q=0.5");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(csv.body()).isEqualTo(render(document, SqlText::csv));
        assertThat(csv.body())
                .isEqualTo("id,name,price,tags\n1,\"Ada, \"\"the\"\" first\",12.5,\"[\"\"a\"\",\"\"b\"\"]\"\n2,,,[]\n");
    }

    @Test
    void sqlAnswersJsonUnlessTextIsPreferred() throws Exception {
        String expected =
                http().post("/api/sql", "{\"sql\": \"SELECT * FROM people\"}").body();
        for (String accept : List.of(
                "*/*",
                "application/json",
                "application/json, text/plain",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
            HttpResponse<String> r = sql("SELECT * FROM people", accept);
            assertThat(r.statusCode()).as(accept).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
            assertThat(r.body()).as(accept).isEqualTo(expected);
        }
        HttpResponse<String> image = sql("SELECT 1", "image/png");
        assertThat(image.statusCode()).isEqualTo(406);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(image.body()).path("error").asText()).isNotBlank();
    }

    @Test
    void sqlErrorsAreTheJsonErrorDocumentAlsoWhenTheRequestAcceptsText() throws Exception {
        for (String accept : List.of("text/plain, application/json;q=0.5", "text/csv", "text/plain")) {
            long before = latestAuditSeq();
            HttpResponse<String> refused = sql("DROP TABLE people", accept);
            assertThat(refused.statusCode()).as(accept).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
            assertThat(JSON.readTree(refused.body()).path("error").asText())
                    .as(accept)
                    .isEqualTo("Only read-only queries are allowed; DROP was refused.");
            assertThat(sqlAuditsAfter(before))
                    .as("one audit entry for the refused query (%s)", accept)
                    .hasSize(1);

            HttpResponse<String> empty = send(HttpRequest.newBuilder(http().uri("/api/sql"))
                    .header("Content-Type", "application/json")
                    .header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            assertThat(empty.statusCode()).as(accept).isEqualTo(400);
            assertThat(JSON.readTree(empty.body()).path("error").asText()).contains("No SQL given");
        }
        long before = latestAuditSeq();
        assertThat(sql("SELECT * FROM people", "text/plain").statusCode()).isEqualTo(200);
        JsonNode answered = sqlAuditsAfter(before);
        assertThat(answered).as("one audit entry for the answered text query").hasSize(1);
        assertThat(answered.get(0).path("details").path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void malformedSqlRequestsAre400or415WithAReason() throws Exception {
        assertThat(http().post("/api/sql", "{}").json().path("error").asText()).contains("No SQL given");
        assertThat(http().post("/api/sql", "{\"sql\": \"  \"}").status()).isEqualTo(400);
        Response notJson = http().post("/api/sql", "SELECT 1");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).contains("not the JSON document");
        Response wrongType = http().send(HttpRequest.newBuilder(http().uri("/api/sql"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                .build());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().path("error").asText()).contains("application/json");
    }

    @Test
    void ingestThenListAndDescribeTheDataset() throws Exception {
        Path csv = Files.writeString(HOME.resolveSibling("server-orders.csv"), "id,amount\n1,10\n2,20\n");

        Response ingested = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(csv.toString())
                                + ", \"dataset\": \"orders\", \"format\": \"csv\"}");
        assertThat(ingested.status()).isEqualTo(200);
        JsonNode outcome = ingested.json();
        assertThat(outcome.path("outcome").asText()).isEqualTo("committed");
        assertThat(outcome.path("rows").asLong()).isEqualTo(2);
        long snapshot = outcome.path("snapshot_id").asLong();

        Response again = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"orders\"}");
        assertThat(again.json().path("outcome").asText()).isEqualTo("duplicate");
        assertThat(again.json().path("snapshot_id").asLong()).isEqualTo(snapshot);

        JsonNode list = http().get("/api/datasets").json();
        JsonNode orders = null;
        for (JsonNode d : list) {
            if (d.path("name").asText().equals("orders")) {
                orders = d;
            }
        }
        assertThat(orders).isNotNull();
        assertThat(fieldNames(orders))
                .contains(
                        "name",
                        "schema_version",
                        "current_snapshot",
                        "row_count",
                        "file_count",
                        "size_bytes",
                        "updated_at");
        assertThat(orders.path("current_snapshot").asLong()).isEqualTo(snapshot);
        assertThat(orders.path("row_count").asLong()).isEqualTo(2);

        JsonNode detail = http().get("/api/datasets/orders").json();
        assertThat(detail.path("columns").get(0).path("name").asText()).isEqualTo("id");
        assertThat(detail.path("columns").get(0).path("type").asText()).isEqualTo("string");
        assertThat(detail.path("schema_versions").get(0).path("version").asInt())
                .isEqualTo(1);
        assertThat(detail.path("snapshots").get(0).path("id").asLong()).isEqualTo(snapshot);
        assertThat(detail.path("snapshots").get(0).path("actor").asText()).isEqualTo("http");
        assertThat(detail.path("lineage").get(0).path("source_uri").asText()).isEqualTo(csv.toString());
    }

    @Test
    void unknownDatasetIs404AndAnInvalidName400() throws Exception {
        Response unknown = http().get("/api/datasets/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("Dataset 'nope' does not exist.");

        Response invalid = http().get("/api/datasets/Bad-Name");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("error").asText()).contains("Invalid dataset name 'Bad-Name'");
        assertThat(http().get("/api/datasets/lakehub_audit").status()).isEqualTo(400);
    }

    @Test
    void deleteDropsTheDatasetAuditedAnd404sAnUnknownOne() throws Exception {
        Path csv = Files.writeString(HOME.resolveSibling("server-dropped.csv"), "id\n1\n");
        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"dropped\"}")
                        .status())
                .isEqualTo(200);

        Response dropped = http().delete("/api/datasets/dropped");

        assertThat(dropped.status()).isEqualTo(204);
        assertThat(dropped.body()).isEmpty();
        assertThat(http().get("/api/datasets/dropped").status()).isEqualTo(404);
        JsonNode event = http().get("/api/audit?limit=1").json().path("events").get(0);
        assertThat(event.path("action").asText()).isEqualTo("dataset.drop");
        assertThat(event.path("entity").asText()).isEqualTo("dataset:dropped");
        assertThat(event.path("actor").asText()).isEqualTo("http");

        Response again = http().delete("/api/datasets/dropped");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("error").asText()).isEqualTo("Dataset 'dropped' does not exist.");
        assertThat(http().delete("/api/datasets/Bad-Name").status()).isEqualTo(400);
    }

    @Test
    void refusedIngestIs400WithTheLineAndBadRequestsSayWhatIsWrong() throws Exception {
        Path bad = Files.writeString(HOME.resolveSibling("server-bad.csv"), "age\n1\nREFUSE\n");

        Response refused = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(bad.toString()) + ", \"dataset\": \"people\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("server-bad.csv: line 3, column 'age'");

        assertThat(http().post("/api/ingest", "{\"path\": \"rel.csv\", \"dataset\": \"people\"}")
                        .json()
                        .path("error")
                        .asText())
                .contains("must be absolute");
        assertThat(http().post("/api/ingest", "{\"path\": \"/no/such.csv\", \"dataset\": \"people\"}")
                        .json()
                        .path("error")
                        .asText())
                .contains("/no/such.csv: no such file");
        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(bad.toString())
                                        + ", \"dataset\": \"people\", \"format\": \"xml\"}")
                        .json()
                        .path("error")
                        .asText())
                .contains("Unknown format 'xml'");
        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(bad.toString()) + ", \"dataset\": \"No\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void auditListsNewestFirstOrPagesForwardAndVerifies() throws Exception {
        Path csv = Files.writeString(HOME.resolveSibling("server-audit.csv"), "a\n1\n");
        http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"audited\"}");

        JsonNode latest = http().get("/api/audit?limit=2").json().path("events");
        assertThat(latest).hasSize(2);
        assertThat(latest.get(0).path("seq").asLong())
                .isGreaterThan(latest.get(1).path("seq").asLong());
        assertThat(fieldNames(latest.get(0)))
                .containsExactlyInAnyOrder("seq", "time", "actor", "action", "entity", "details", "prev_hash", "hash");
        assertThat(latest.get(0).path("details").isObject()).isTrue();

        JsonNode first = http().get("/api/audit?after=0&limit=1").json().path("events");
        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("seq").asLong()).isEqualTo(1);
        assertThat(first.get(0).path("prev_hash").asText()).isEqualTo("0".repeat(64));

        assertThat(http().get("/api/audit?limit=0").status()).isEqualTo(400);
        Response notANumber = http().get("/api/audit?after=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("error").asText()).contains("'after'");

        JsonNode verify = http().get("/api/audit/verify").json();
        assertThat(verify.path("intact").asBoolean()).isTrue();
        assertThat(verify.path("events_checked").asLong()).isGreaterThan(0);
        assertThat(verify.path("problems")).isEmpty();
    }

    @Test
    void healthIsUpWithTheCatalog() throws Exception {
        Response health = http().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json()
                        .path("components")
                        .path("catalog")
                        .path("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    void theHubHoldsItsHomeAndAnnouncesItsAddress() {
        assertThat(HomeLock.tryAcquire(HOME, HomeLock.Kind.CLI)).isEmpty();
        assertThat(HomeLock.recordedHolder(HOME).orElseThrow().kind()).isEqualTo(HomeLock.Kind.HUB);
        HubFile hub = HubFile.read(HOME).orElseThrow();
        assertThat(hub.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(hub.port()).isEqualTo(port);
        assertThat(hub.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aFileDroppedIntoTheInboxIsIngestedAndMovedToProcessed() throws Exception {
        Path dropped = HOME.resolve("inbox/inboxed/a.csv");
        Files.createDirectories(dropped.getParent());
        Files.writeString(dropped, "x\n1\n2\n3\n");
        Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(60)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(HOME.resolve("inbox/inboxed/.processed/a.csv")));

        JsonNode detail = http().get("/api/datasets/inboxed").json();
        assertThat(detail.path("row_count").asLong()).isEqualTo(3);
        assertThat(detail.path("snapshots").get(0).path("actor").asText()).isEqualTo("inbox");
        assertThat(detail.path("lineage").get(0).path("source_system").asText()).isEqualTo("inbox");
    }

    @Test
    void springsMapperWritesTheDocumentsLikeTheCliDoes() throws Exception {
        var doc = new io.lakehub.app.api.document.SqlResponse(
                java.util.List.of(new io.lakehub.app.api.document.SqlColumn("n", "BIGINT")),
                java.util.List.of(java.util.List.of(1L)),
                1,
                false);
        assertThat(springMapper.writeValueAsString(doc)).isEqualTo(io.lakehub.app.api.document.Json.write(doc));
    }

    private HttpResponse<String> sql(String query, String accept) throws Exception {
        return send(HttpRequest.newBuilder(http().uri("/api/sql"))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", query))))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String render(SqlResponse document, BiConsumer<SqlResponse, PrintWriter> renderer) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        renderer.accept(document, out);
        out.flush();
        return text.toString();
    }

    private long latestAuditSeq() throws Exception {
        return http().get("/api/audit?limit=1")
                .json()
                .path("events")
                .path(0)
                .path("seq")
                .asLong();
    }

    /** The {@code sql.query} audit events after {@code seq}. */
    private JsonNode sqlAuditsAfter(long seq) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode found = JSON.createArrayNode();
        for (JsonNode event :
                http().get("/api/audit?after=" + seq + "&limit=100").json().path("events")) {
            if (event.path("action").asText().equals("sql.query")) {
                found.add(event);
            }
        }
        return found;
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}
