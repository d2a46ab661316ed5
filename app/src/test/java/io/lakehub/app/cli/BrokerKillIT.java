package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.app.testing.LocalBrokers;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub (its own JVM) consuming RabbitMQ, NATS JetStream and MQTT (QoS 1) is killed with SIGKILL while
 * the publishers are still sending, which they go on doing (to the brokers) while it is down; a
 * second hub on the same home takes over. What ADR 0026/0032 promise is checked exactly: every
 * message the broker confirmed to its publisher is in the dataset; RabbitMQ (by {@code message-id})
 * and NATS JetStream (by {@code Nats-Msg-Id}, else stream sequence) exactly once; MQTT, which has no
 * message id, at least once (every id present, duplicates allowed).
 */
class BrokerKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RABBIT = 2000;
    private static final int NATS = 2000;
    private static final int MQTT = 300;

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "lakehub-kill-" + suffix;
    private final String subject = "lakehub-kill-" + suffix;
    private final String stream = "lakehub-kill-" + suffix;
    private final String topic = "lakehub-kill-" + suffix;
    private final String mqttClient = "lakehub-kill-" + suffix;
    /** One thread per publisher: they run side by side, each waiting at its half-way mark for the kill. */
    private final java.util.concurrent.ExecutorService publisherThreads =
            java.util.concurrent.Executors.newFixedThreadPool(3);

    private Process hub(Path home, Path config, Path log) throws IOException {
        return HubProcess.command(
                        home,
                        config,
                        log,
                        "run",
                        "--port",
                        "0",
                        "--",
                        "--lakehub.inbox.enabled=false",
                        "--lakehub.brokers.batch-size=200",
                        "--lakehub.brokers.batch-interval=100ms",
                        "--spring.rabbitmq.host=127.0.0.1")
                .start();
    }

    @Test
    void aHubKilledMidStreamAndStartedAgainLandsEveryConfirmedMessageAsPromised() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(
                temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "spring-rabbitmq:%s?queues=%s&routingKey=orders"
                      into: orders
                    - id: clicks
                      from: "nats:%s?servers=127.0.0.1:4222&jetstreamEnabled=true&jetstreamName=%s"
                      into: clicks
                    - id: sensors
                      from: "paho-mqtt5:%s?brokerUrl=tcp://127.0.0.1:1883&qos=1&clientId=%s"
                      into: sensors
                """.formatted(queue, queue, subject, stream, topic, mqttClient));
        try (io.nats.client.Connection nats = Nats.connect("nats://127.0.0.1:4222");
                Connection rabbit = LocalBrokers.rabbit().newConnection()) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name(stream).subjects(subject).build());
            Path firstLog = temp.resolve("hub-1.log");
            Process first = hub(home, config, firstLog);
            CountDownLatch killed = new CountDownLatch(1);
            CompletableFuture<Void> publishers;
            try {
                // The hub declares the queue and subscribes the MQTT session; publishing starts once both exist.
                awaitHub(firstLog, Duration.ofSeconds(90), () -> {
                    alive(first, firstLog);
                    return queueExists(rabbit)
                            && logged(firstLog, "durable consumer lakehub-clicks")
                            && mqttSubscribed(firstLog);
                });
                JetStream js = nats.jetStream();
                List<CompletableFuture<Void>> each = List.of(
                        CompletableFuture.runAsync(() -> publishRabbit(rabbit, killed), publisherThreads),
                        CompletableFuture.runAsync(() -> publishNats(js, killed), publisherThreads),
                        CompletableFuture.runAsync(() -> publishMqtt(killed), publisherThreads));
                publishers = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
                awaitHub(firstLog, Duration.ofSeconds(60), () -> {
                    alive(first, firstLog);
                    for (CompletableFuture<Void> publisher : each) {
                        if (publisher.isCompletedExceptionally()) {
                            publisher.join(); // its failure
                        }
                    }
                    // As soon as one of them has committed twice: the others are mid-stream too.
                    return commits(firstLog, "orders") >= 2
                            || commits(firstLog, "clicks") >= 2
                            || commits(firstLog, "sensors") >= 2;
                });
                first.destroyForcibly(); // SIGKILL, mid-stream: the publishers go on
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
                killed.countDown();
            }
            publishers.get(120, TimeUnit.SECONDS);
            publisherThreads.shutdown();

            Path secondLog = temp.resolve("hub-2.log");
            Process second = hub(home, config, secondLog);
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            alive(second, secondLog);
                            return HubFile.read(home).map(HubFile::pid).orElse(-1L) == second.pid();
                        });
                try {
                    awaitHub(secondLog, Duration.ofSeconds(90), () -> {
                        alive(second, secondLog);
                        return distinct(home, "orders") >= RABBIT
                                && distinct(home, "clicks") >= NATS
                                && distinct(home, "sensors") >= MQTT;
                    });
                } catch (AssertionError e) {
                    // Which of them is short, and the first hub's end too.
                    throw new AssertionError(
                            "distinct ids landed: orders " + distinct(home, "orders") + "/" + RABBIT + ", clicks "
                                    + distinct(home, "clicks") + "/" + NATS + ", sensors "
                                    + distinct(home, "sensors") + "/" + MQTT + "; the first hub's log:\n"
                                    + tail(firstLog) + "\nthe second hub's log:\n" + tail(secondLog) + "\n"
                                    + e.getMessage(),
                            e);
                }
                // Exactly once where the broker gives an id that survives redelivery.
                assertCounts(home, "orders", RABBIT, true);
                assertCounts(home, "clicks", NATS, true);
                // MQTT: at least once, every message present.
                assertCounts(home, "sensors", MQTT, false);
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        } finally {
            cleanUp();
        }
    }

    private void assertCounts(Path home, String dataset, int expected, boolean exactlyOnce) throws IOException {
        JsonNode row = sql(home, "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM " + dataset)
                .get(0);
        if (exactlyOnce) {
            assertThat(row.get(0).asLong()).as(dataset + " " + row).isEqualTo(expected);
        } else {
            assertThat(row.get(0).asLong()).as(dataset + " " + row).isGreaterThanOrEqualTo(expected);
        }
        assertThat(row.get(1).asLong()).as(dataset + " " + row).isEqualTo(expected);
        assertThat(row.get(2).asLong()).isZero();
        assertThat(row.get(3).asLong()).isEqualTo(expected - 1);
    }

    private void publishRabbit(Connection connection, CountDownLatch killed) {
        try (Channel ch = connection.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < RABBIT; i++) {
                if (i == RABBIT / 2) {
                    killed.await();
                }
                ch.basicPublish(
                        "",
                        queue,
                        new AMQP.BasicProperties.Builder()
                                .messageId("o-" + i)
                                .deliveryMode(2)
                                .build(),
                        ("{\"id\":" + i + ",\"sku\":\"A-" + i + "\"}").getBytes(StandardCharsets.UTF_8));
                if (i % 50 == 49) {
                    ch.waitForConfirmsOrDie(30_000);
                }
            }
            ch.waitForConfirmsOrDie(30_000);
        } catch (Exception e) {
            throw new AssertionError("publishing to RabbitMQ failed", e);
        }
    }

    private void publishNats(JetStream js, CountDownLatch killed) {
        try {
            for (int i = 0; i < NATS; i++) {
                if (i == NATS / 2) {
                    killed.await();
                }
                // Synchronous: returns once the stream has stored the message (its PubAck). No Nats-Msg-Id: the
                // hub's key is the stream sequence.
                js.publish(subject, ("{\"id\":" + i + ",\"kind\":\"click\"}").getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            throw new AssertionError("publishing to NATS failed", e);
        }
    }

    private void publishMqtt(CountDownLatch killed) {
        try {
            MqttClient client =
                    new MqttClient("tcp://127.0.0.1:1883", "lakehub-kill-pub-" + suffix, new MemoryPersistence());
            client.connect();
            try {
                for (int i = 0; i < MQTT; i++) {
                    if (i == MQTT / 2) {
                        killed.await();
                    }
                    MqttMessage m = new MqttMessage(("{\"id\":" + i + ",\"t\":21.5}").getBytes(StandardCharsets.UTF_8));
                    m.setQos(1);
                    // publish() of QoS 1 returns once the broker's PUBACK is in; past the in-flight window it refuses
                    // for a moment.
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(5))
                            .until(() -> published(client, m));
                }
            } finally {
                client.disconnect();
                client.close();
            }
        } catch (Exception e) {
            throw new AssertionError("publishing to MQTT failed", e);
        }
    }

    private boolean published(MqttClient client, MqttMessage m) throws MqttException {
        try {
            client.publish(topic, m);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    private boolean queueExists(Connection rabbit) {
        try (Channel ch = rabbit.createChannel()) {
            ch.queueDeclarePassive(queue);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The hub's MQTT route started (Mosquitto keeps the session from then on). */
    private static boolean mqttSubscribed(Path log) throws IOException {
        return logged(log, "Route: pipeline-sensors started") || logged(log, "pipeline-sensors (paho-mqtt5");
    }

    private void cleanUp() {
        LocalBrokers.deleteRabbit(queue, null);
        LocalBrokers.deleteJetStream(stream);
        // End the hub's persistent MQTT session on the shared broker.
        LocalBrokers.endMqttSession(mqttClient);
    }

    /** Awaits {@code condition}; on a timeout the failure shows the end of the hub's log. */
    private static void awaitHub(Path log, Duration atMost, java.util.concurrent.Callable<Boolean> condition)
            throws IOException {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the hub's log:\n" + tail(log), e);
        }
    }

    private static void alive(Process p, Path log) throws IOException {
        if (!p.isAlive()) {
            throw new AssertionError("the hub stopped; its log:\n" + tail(log));
        }
    }

    private static boolean logged(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains(text));
        }
    }

    private static long commits(Path log, String dataset) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("of dataset " + dataset + ":")).count();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private long distinct(Path home, String dataset) {
        var r = cli.run(
                "--home", home.toString(), "sql", "SELECT count(DISTINCT id) FROM " + dataset, "--format", "json");
        if (r.code() != 0) {
            return 0;
        }
        try {
            return JSON.readTree(r.out()).path("rows").get(0).get(0).asLong();
        } catch (IOException e) {
            return 0;
        }
    }

    private JsonNode sql(Path home, String query) throws IOException {
        var r = cli.run("--home", home.toString(), "sql", query, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out()).path("rows");
    }
}
