package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.cluster.VectorIndexCalls;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub (a JVM of its own, embedded catalog, hashing embeddings) SIGKILLed while an autotune run builds a
 * candidate graph for a build-time trial (issue 11). Started again on the same home: that trial is {@code
 * abandoned} with why, the completed trials and the promotions are exactly what they were before the kill (nothing
 * half-promoted), the champion — the newest promotion's parameters, else the registered ones — serves searches, and
 * a new autotune run starts, completes and continues the journal's numbering.
 */
class AutotuneKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Enough chunks that building a candidate graph takes seconds: the kill lands inside a build. */
    private static final int ROWS = 4_000;

    /** The index's construction as registered (the proposer steps around it: candidate graphs of similar cost). */
    private static final String REGISTERED = "m=32,beam=150,overflow=1.2,alpha=1.2,hier=true";

    private static final String[] WORDS = {
        "apple", "banana", "river", "mountain", "compiler", "thread", "garden", "winter", "harbour", "violin",
        "engine", "bread", "castle", "forest", "planet", "silver", "ocean", "lantern", "meadow", "rocket",
        "falcon", "glacier", "copper", "desert", "island", "marble", "orchid", "pepper", "quartz", "saddle"
    };

    @TempDir
    Path temp;

    private final List<Process> hubs = new ArrayList<>();

    @AfterEach
    void stopHubs() throws InterruptedException {
        HubProcess.stopAll(hubs);
    }

    @Test
    void aTrialRunningAtSigkillIsAbandonedAndTheChampionAndJournalSurvive() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        VectorIndexCalls vectors = new VectorIndexCalls(temp);
        int port = HubFixture.freePort();
        Process hub = start(home, config, port, "hub-1.log");

        vectors.ingest(port, "kdocs", rows());
        vectors.create(port, """
                {"name": "kidx", "dataset": "kdocs", "key_column": "id", "text_column": "body",
                 "max_degree": 32, "beam_width": 150, "neighbor_overflow": 1.2, "alpha": 1.2, "hierarchy": true,
                 "overquery": 4}""");
        vectors.job(port, vectors.refresh(port, "kidx"));
        HttpResponse<String> evalset = HubFixture.post(
                port, "/api/indexes/kidx/evalsets", "{\"id\": \"gen\", \"generate\": {\"queries\": 40, \"k\": 10}}");
        assertThat(evalset.statusCode()).as(evalset.body()).isEqualTo(201);
        autotune(port, "{\"evalset\": \"gen\", \"trials\": 50, \"build_time\": true, \"seed\": 5}");

        // Caught while the newest trial builds its candidate graph; every earlier trial completed.
        AtomicReference<JsonNode> before = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode trials = vectors.get(port, "/api/indexes/kidx/trials");
                    before.set(trials);
                    JsonNode last = trials.isEmpty() ? null : trials.get(trials.size() - 1);
                    return last != null
                            && last.path("status").asText().equals("running")
                            && last.path("kind").asText().equals("build_time");
                });
        // A promotion only follows a completed trial: while the newest trial runs, these are all there are.
        JsonNode promotionsBefore = vectors.get(port, "/api/indexes/kidx/promotions");
        assertThat(hub.isAlive())
                .as("the hub runs until killed (%s)", temp.resolve("hub-1.log"))
                .isTrue();
        assertThat(hub.info().command().map(c -> Path.of(c).getFileName().toString()))
                .as("the process killed is the hub's JVM, not a shell around it")
                .hasValue("java");
        hub.destroyForcibly(); // SIGKILL
        assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        JsonNode trialsBefore = before.get();
        int killed = trialsBefore.size() - 1;
        long killedSeq = trialsBefore.get(killed).path("seq").asLong();
        for (int i = 0; i < killed; i++) {
            assertThat(trialsBefore.get(i).path("status").asText()).isEqualTo("completed");
        }
        assertThat(trialsBefore.get(0).path("parameters").asText())
                .as("the run's first trial measures the registered parameters")
                .startsWith(REGISTERED + ";oq=4,");

        Process again = start(home, config, port, "hub-2.log");
        JsonNode trialsAfter = vectors.get(port, "/api/indexes/kidx/trials");
        assertThat(trialsAfter).as("the journal holds the same trials").hasSize(trialsBefore.size());
        for (int i = 0; i < killed; i++) {
            assertThat(trialsAfter.get(i))
                    .as("completed trial %d is unchanged", i + 1)
                    .isEqualTo(trialsBefore.get(i));
        }
        JsonNode abandoned = trialsAfter.get(killed);
        assertThat(abandoned.path("seq").asLong()).isEqualTo(killedSeq);
        assertThat(abandoned.path("status").asText()).as(abandoned.toString()).isEqualTo("abandoned");
        assertThat(abandoned.path("error").asText()).contains("hub stopped");
        assertThat(abandoned.path("finished_at").isTextual()).isTrue();
        assertThat(abandoned.path("recall").isNull()).isTrue();
        assertThat(abandoned.path("parameters"))
                .isEqualTo(trialsBefore.get(killed).path("parameters"));

        JsonNode promotions = vectors.get(port, "/api/indexes/kidx/promotions");
        assertThat(promotions).as("exactly the promotions made before the kill").isEqualTo(promotionsBefore);
        for (JsonNode p : promotions) {
            assertThat(p.path("trial").asLong()).as(p.toString()).isLessThan(killedSeq);
        }
        String champion = promotions.isEmpty()
                ? trialsBefore.get(0).path("parameters").asText()
                : promotions.get(promotions.size() - 1).path("parameters").asText();

        // The champion serves.
        assertThat(vectors.keys(port, "kidx", "river garden falcon")).hasSize(3);

        // A new run starts and completes. Its first trial measures the parameters in force (the champion's); the
        // journal numbers its trials on from the abandoned one.
        JsonNode job = vectors.job(port, autotune(port, "{\"evalset\": \"gen\", \"trials\": 3}"));
        JsonNode trials = vectors.get(port, "/api/indexes/kidx/trials");
        assertThat(trials).hasSize(trialsBefore.size() + job.path("done").asInt());
        assertThat(job.path("done").asInt()).isPositive();
        assertThat(trials.get(trialsBefore.size()).path("parameters").asText())
                .as("the parameters in force after the restart")
                .isEqualTo(champion);
        for (int i = trialsBefore.size(); i < trials.size(); i++) {
            assertThat(trials.get(i).path("seq").asLong()).isEqualTo(killedSeq + 1 + i - trialsBefore.size());
            assertThat(trials.get(i).path("status").asText())
                    .as(trials.get(i).toString())
                    .isEqualTo("completed");
        }
        JsonNode promotionsAfter = vectors.get(port, "/api/indexes/kidx/promotions");
        assertThat(job.path("champion").asText())
                .isEqualTo(
                        promotionsAfter.size() == promotions.size()
                                ? champion
                                : promotionsAfter
                                        .get(promotionsAfter.size() - 1)
                                        .path("parameters")
                                        .asText());
        assertThat(vectors.keys(port, "kidx", "winter harbour")).hasSize(3);
        assertThat(again.isAlive()).isTrue();
    }

    /** Requests an autotune run of the index; its job's id. */
    private static String autotune(int port, String body) throws Exception {
        HttpResponse<String> accepted = HubFixture.post(port, "/api/indexes/kidx/autotune", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("job").asText();
    }

    private Process start(Path home, Path config, int port, String log) throws IOException {
        ProcessBuilder pb = HubProcess.command(home, config, temp.resolve(log), "run", "--port", "" + port);
        pb.environment().put("LAKEHUB_INBOX_ENABLED", "false");
        pb.environment().put("LAKEHUB_VECTOR_PROVIDER", "hashing");
        pb.environment().put("LAKEHUB_VECTOR_DIMENSIONS", "64");
        Process hub = pb.start();
        hubs.add(hub);
        HubFixture.awaitHealthy(hub, port, temp);
        return hub;
    }

    /** {@value #ROWS} rows of five words each (seeded). */
    private static String[] rows() {
        Random random = new Random(11);
        String[] rows = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            StringBuilder row =
                    new StringBuilder().append(i + 1).append(",item").append(i + 1);
            for (int w = 0; w < 5; w++) {
                row.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            rows[i] = row.toString();
        }
        return rows;
    }
}
