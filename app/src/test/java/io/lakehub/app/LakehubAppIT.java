package io.lakehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub end to end on its real back ends (embedded H2 catalog, DuckDB, the ingest pipeline): files
 * dropped into the inbox become queryable over HTTP, a bad file lands in .failed with its reason,
 * and the dataset, audit and health endpoints describe what happened.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LakehubAppIT {
    private static final Path HOME = TestHomes.create("app-it");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.poll-delay", () -> "100ms");
        registry.add("lakehub.inbox.read-lock-min-age", () -> "300ms");
    }

    @LocalServerPort
    int port;

    @Test
    void filesDroppedIntoTheInboxBecomeQueryableAndBadOnesAreParkedWithTheirReason() throws Exception {
        drop("people/people.csv", "id,name,born\n1,Ada,1815-12-10\n2,Grace,1906-12-09\n3,Alan,1912-06-23\n");
        drop("events/events.ndjson", """
                {"id": 1, "kind": "click", "at": "2024-01-01T10:00:00Z"}
                {"id": 2, "kind": "view", "at": "2024-01-01T10:00:01Z", "extra": {"k": [1, 2]}}
                """);

        await().atMost(PATIENCE)
                .until(() -> sqlStatus("SELECT count(*) FROM people") == 200
                        && sqlStatus("SELECT count(*) FROM events") == 200);

        JsonNode people = sql("SELECT id, name, born FROM people ORDER BY id");
        assertThat(people.path("row_count").asLong()).isEqualTo(3);
        assertThat(people.path("truncated").asBoolean()).isFalse();
        assertThat(names(people.path("columns"))).containsExactly("id", "name", "born");
        assertThat(people.path("rows").get(0).get(1).asText()).isEqualTo("Ada");
        assertThat(people.path("rows").get(2).get(2).asText()).isEqualTo("1912-06-23");
        JsonNode events = sql("SELECT kind FROM events ORDER BY id");
        assertThat(events.path("rows").get(1).get(0).asText()).isEqualTo("view");
        assertThat(HOME.resolve("inbox/people/.processed/people.csv")).exists();
        assertThat(HOME.resolve("inbox/events/.processed/events.ndjson")).exists();
        assertThat(HOME.resolve("inbox/people/people.csv")).doesNotExist();

        drop("people/bad.csv", "id,name,born\n4,Edsger,1930-05-11\n5,only-two-fields\n");
        Path error = HOME.resolve("inbox/people/.failed/bad.csv.error.txt");
        await().atMost(PATIENCE).until(() -> Files.exists(error));
        List<String> reason = Files.readAllLines(error, StandardCharsets.UTF_8);
        assertThat(reason).hasSize(1);
        assertThat(reason.getFirst()).contains("bad.csv").contains("line 3");
        assertThat(HOME.resolve("inbox/people/.failed/bad.csv")).exists();
        assertThat(sql("SELECT count(*) AS n FROM people")
                        .path("rows")
                        .get(0)
                        .get(0)
                        .asLong())
                .as("nothing of the refused file was committed")
                .isEqualTo(3);

        JsonNode datasets = http().get("/api/datasets").json();
        assertThat(names(datasets)).contains("people", "events");
        for (JsonNode d : datasets) {
            if (d.path("name").asText().equals("people")) {
                assertThat(d.path("row_count").asLong()).isEqualTo(3);
                assertThat(d.path("file_count").asLong()).isPositive();
                assertThat(d.path("current_snapshot").isIntegralNumber()).isTrue();
            }
        }
        JsonNode detail = http().get("/api/datasets/people").json();
        assertThat(names(detail.path("columns"))).containsExactly("id", "name", "born");
        assertThat(detail.path("lineage").get(0).path("source_system").asText()).isEqualTo("inbox");

        JsonNode audit = http().get("/api/audit?limit=50").json().path("events");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.path("action").asText()));
        assertThat(actions).contains("dataset.commit", "ingest.refused");
        JsonNode verify = http().get("/api/audit/verify").json();
        assertThat(verify.path("intact").asBoolean()).isTrue();

        Response health = http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void sqlThatWritesOrReadsOutsideTheLakeIsRefusedWith400() throws Exception {
        Response copy = http().post("/api/sql", "{\"sql\": \"COPY (SELECT 1) TO '/tmp/lakehub-it.csv'\"}");
        assertThat(copy.status()).isEqualTo(400);
        assertThat(copy.json().path("error").asText()).isNotBlank();

        Response passwd = http().post("/api/sql", "{\"sql\": \"SELECT * FROM read_csv('/etc/passwd')\"}");
        assertThat(passwd.status()).isEqualTo(400);
        assertThat(passwd.json().path("error").asText()).isNotBlank();

        Response typo = http().post("/api/sql", "{\"sql\": \"SELEC 1\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("error").asText()).containsIgnoringCase("syntax");
    }

    @Test
    void aHivePartitionedFolderTreeInTheInboxAddsItsKeysAsTypedQueryableColumns() throws Exception {
        drop("sales/year=2024/month=1/part-0.csv", "id,amount\n1,10.5\n2,20\n");
        drop("sales/year=2024/month=2/part-0.csv", "id,amount\n3,30\n");
        drop("sales/year=2025/month=1/part-0.csv", "id,amount\n4,40\n");

        await().atMost(PATIENCE)
                .until(() -> sqlStatus("SELECT count(*) FROM sales") == 200
                        && sql("SELECT count(*) FROM sales")
                                        .path("rows")
                                        .get(0)
                                        .get(0)
                                        .asLong()
                                == 4);

        JsonNode in2024 = sql("SELECT id, year, month FROM sales WHERE year = 2024 ORDER BY id");
        assertThat(in2024.path("row_count").asLong()).isEqualTo(3);
        assertThat(in2024.path("rows").get(2).get(0).asInt()).isEqualTo(3);
        assertThat(in2024.path("rows").get(2).get(2).asInt()).isEqualTo(2);
        JsonNode detail = http().get("/api/datasets/sales").json();
        assertThat(names(detail.path("columns"))).containsExactly("id", "amount", "year", "month");
        List<String> types = new ArrayList<>();
        detail.path("columns").forEach(c -> types.add(c.path("type").asText()));
        assertThat(types).as("year and month typed like any other column").endsWith("int", "int");
        assertThat(HOME.resolve("inbox/sales/.processed/year=2024/month=1/part-0.csv"))
                .exists();
        assertThat(HOME.resolve("inbox/sales/.processed/year=2025/month=1/part-0.csv"))
                .exists();
        assertThat(HOME.resolve("inbox/sales/year=2024/month=1/part-0.csv")).doesNotExist();
    }

    /** Writes beside the inbox, backdates, then renames into place: a complete, settled file. */
    private static void drop(String relative, String content) throws IOException {
        Path target = HOME.resolve("inbox").resolve(relative);
        Files.createDirectories(target.getParent());
        Path staging = Files.writeString(HOME.resolveSibling("staging-" + target.getFileName()), content);
        Files.setLastModifiedTime(staging, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    private int sqlStatus(String sql) throws IOException, InterruptedException {
        return http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}")
                .status();
    }

    private JsonNode sql(String sql) throws IOException, InterruptedException {
        Response r = http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}
