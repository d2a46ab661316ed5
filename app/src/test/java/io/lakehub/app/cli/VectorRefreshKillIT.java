package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lakehub index refresh} (a JVM of its own, on a home without a hub) SIGKILLed in the middle of
 * embedding: the embedding server (a local HTTP server speaking Ollama's {@code /api/embed}) answers two
 * batches of 256 texts and holds the third until the process is killed. The next refresh sends the
 * server exactly the 700 − 512 = 188 texts it never answered: the first two batches come from the index's
 * embedding journal.
 */
class VectorRefreshKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 700;
    private static final int ANSWERED_BEFORE_KILL = 512;

    @TempDir
    Path temp;

    private final HashingEmbeddingProvider model = new HashingEmbeddingProvider(16, 3);
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding = true;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/embed", this::embed);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void embed(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> texts = new ArrayList<>();
        body.get("input").forEach(t -> texts.add(t.asText()));
        received.addAndGet(texts.size());
        if (holding && answered.get() >= ANSWERED_BEFORE_KILL) {
            held.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode embeddings = answer.putArray("embeddings");
        for (float[] v : model.embed(texts)) {
            ArrayNode a = embeddings.addArray();
            for (float x : v) {
                a.add(x);
            }
        }
        answered.addAndGet(texts.size());
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private ProcessBuilder lakehub(Path home, Path config, String log, String... args) {
        ProcessBuilder pb = HubProcess.command(home, config, temp.resolve(log), args);
        pb.environment().put("LAKEHUB_INBOX_ENABLED", "false");
        pb.environment().put("LAKEHUB_VECTOR_PROVIDER", "ollama");
        pb.environment()
                .put(
                        "LAKEHUB_VECTOR_BASE_URL",
                        "http://127.0.0.1:" + server.getAddress().getPort());
        pb.environment().put("LAKEHUB_VECTOR_MODEL", "fake-embed");
        pb.environment().put("LAKEHUB_VECTOR_DIMENSIONS", "16");
        return pb;
    }

    private String succeeds(Path home, Path config, String log, String... args) throws Exception {
        Process p = lakehub(home, config, log, args).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", log).isTrue();
        String out = Files.readString(temp.resolve(log));
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aRefreshKilledWhileEmbeddingIsResumedWithoutReEmbeddingWhatWasAnswered() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        StringBuilder csv = new StringBuilder("id,body\n");
        Random random = new Random(7);
        String[] words = {"river", "stone", "falcon", "cedar", "glacier", "harbour", "meadow", "lantern"};
        for (int i = 0; i < ROWS; i++) {
            csv.append(i).append(",Note ").append(i);
            for (int w = 0; w < 6; w++) {
                csv.append(' ').append(words[random.nextInt(words.length)]);
            }
            csv.append('\n');
        }
        Path file = Files.writeString(temp.resolve("notes.csv"), csv, StandardCharsets.UTF_8);
        succeeds(home, config, "ingest.log", "ingest", file.toString(), "--dataset", "notes");
        succeeds(
                home,
                config,
                "create.log",
                "index",
                "create",
                "notes_idx",
                "--dataset",
                "notes",
                "--id-column",
                "id",
                "--text-column",
                "body");
        assertThat(received.get()).as("creating an index embeds nothing").isZero();

        Process refresh = lakehub(home, config, "refresh-1.log", "index", "refresh", "notes_idx")
                .start();
        try {
            await().atMost(Duration.ofSeconds(180)).until(() -> held.getCount() == 0 || !refresh.isAlive());
            assertThat(held.getCount())
                    .as("the refresh reached the third batch (%s)", Files.readString(temp.resolve("refresh-1.log")))
                    .isZero();
            assertThat(answered.get()).isEqualTo(ANSWERED_BEFORE_KILL);
        } finally {
            refresh.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            refresh.waitFor(60, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(home)) {
            assertThat(files.anyMatch(p -> p.getFileName().toString().equals("embedded.journal")))
                    .as("the journal outlives the killed process")
                    .isTrue();
        }

        holding = false;
        release.countDown();
        received.set(0);
        String out = succeeds(home, config, "refresh-2.log", "index", "refresh", "notes_idx");
        assertThat(received.get()).as(out).isEqualTo(ROWS - ANSWERED_BEFORE_KILL);
        assertThat(out)
                .contains(ROWS + " row(s), " + ROWS + " added")
                .contains((ROWS - ANSWERED_BEFORE_KILL) + " chunk(s) embedded");
        try (var files = Files.walk(home)) {
            assertThat(files.noneMatch(p -> p.getFileName().toString().equals("embedded.journal")))
                    .as("committed: the journal is gone")
                    .isTrue();
        }

        received.set(0);
        String found =
                succeeds(home, config, "search.log", "search", "notes_idx", "Note 42", "--k", "1", "--format", "json");
        assertThat(found).contains("\"key\"");
        assertThat(received.get()).as("a search embeds its query only").isEqualTo(1);
    }
}
