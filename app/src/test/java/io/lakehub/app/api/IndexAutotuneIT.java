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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The autotune agent through the HTTP API (hashing provider): uploaded and generated evaluation sets
 * (a wrong expected key named), a bounded autotune run as a job whose every trial is in the append-only
 * journal, promotions with who/why, a rollback that puts the replaced parameters back (audited), and
 * searches answering throughout; and {@code GET /api/index-jobs} listing an index's refresh and autotune run.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndexAutotuneIT {
    private static final Path HOME = TestHomes.create("autotune");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {
        "apple", "banana", "river", "mountain", "compiler", "thread", "garden", "winter", "harbour", "violin",
        "engine", "bread", "castle", "forest", "planet", "silver", "ocean", "lantern", "meadow", "rocket"
    };

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "64");
        registry.add("lakehub.vector.autotune.min-recall", () -> "0.9");
        // Waited out between trials, not a reason to end a run.
        registry.add("lakehub.vector.autotune.cooldown", () -> "50ms");
    }

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private JsonNode finished(String job) throws Exception {
        await().atMost(Duration.ofSeconds(45))
                .until(() -> !http().get("/api/jobs/" + job)
                        .json()
                        .path("status")
                        .asText()
                        .matches("queued|running"));
        return http().get("/api/jobs/" + job).json();
    }

    @Test
    void evaluationSetsTrialsPromotionsAndRollback() throws Exception {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = 1; i <= 300; i++) {
            csv.append(i).append(',');
            for (int w = 0; w < 6; w++) {
                csv.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(HOME.resolveSibling("autotune-docs.csv"), csv.toString());
        Response ingested = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"tdocs\"}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"tdocs_idx\", \"dataset\": \"tdocs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String refresh = http().post("/api/indexes/tdocs_idx/refresh", "{}")
                .json()
                .path("job")
                .asText();
        assertThat(finished(refresh).path("status").asText()).isEqualTo("succeeded");

        Response wrong = http().post(
                        "/api/indexes/tdocs_idx/evalsets",
                        "{\"id\": \"bad\", \"k\": 1, \"queries\": [{\"id\": \"q1\", \"text\": \"banana\","
                                + " \"expected\": [\"9999\"]}]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).contains("9999");
        Response uploaded = http().post(
                        "/api/indexes/tdocs_idx/evalsets",
                        "{\"id\": \"hand\", \"k\": 1, \"queries\": [{\"id\": \"q1\", \"text\": \"banana river\","
                                + " \"expected\": [\"1\"]}]}");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("origin").asText()).isEqualTo("uploaded");
        Response generated = http().post(
                        "/api/indexes/tdocs_idx/evalsets",
                        "{\"id\": \"gen\", \"generate\": {\"queries\": 30, \"k\": 5, \"seed\": 7}}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(201);
        assertThat(generated.json().path("queries").asInt()).isEqualTo(30);
        assertThat(generated.json().path("build_signature").asText())
                .isEqualTo(http().get("/api/indexes/tdocs_idx")
                        .json()
                        .path("build_signature")
                        .asText());
        assertThat(http().post("/api/indexes/tdocs_idx/evalsets", "{\"id\": \"gen\", \"generate\": {}}")
                        .status())
                .isEqualTo(409);
        assertThat(http().get("/api/indexes/tdocs_idx/evalsets").json()).hasSize(2);

        Response accepted = http().post("/api/indexes/tdocs_idx/autotune", "{\"evalset\": \"gen\", \"trials\": 5}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = finished(accepted.json().path("job").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("type").asText()).isEqualTo("index-autotune");
        assertThat(job.path("kind").asText()).isEqualTo("index-autotune");
        // No objective in the request: the configured one (lakehub.vector.autotune.min-recall).
        assertThat(job.path("objective").asText()).isEqualTo("minimize p95 subject to recall ≥ 0.900");
        int done = job.path("done").asInt();
        assertThat(done).isBetween(2, 5);

        JsonNode trials = http().get("/api/indexes/tdocs_idx/trials").json();
        assertThat(trials).hasSize(done);
        for (JsonNode t : trials) {
            assertThat(t.path("status").asText()).as(t.toString()).isEqualTo("completed");
            assertThat(t.path("kind").asText()).isEqualTo("search_time");
            assertThat(t.path("evalset").asText()).isEqualTo("gen");
            assertThat(t.path("recall").asDouble()).isBetween(0.0, 1.0);
            assertThat(t.path("p95_us").asLong())
                    .isGreaterThanOrEqualTo(t.path("p50_us").asLong());
        }
        assertThat(trials.get(0).path("seq").asLong()).isEqualTo(1);

        JsonNode promotions = http().get("/api/indexes/tdocs_idx/promotions").json();
        assertThat(promotions).hasSize(job.path("promoted").size());
        Response rollback = http().post("/api/indexes/tdocs_idx/rollback", "{\"reason\": \"test\"}");
        if (promotions.isEmpty()) {
            assertThat(rollback.status()).isEqualTo(409);
        } else {
            JsonNode last = promotions.get(promotions.size() - 1);
            assertThat(last.path("action").asText()).isEqualTo("promote");
            assertThat(last.path("reason").asText()).isNotBlank();
            assertThat(last.path("actor").asText()).isEqualTo("anonymous");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            assertThat(rollback.json().path("action").asText()).isEqualTo("rollback");
            assertThat(rollback.json().path("parameters").asText())
                    .isEqualTo(last.path("previous").asText());
            assertThat(rollback.json().path("reason").asText()).isEqualTo("test");
            assertThat(http().get("/api/audit?limit=50").body())
                    .contains("index.rollback")
                    .contains("index.promote");
        }

        // A second run continues the journal: no trial repeats one already journalled.
        Response again = http().post("/api/indexes/tdocs_idx/autotune", "{\"evalset\": \"gen\", \"trials\": 3}");
        assertThat(finished(again.json().path("job").asText()).path("status").asText())
                .isEqualTo("succeeded");
        JsonNode all = http().get("/api/indexes/tdocs_idx/trials").json();
        assertThat(all.size()).isGreaterThan(done);

        // The other objective: the highest recall subject to a p95 bound; not both at once.
        Response bounded = http().post(
                        "/api/indexes/tdocs_idx/autotune",
                        "{\"evalset\": \"gen\", \"trials\": 2, \"max_p95_us\": 50000}");
        assertThat(bounded.status()).as(bounded.body()).isEqualTo(202);
        JsonNode boundedJob = finished(bounded.json().path("job").asText());
        assertThat(boundedJob.path("status").asText()).as(boundedJob.toString()).isEqualTo("succeeded");
        assertThat(boundedJob.path("objective").asText()).isEqualTo("maximize recall subject to p95 ≤ 50000 µs");
        Response both = http().post("/api/indexes/tdocs_idx/autotune", "{\"min_recall\": 0.9, \"max_p95_us\": 5}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("min_recall").contains("max_p95_us");
        assertThat(http().post("/api/indexes/tdocs_idx/autotune", "{\"max_p95_us\": 10000000000000000}")
                        .status())
                .isEqualTo(400);

        // Build-time trials run on candidate graphs in the background; a winner is promoted with its graph
        // (GraphPromotionIT follows one through refresh, restart and rollback).
        String live =
                construction(http().get("/api/indexes/tdocs_idx/trials").json().get(0));
        Response built = http().post(
                        "/api/indexes/tdocs_idx/autotune",
                        "{\"evalset\": \"gen\", \"trials\": 3, \"build_time\": true}");
        assertThat(finished(built.json().path("job").asText()).path("status").asText())
                .isEqualTo("succeeded");
        for (JsonNode t : http().get("/api/indexes/tdocs_idx/trials").json()) {
            assertThat(t.path("kind").asText()).isIn("search_time", "build_time");
            assertThat(t.path("status").asText()).isEqualTo("completed");
        }
        JsonNode journal = http().get("/api/indexes/tdocs_idx/trials").json();
        for (JsonNode p : http().get("/api/indexes/tdocs_idx/promotions").json()) {
            if (!construction(p).equals(live) && p.path("action").asText().equals("promote")) {
                JsonNode won = null;
                for (JsonNode t : journal) {
                    if (t.path("seq").asLong() == p.path("trial").asLong()) {
                        won = t;
                    }
                }
                assertThat(won).as(p.toString()).isNotNull();
                assertThat(won.path("kind").asText()).isEqualTo("build_time");
            }
        }

        Response search = http().post("/api/indexes/tdocs_idx/search", "{\"query\": \"banana river\", \"k\": 3}");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.json().path("hits").size()).isEqualTo(3);
        assertThat(http().get("/api/indexes/nope/trials").status()).isEqualTo(404);
        assertThat(http().post("/api/indexes/tdocs_idx/autotune", "{\"trials\": 0}")
                        .status())
                .isEqualTo(400);
    }

    /**
     * {@code GET /api/index-jobs} lists an index's refresh and its autotune run, each exactly as {@code GET
     * /api/jobs/{id}} answers it; the unfinished first, then the finished newest first; filtered by index, cut by
     * limit, and a bad limit is 400 naming it.
     */
    @Test
    void indexJobsListRefreshesAndAutotuneRunsAsGetJobAnswersThem() throws Exception {
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = 1; i <= 60; i++) {
            csv.append(i)
                    .append(',')
                    .append(WORDS[i % WORDS.length])
                    .append(' ')
                    .append(WORDS[(i * 7) % WORDS.length]);
            csv.append('\n');
        }
        Path file = Files.writeString(HOME.resolveSibling("index-jobs.csv"), csv.toString());
        assertThat(http().post(
                                "/api/ingest",
                                "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"jdocs\"}")
                        .status())
                .isEqualTo(200);
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"jdocs_idx\", \"dataset\": \"jdocs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String refresh = http().post("/api/indexes/jdocs_idx/refresh", "{}")
                .json()
                .path("job")
                .asText();
        assertThat(finished(refresh).path("status").asText()).isEqualTo("succeeded");

        Response accepted = http().post("/api/indexes/jdocs_idx/autotune", "{\"trials\": 2}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String autotune = accepted.json().path("job").asText();
        // Queued, running or (on a fast machine) already finished after the refresh: first either way.
        JsonNode first = http().get("/api/index-jobs?index=jdocs_idx&limit=1").json();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).path("id").asText()).isEqualTo(autotune);
        assertThat(finished(autotune).path("status").asText()).isEqualTo("succeeded");

        Response listed = http().get("/api/index-jobs?index=jdocs_idx");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode jobs = listed.json();
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0)).isEqualTo(http().get("/api/jobs/" + autotune).json());
        assertThat(jobs.get(1)).isEqualTo(http().get("/api/jobs/" + refresh).json());
        JsonNode tuned = jobs.get(0);
        assertThat(tuned.path("kind").asText()).isEqualTo("index-autotune");
        assertThat(tuned.path("type").asText()).isEqualTo("index-autotune");
        assertThat(tuned.path("index").asText()).isEqualTo("jdocs_idx");
        assertThat(tuned.path("done").asInt()).isBetween(1, 2);
        assertThat(tuned.path("total").asInt()).isEqualTo(2);
        assertThat(tuned.path("eta_seconds").asDouble()).isZero();
        assertThat(tuned.path("rate").asDouble()).isPositive();
        JsonNode refreshed = jobs.get(1);
        assertThat(refreshed.path("kind").asText()).isEqualTo("index-refresh");
        assertThat(refreshed.path("id").asText()).isEqualTo(refresh);
        assertThat(refreshed.path("job").asText()).isEqualTo(refresh);
        assertThat(refreshed.path("index").asText()).isEqualTo("jdocs_idx");
        assertThat(refreshed.path("done").asLong())
                .isEqualTo(refreshed.path("total").asLong())
                .isPositive();

        // Every index: this index's jobs among the others', finished ones newest first.
        JsonNode all = http().get("/api/index-jobs?limit=1000").json();
        List<String> ids = new ArrayList<>();
        List<String> finishedAt = new ArrayList<>();
        for (JsonNode j : all) {
            ids.add(j.path("id").asText());
            assertThat(j.path("status").asText()).as(j.toString()).isIn("succeeded", "failed");
            finishedAt.add(j.path("finished_at").asText());
        }
        assertThat(ids).contains(autotune, refresh);
        assertThat(ids.indexOf(autotune)).isLessThan(ids.indexOf(refresh));
        assertThat(finishedAt.stream().map(Instant::parse).toList()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(http().get("/api/index-jobs?limit=1").json()).hasSize(1);
        assertThat(http().get("/api/index-jobs?index=no_such_idx").json()).isEmpty();

        for (String bad : List.of("0", "1001", "many")) {
            Response refused = http().get("/api/index-jobs?limit=" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.error()).as(bad).contains("'limit'");
        }
    }

    /** The construction part of a trial's or promotion's parameters (before the ';'). */
    private static String construction(JsonNode entry) {
        return entry.path("parameters").asText().split(";")[0];
    }
}
