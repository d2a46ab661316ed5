package io.lakehub.app.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code quarantine} policy through a pipeline declared in YAML (ADR 0037): rows whose free-text
 * cell embeds PII land in {@code <dataset>__quarantine}, committed in the same transaction as the
 * dataset's, never in the dataset; SQL reads both; an erasure of a key covers the quarantine too.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuarantinePipelineIT {
    private static final Path HOME = TestHomes.create("quarantine-pipeline");
    private static final Path SOURCE = HOME.resolveSibling("quarantine-source");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCE);
        StringBuilder csv = new StringBuilder("id,customer,note\n");
        for (int i = 1; i <= 500; i++) {
            csv.append(i)
                    .append(",c")
                    .append(i)
                    .append(',')
                    .append(
                            i % 50 == 3
                                    ? "call me on +1 415 253 2671 or mail c" + i + "@example.org"
                                    : "left the parcel at the back door " + i)
                    .append('\n');
        }
        Files.writeString(SOURCE.resolve("tickets.csv"), csv);
        Path config = Files.writeString(HOME.resolveSibling("lakehub-quarantine.yaml"), """
                lakehub:
                  pipelines:
                    - id: tickets
                      from: "file:%s?noop=true"
                      format: csv
                      into: tickets
                      schedule: "0 0 3 * * ?"
                      pii:
                        policies:
                          - column: note
                            action: quarantine
                """.formatted(SOURCE));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.pii.hash-key", () -> "quarantine-test-key-0123456789");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    private HubHttp http() {
        return new HubHttp(port);
    }

    @Test
    void rowsWithPiiInTheNoteLandInTheQuarantineInTheSameCommitAndAnErasureCoversThem() throws Exception {
        Response run = http().post("/api/pipelines/tickets/run", "");
        assertThat(run.status()).as(run.body()).isBetween(200, 202);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(catalog.dataset(DatasetName.of("tickets"))).isPresent());

        assertThat(catalog.dataset(DatasetName.of("tickets")).orElseThrow().rowCount())
                .isEqualTo(490);
        assertThat(catalog.dataset(DatasetName.of("tickets__quarantine"))
                        .orElseThrow()
                        .rowCount())
                .isEqualTo(10);
        Snapshot main = catalog.snapshots(DatasetName.of("tickets")).getFirst();
        Snapshot held = catalog.snapshots(DatasetName.of("tickets__quarantine")).getFirst();
        assertThat(held.properties()).containsEntry("quarantine.of", "tickets");
        assertThat(held.id())
                .as("written after the dataset's, in its transaction")
                .isGreaterThan(main.id());
        assertThat(main.properties()).containsEntry("quarantine.dataset", "tickets__quarantine");

        assertThat(count("SELECT count(*) FROM tickets WHERE note LIKE '%@example.org%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM tickets__quarantine WHERE note LIKE '%@example.org%'"))
                .isEqualTo(10);
        JsonNode note = column(http().get("/api/datasets/tickets").json(), "note");
        assertThat(note.path("pii_action").asText()).isEqualTo("quarantine");

        // An erasure of a customer reaches the row the quarantine holds.
        Response accepted =
                http().post("/api/datasets/tickets/erasures", "{\"key_column\": \"customer\", \"values\": [\"c53\"]}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(count("SELECT count(*) FROM tickets__quarantine WHERE customer = 'c53'"))
                .isZero();
        long id = accepted.json().path("id").asLong();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(http().get("/api/datasets/tickets/erasures/" + id)
                                .json()
                                .path("state")
                                .asText())
                        .isEqualTo("erased"));
        Response verified = http().post("/api/datasets/tickets/erasures/verify", "{\"value\": \"c53\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("erased").asBoolean())
                .as(verified.body())
                .isTrue();
        assertThat(verified.body()).contains("tickets__quarantine");
        assertThat(count("SELECT count(*) FROM tickets__quarantine")).isEqualTo(9);
    }

    private static JsonNode column(JsonNode dataset, String name) {
        for (JsonNode c : dataset.path("columns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + dataset);
    }

    private long count(String sql) throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rows").get(0).get(0).asLong();
    }
}
