package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vector indexes through the HTTP API on the real back ends (H2 catalog, DuckDB), with the feature-hashing
 * provider for speed: create, refresh as a background job, search (filtered, hybrid), an upsert that changes
 * one row's text re-embeds exactly that row, an unchanged dataset is up to date, an erasure removes the
 * erased row's vectors, an on-commit index follows ingests, and the 400/404/409 cases name the problem.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VectorIndexApiIT {
    private static final Path HOME = TestHomes.create("vector");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.pii.hash-key", () -> "vector-test-key-0123456789abcdef");
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "128");
    }

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private static final String[][] DOCS = {
        {"1", "fruit", "Apples and pears grow in the orchard behind the farm."},
        {"2", "fruit", "A ripe banana smoothie with mango and yoghurt."},
        {"3", "tech", "The rust compiler borrow checker rejects dangling references."},
        {"4", "tech", "Java virtual threads make blocking code scale."},
        {"5", "tech", "A banana shaped keyboard for ergonomic typing."},
        {"6", "travel", "Trains across the alps in winter, snow on every peak."},
    };

    private void ingest(String dataset, String fileName, String[][] rows, String mode) throws Exception {
        StringBuilder csv = new StringBuilder("id,category,body\n");
        for (String[] r : rows) {
            csv.append(r[0]).append(',').append(r[1]).append(",\"").append(r[2]).append("\"\n");
        }
        Path file = Files.writeString(HOME.resolveSibling("vector-" + fileName + ".csv"), csv.toString());
        Response r = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset
                                + "\", \"mode\": \"" + mode + "\""
                                + ("upsert".equals(mode) ? ", \"key\": [\"id\"]}" : "}"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private JsonNode refresh(String index) throws Exception {
        Response accepted = http().post("/api/indexes/" + index + "/refresh", "{}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String job = accepted.json().path("job").asText();
        assertThat(job).isNotBlank();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !http().get("/api/jobs/" + job)
                        .json()
                        .path("status")
                        .asText()
                        .matches("queued|running"));
        JsonNode done = http().get("/api/jobs/" + job).json();
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    private List<String> keys(Response search) throws Exception {
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode hit : search.json().path("hits")) {
            keys.add(hit.path("key").asText());
        }
        return keys;
    }

    private Response search(String index, String body) throws Exception {
        return http().post("/api/indexes/" + index + "/search", body);
    }

    @Test
    void createRefreshSearchFollowTheDataAndErase() throws Exception {
        ingest("docs", "docs", DOCS, "upsert");
        assertThat(http().get("/api/indexes").status()).isEqualTo(200);

        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"docs_idx\", \"dataset\": \"docs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("model").asText()).isEqualTo("feature-hashing");
        assertThat(created.json().path("dimensions").asInt()).isEqualTo(128);
        assertThat(created.json().path("refresh").asText()).isEqualTo("manual");
        // The launcher's hint: the next ./lakehub run of this home adds the Vector API module (ADR 0058).
        assertThat(HOME.resolve(io.lakehub.app.vector.VectorApiHint.FILE)).exists();

        JsonNode first = refresh("docs_idx");
        assertThat(first.path("added_rows").asInt()).isEqualTo(6);
        assertThat(first.path("embedded_chunks").asInt()).isEqualTo(6);
        assertThat(first.path("done").asLong()).isEqualTo(6);
        assertThat(first.path("total").asLong()).isEqualTo(6);
        JsonNode index = http().get("/api/indexes/docs_idx").json();
        assertThat(index.path("row_count").asLong()).isEqualTo(6);
        assertThat(index.path("chunk_count").asLong()).isEqualTo(6);
        assertThat(index.path("build_signature").asText()).hasSize(64);

        Response found = search("docs_idx", "{\"query\": \"banana smoothie with mango\", \"k\": 3}");
        assertThat(keys(found)).hasSizeLessThanOrEqualTo(3).first().isEqualTo("2");
        JsonNode hit = found.json().path("hits").get(0);
        assertThat(hit.path("chunk").asText()).contains("banana smoothie");
        assertThat(hit.path("score").asDouble()).isGreaterThan(0.3);
        assertThat(hit.path("row").path("category").asText()).isEqualTo("fruit");
        assertThat(hit.path("row").path("body").asText()).contains("mango");
        assertThat(http().get("/api/indexes/docs_idx").json().path("last_used").isNull())
                .isFalse();

        // The filter restricts the candidates: only tech rows, the banana keyboard first.
        List<String> tech = keys(
                search("docs_idx", "{\"query\": \"banana smoothie\", \"k\": 10, \"filter\": \"category = 'tech'\"}"));
        assertThat(tech).containsExactlyInAnyOrder("5", "3", "4");
        assertThat(tech.get(0)).isEqualTo("5");

        List<String> hybrid =
                keys(search("docs_idx", "{\"query\": \"borrow checker\", \"k\": 2, \"mode\": \"hybrid\"}"));
        assertThat(hybrid).first().isEqualTo("3");

        // Nothing changed: up to date, nothing read.
        JsonNode same = refresh("docs_idx");
        assertThat(same.path("up_to_date").asBoolean()).isTrue();
        assertThat(same.path("embedded_chunks").asInt()).isZero();
        assertThat(same.path("elapsed_ms").asLong()).isLessThan(200);

        // An upsert changes row 2's text: exactly that row is embedded again.
        ingest(
                "docs",
                "docs-upsert",
                new String[][] {{"2", "fruit", "Quantum physics lecture notes on entanglement."}},
                "upsert");
        JsonNode changed = refresh("docs_idx");
        assertThat(changed.path("changed_rows").asInt()).isEqualTo(1);
        assertThat(changed.path("added_rows").asInt()).isZero();
        assertThat(changed.path("embedded_chunks").asInt()).isEqualTo(1);
        Response quantum = search("docs_idx", "{\"query\": \"quantum physics entanglement\", \"k\": 1}");
        assertThat(keys(quantum)).containsExactly("2");
        assertThat(quantum.json().path("hits").get(0).path("chunk").asText()).contains("Quantum");
        List<String> banana = keys(search("docs_idx", "{\"query\": \"banana smoothie with mango\", \"k\": 1}"));
        assertThat(banana).doesNotContain("2");

        // An erasure removes the erased row's vectors before its rewrite finishes.
        Response erasure = http().post(
                        "/api/datasets/docs/erasures",
                        "{\"key_column\": \"id\", \"values\": [\"3\"], \"reason\": \"test\"}");
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        long id = erasure.json().path("id").asLong();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(http().get("/api/datasets/docs/erasures/" + id)
                                .json()
                                .path("state")
                                .asText())
                        .isEqualTo("erased"));
        assertThat(keys(search("docs_idx", "{\"query\": \"rust compiler borrow checker\", \"k\": 10}")))
                .doesNotContain("3")
                .hasSize(5);
        assertThat(http().get("/api/indexes/docs_idx").json().path("row_count").asLong())
                .isEqualTo(5);

        assertThat(http().delete("/api/indexes/docs_idx").status()).isEqualTo(204);
        assertThat(http().get("/api/indexes/docs_idx").status()).isEqualTo(404);
        assertThat(Files.exists(HOME.resolve("lake").resolve("_indexes").resolve("docs_idx")))
                .isFalse();
    }

    @Test
    void anOnCommitIndexFollowsIngests() throws Exception {
        ingest("notes", "notes", new String[][] {{"1", "a", "first note about gardening"}}, "upsert");
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"notes_idx\", \"dataset\": \"notes\", \"key_column\": \"id\", \"text_column\":"
                                + " \"body\", \"refresh\": \"on-commit\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("refresh").asText()).isEqualTo("on-commit");
        ingest("notes", "notes-2", new String[][] {{"2", "b", "second note about sailing boats"}}, "upsert");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(http().get("/api/indexes/notes_idx")
                                .json()
                                .path("row_count")
                                .asLong())
                        .isEqualTo(2));
        assertThat(keys(search("notes_idx", "{\"query\": \"sailing boats\", \"k\": 1}")))
                .containsExactly("2");
    }

    @Test
    void aCronIndexRefreshesOnItsSchedule() throws Exception {
        ingest("memos", "memos", new String[][] {{"1", "a", "a memo about quarterly budgets"}}, "upsert");
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"memos_idx\", \"dataset\": \"memos\", \"key_column\": \"id\", \"text_column\":"
                                + " \"body\", \"refresh\": \"cron:* * * * * ?\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("refresh").asText()).isEqualTo("cron:* * * * * ?");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(http().get("/api/indexes/memos_idx")
                                .json()
                                .path("row_count")
                                .asLong())
                        .isEqualTo(1));
        assertThat(http().delete("/api/indexes/memos_idx").status()).isEqualTo(204);

        Response bad = http().post(
                        "/api/indexes",
                        "{\"name\": \"memos_idx2\", \"dataset\": \"memos\", \"key_column\": \"id\", \"text_column\":"
                                + " \"body\", \"refresh\": \"cron:every tuesday\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("memos_idx2", "key refresh", "cron:every tuesday");
    }

    @Test
    void aFailedRefreshLeavesThePreviousIndexServing() throws Exception {
        ingest("keyed", "keyed", new String[][] {{"1", "a", "lighthouse keepers on stormy islands"}}, "append");
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"keyed_idx\", \"dataset\": \"keyed\", \"key_column\": \"id\", \"text_column\":"
                                + " \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        refresh("keyed_idx");
        ingest(
                "keyed",
                "keyed-null",
                new String[][] {{"2", "b", "harbour cranes"}, {"", "c", "a row without a key"}},
                "append");

        Response accepted = http().post("/api/indexes/keyed_idx/refresh", "{}");
        String job = accepted.json().path("job").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !http().get("/api/jobs/" + job)
                        .json()
                        .path("status")
                        .asText()
                        .matches("queued|running"));
        JsonNode failed = http().get("/api/jobs/" + job).json();
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("NULL key");
        assertThat(http().get("/api/indexes/keyed_idx")
                        .json()
                        .path("last_error")
                        .asText())
                .contains("NULL key");
        assertThat(keys(search("keyed_idx", "{\"query\": \"lighthouse keepers\", \"k\": 5}")))
                .containsExactly("1");
    }

    @Test
    void badRequestsNameTheProblem() throws Exception {
        ingest("small_docs", "small", DOCS, "upsert");
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"small_idx\", \"dataset\": \"small_docs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        refresh("small_idx");

        Response duplicate = http().post(
                        "/api/indexes",
                        "{\"name\": \"small_idx\", \"dataset\": \"small_docs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).contains("small_idx");

        Response noColumn = http().post(
                        "/api/indexes",
                        "{\"name\": \"other_idx\", \"dataset\": \"small_docs\", \"key_column\": \"id\", \"text_column\": \"nope\"}");
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.error()).contains("nope");

        Response tuned = http().post(
                        "/api/indexes",
                        "{\"name\": \"tuned_idx\", \"dataset\": \"small_docs\", \"key_column\": \"id\","
                                + " \"text_column\": \"body\", \"max_degree\": 16, \"beam_width\": 60,"
                                + " \"neighbor_overflow\": 1.5, \"alpha\": 1.1, \"hierarchy\": false, \"overquery\": 8}");
        assertThat(tuned.status()).as(tuned.body()).isEqualTo(201);
        assertThat(tuned.json().path("max_degree").asInt()).isEqualTo(16);
        assertThat(tuned.json().path("beam_width").asInt()).isEqualTo(60);
        assertThat(tuned.json().path("hierarchy").asBoolean()).isFalse();
        assertThat(tuned.json().path("overquery").asInt()).isEqualTo(8);
        assertThat(http().delete("/api/indexes/tuned_idx").status()).isEqualTo(204);
        Response badGraph = http().post(
                        "/api/indexes",
                        "{\"name\": \"bad_graph_idx\", \"dataset\": \"small_docs\", \"key_column\": \"id\","
                                + " \"text_column\": \"body\", \"max_degree\": 1}");
        assertThat(badGraph.status()).isEqualTo(400);
        assertThat(badGraph.error()).contains("max degree must be ≥ 2");
        assertThat(http().get("/api/indexes/bad_graph_idx").status()).isEqualTo(404);

        Response noDataset = http().post(
                        "/api/indexes",
                        "{\"name\": \"other_idx\", \"dataset\": \"no_such_data\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(noDataset.status()).isEqualTo(404);

        Response zero = search("small_idx", "{\"query\": \"banana\", \"k\": 0}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.error()).contains("k must be between 1 and 1000");
        Response huge = search("small_idx", "{\"query\": \"banana\", \"k\": 100000}");
        assertThat(huge.status()).isEqualTo(400);

        Response unknown = search("no_such_idx", "{\"query\": \"banana\", \"k\": 3}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).contains("no_such_idx");
        assertThat(http().post("/api/indexes/no_such_idx/refresh", "{}").status())
                .isEqualTo(404);
        assertThat(http().delete("/api/indexes/no_such_idx").status()).isEqualTo(404);
        assertThat(http().get("/api/jobs/no-such-job").status()).isEqualTo(404);

        Response badFilter = search("small_idx", "{\"query\": \"banana\", \"k\": 3, \"filter\": \"colour = 'red'\"}");
        assertThat(badFilter.status()).as(badFilter.body()).isEqualTo(400);
        assertThat(badFilter.error()).contains("filter").contains("colour");

        Response badMode = search("small_idx", "{\"query\": \"banana\", \"k\": 3, \"mode\": \"fuzzy\"}");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.error()).contains("fuzzy");

        Response noQuery = search("small_idx", "{\"k\": 3}");
        assertThat(noQuery.status()).isEqualTo(400);
    }
}
