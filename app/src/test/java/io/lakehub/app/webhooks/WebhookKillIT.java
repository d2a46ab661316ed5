package io.lakehub.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.schedules.pipeline.Secret;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub (a JVM of its own) killed with SIGKILL in the middle of a webhook load: eight senders post
 * signed requests of five events, each with its own {@code Idempotency-Key}, and record which were
 * answered 202. After the restart every request that was not acknowledged is sent again with its
 * key, as a sender's retry would, and some acknowledged ones too. The dataset then holds every event
 * exactly once: nothing acknowledged was lost, nothing retried was written twice.
 */
class WebhookKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret SECRET = new Secret(System.getenv("LAKEHUB_TEST_TRIGGER_SECRET"), "test");
    private static final int SENDERS = 8;
    private static final int EVENTS_PER_REQUEST = 5;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    private int port;

    @Test
    void everyAcknowledgedEventSurvivesASigkillAndRetriesWithKeysWriteNothingTwice() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: events
                      from: webhook
                      into: events
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                """);
        port = HubFixture.freePort();
        Process hub = start(home, config, "hub-1.log");
        Map<String, byte[]> sent = new ConcurrentHashMap<>();
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            HubFixture.awaitHealthy(hub, port, temp);
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.submit(() -> {
                    for (int seq = 0; ; seq++) {
                        String key = "s" + sender + "-" + seq;
                        byte[] body = body(sender, seq);
                        sent.put(key, body);
                        try {
                            if (post(key, body) == 202) {
                                acknowledged.put(key, true);
                                acks.incrementAndGet();
                            }
                        } catch (IOException e) {
                            return null; // the hub is gone: this request is unacknowledged
                        }
                    }
                });
            }
            // Mid-load: enough has been acknowledged that the kill lands between and inside commits.
            await().atMost(Duration.ofSeconds(120)).until(() -> acks.get() >= 150 || !hub.isAlive());
            assertThat(hub.isAlive())
                    .as("the hub runs until killed (%s)", temp.resolve("hub-1.log"))
                    .isTrue();
            hub.destroyForcibly(); // SIGKILL
            assertThat(hub.waitFor(30, TimeUnit.SECONDS)).isTrue();
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            senders.shutdownNow();
            hub.destroyForcibly();
        }
        assertThat(acknowledged).isNotEmpty();

        Process again = start(home, config, "hub-2.log");
        try {
            HubFixture.awaitHealthy(again, port, temp);
            long acknowledgedBefore = countDistinct(acknowledged.keySet());
            assertThat(acknowledgedBefore)
                    .as("every event of an acknowledged request is in the dataset after the kill")
                    .isEqualTo((long) acknowledged.size() * EVENTS_PER_REQUEST);
            // The senders retry what was not acknowledged (and a few that were), with the same keys.
            List<String> retries = new ArrayList<>();
            sent.keySet().stream().filter(k -> !acknowledged.containsKey(k)).forEach(retries::add);
            acknowledged.keySet().stream().limit(20).forEach(retries::add);
            for (String key : retries) {
                assertThat(post(key, sent.get(key))).isEqualTo(202);
            }
            JsonNode counts =
                    rows("SELECT count(*), count(DISTINCT id) FROM events").get(0);
            assertThat(counts.get(0).asLong()).as("rows").isEqualTo((long) sent.size() * EVENTS_PER_REQUEST);
            assertThat(counts.get(1).asLong()).as("distinct events").isEqualTo((long) sent.size() * EVENTS_PER_REQUEST);
        } finally {
            again.destroy();
            if (!again.waitFor(60, TimeUnit.SECONDS)) {
                again.destroyForcibly();
            }
        }
    }

    private long countDistinct(java.util.Set<String> keys) throws Exception {
        JsonNode rows = rows("SELECT request, count(*) FROM events GROUP BY request");
        long n = 0;
        for (JsonNode row : rows) {
            if (keys.contains(row.get(0).asText())) {
                assertThat(row.get(1).asLong())
                        .as("events of %s", row.get(0).asText())
                        .isEqualTo(EVENTS_PER_REQUEST);
                n += row.get(1).asLong();
            }
        }
        return n;
    }

    private static byte[] body(int sender, int seq) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"s")
                    .append(sender)
                    .append('-')
                    .append(seq)
                    .append('-')
                    .append(i)
                    .append("\", \"request\": \"s")
                    .append(sender)
                    .append('-')
                    .append(seq)
                    .append("\", \"pad\": \"")
                    .append("x".repeat(200))
                    .append("\"}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private int post(String key, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/webhooks/events"))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .header(
                                        WebhookAuthentication.SIGNATURE_HEADER,
                                        WebhookAuthentication.signatureFor(SECRET, body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private JsonNode rows(String sql) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": " + JSON.writeValueAsString(sql) + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("rows");
    }

    private Process start(Path home, Path config, String log) throws IOException {
        ProcessBuilder pb =
                HubProcess.command(home, config, temp.resolve(log), "run", "--port", Integer.toString(port));
        pb.environment().put("LAKEHUB_INBOX_ENABLED", "false");
        return pb.start();
    }
}
