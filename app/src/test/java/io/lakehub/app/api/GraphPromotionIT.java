package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.tune.TrialParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A build-time winner promoted through the HTTP API (ADR 0045): an index created with poor construction
 * parameters is tuned with build-time trials allowed; the promotion names the new construction, searches keep
 * answering while candidate graphs are built and swapped, a refresh keeps the promoted construction, a restart
 * serves the promoted graph — also after a stop left the files behind the catalog — and a rollback puts the previous graph and parameters back (audited).
 * Deleting the index is refused while a search profile is bound to it, then purges its evaluation sets, trials
 * and promotions (a new index of that name starts with an empty journal).
 */
class GraphPromotionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOR = "m=8,beam=20,overflow=1.0,alpha=1.0,hier=false";
    private static final String[] WORDS = {
        "apple", "banana", "river", "mountain", "compiler", "thread", "garden", "winter", "harbour", "violin",
        "engine", "bread", "castle", "forest", "planet", "silver", "ocean", "lantern", "meadow", "rocket",
        "falcon", "glacier", "copper", "desert", "island", "marble", "orchid", "pepper", "quartz", "saddle"
    };

    private static ConfigurableApplicationContext start(Path home) {
        return new SpringApplicationBuilder(LakehubApplication.class)
                .run(
                        "--lakehub.home=" + home,
                        "--server.port=0",
                        "--lakehub.inbox.enabled=false",
                        "--lakehub.vector.provider=hashing",
                        "--lakehub.vector.dimensions=64");
    }

    private static HubHttp http(ConfigurableApplicationContext context) {
        return new HubHttp(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private static JsonNode finished(HubHttp http, String job) throws Exception {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !http.get("/api/jobs/" + job)
                        .json()
                        .path("status")
                        .asText()
                        .matches("queued|running"));
        return http.get("/api/jobs/" + job).json();
    }

    private static void ingest(HubHttp http, Path home, int from, int to) throws Exception {
        Random random = new Random(from);
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = from; i <= to; i++) {
            csv.append(i).append(",item").append(i);
            for (int w = 0; w < 5; w++) {
                csv.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(home.resolveSibling("gpromo-" + from + ".csv"), csv.toString());
        Response r = http.post(
                "/api/ingest", "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"gdocs\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void refresh(HubHttp http) throws Exception {
        String job =
                http.post("/api/indexes/gidx/refresh", "{}").json().path("job").asText();
        assertThat(finished(http, job).path("status").asText()).isEqualTo("succeeded");
    }

    /** The construction part of the graph serving now, as a one-trial run measures it. */
    private static String serving(HubHttp http) throws Exception {
        Response r = http.post("/api/indexes/gidx/autotune", "{\"trials\": 1}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode job = finished(http, r.json().path("job").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        return job.path("champion").asText().split(";")[0];
    }

    private static String construction(String canonical) {
        return canonical.split(";")[0];
    }

    @Test
    void aBuildTimeWinnerIsPromotedKeptAcrossRefreshAndRestartAndRolledBack() throws Exception {
        Path home = TestHomes.create("graph-promotion");
        String promoted;
        try (ConfigurableApplicationContext hub = start(home)) {
            HubHttp http = http(hub);
            ingest(http, home, 1, 2_600); // above the 2,000-chunk exact-scan threshold: the graph is searched
            Response created = http.post(
                    "/api/indexes",
                    "{\"name\": \"gidx\", \"dataset\": \"gdocs\", \"key_column\": \"id\", \"text_column\": \"body\","
                            + " \"max_degree\": 8, \"beam_width\": 20, \"neighbor_overflow\": 1.0, \"alpha\": 1.0,"
                            + " \"hierarchy\": false, \"overquery\": 1}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            refresh(http);
            assertThat(construction(serving(http))).isEqualTo(POOR);

            // Searches run throughout the tuning: none may fail.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            Thread searcher = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Response s = http.post("/api/indexes/gidx/search", "{\"query\": \"river garden\", \"k\": 5}");
                        if (s.status() == 200 && s.json().path("hits").size() == 5) {
                            answered.incrementAndGet();
                        } else {
                            failures.add(s.status() + " " + s.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            searcher.start();
            JsonNode promotion = null;
            // Recall decides (the bound 1.0 is out of reach of the poor graph): better graphs win by the margin.
            for (int run = 0; run < 4 && promotion == null; run++) {
                Response accepted = http.post(
                        "/api/indexes/gidx/autotune",
                        "{\"trials\": 8, \"build_time\": true, \"min_recall\": 1.0, \"seed\": " + (11 + run) + "}");
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                JsonNode job = finished(http, accepted.json().path("job").asText());
                assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
                for (JsonNode p : http.get("/api/indexes/gidx/promotions").json()) {
                    if (!construction(p.path("parameters").asText()).equals(POOR)) {
                        promotion = p;
                        break;
                    }
                }
            }
            stop.set(true);
            searcher.join();
            assertThat(failures).isEmpty();
            assertThat(answered.get()).isPositive();
            assertThat(promotion).as("a build-time promotion").isNotNull();
            assertThat(promotion.path("action").asText()).isEqualTo("promote");
            assertThat(construction(promotion.path("previous").asText())).isEqualTo(POOR);
            long trial = promotion.path("trial").asLong();
            JsonNode winner = null;
            for (JsonNode t : http.get("/api/indexes/gidx/trials").json()) {
                if (t.path("seq").asLong() == trial) {
                    winner = t;
                }
            }
            assertThat(winner).isNotNull();
            assertThat(winner.path("kind").asText()).isEqualTo("build_time");
            assertThat(winner.path("parameters").asText())
                    .isEqualTo(promotion.path("parameters").asText());
            assertThat(http.get("/api/audit?limit=100").body()).contains("index.promote");

            // The newest promotion is in force: its graph serves, and a refresh with new rows keeps its construction.
            JsonNode all = http.get("/api/indexes/gidx/promotions").json();
            promoted = construction(all.get(all.size() - 1).path("parameters").asText());
            assertThat(promoted).isNotEqualTo(POOR);
            assertThat(construction(serving(http))).isEqualTo(promoted);
            ingest(http, home, 2_601, 2_700);
            refresh(http);
            assertThat(construction(serving(http))).isEqualTo(promoted);
        }

        // A stop between writing a graph and recording it: the files say the poor graph, the catalog the promoted
        // one. The catalog is the source of truth: the hub puts the promoted graph back at start (from the history).
        Path dir;
        try (var files = Files.walk(home)) {
            dir = files.filter(p -> p.endsWith(Path.of("_indexes", "gidx")))
                    .findFirst()
                    .orElseThrow();
        }
        try (VectorIndex index = VectorIndex.open(dir, new HashingEmbeddingProvider(64, 42))) {
            index.restoreGraph(new GraphParams(8, 20, 1.0f, 1.0f, false, 1), 2);
            try (var snapshot = index.snapshot()) {
                assertThat(TrialParameters.BuildTime.of(snapshot.graphParams()).maxDegree())
                        .isEqualTo(8);
            }
        }

        try (ConfigurableApplicationContext hub = start(home)) {
            HubHttp http = http(hub);
            assertThat(construction(serving(http))).isEqualTo(promoted);
            Response search = http.post("/api/indexes/gidx/search", "{\"query\": \"river garden\", \"k\": 5}");
            assertThat(search.status()).as(search.body()).isEqualTo(200);
            assertThat(search.json().path("hits").size()).isEqualTo(5);

            JsonNode all = http.get("/api/indexes/gidx/promotions").json();
            JsonNode last = all.get(all.size() - 1);
            Response rollback = http.post("/api/indexes/gidx/rollback", "{\"reason\": \"compare\"}");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
            assertThat(rollback.json().path("parameters").asText())
                    .isEqualTo(last.path("previous").asText());
            String back = construction(last.path("previous").asText());
            assertThat(construction(serving(http))).isEqualTo(back);
            assertThat(http.get("/api/audit?limit=100").body()).contains("index.rollback");
            assertThat(http.post("/api/indexes/gidx/search", "{\"query\": \"river garden\", \"k\": 5}")
                            .status())
                    .isEqualTo(200);

            // Deleting the index: refused while a profile is bound to it, then its journal goes with it.
            Response profile = http.post(
                    "/api/profiles", "{\"id\": \"gp_bot\", \"datasets\": [\"gdocs\"], \"indexes\": [\"gidx\"]}");
            assertThat(profile.status()).as(profile.body()).isEqualTo(201);
            Response refused = http.delete("/api/indexes/gidx");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.error()).contains("gp_bot");
            assertThat(http.get("/api/indexes/gidx/trials").json().size()).isPositive();
            assertThat(http.delete("/api/profiles/gp_bot").status()).isEqualTo(204);
            assertThat(http.delete("/api/indexes/gidx").status()).isEqualTo(204);
            assertThat(http.get("/api/indexes/gidx/trials").status()).isEqualTo(404);
            Response again = http.post(
                    "/api/indexes",
                    "{\"name\": \"gidx\", \"dataset\": \"gdocs\", \"key_column\": \"id\", \"text_column\": \"body\"}");
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            assertThat(http.get("/api/indexes/gidx/trials").json()).isEmpty();
            assertThat(http.get("/api/indexes/gidx/promotions").json()).isEmpty();
            assertThat(http.get("/api/indexes/gidx/evalsets").json()).isEmpty();
            assertThat(http.post("/api/indexes/gidx/rollback", "{}").status()).isEqualTo(409);
            assertThat(http.get("/api/audit?limit=100").body()).contains("index.delete");
        }
    }
}
