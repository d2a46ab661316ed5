package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.LocalBrokers;
import io.lakehub.testing.net.TcpProxy;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The brokers go away and come back while the hub runs: a {@link TcpProxy} stands between the hub
 * and each real broker (RabbitMQ, Mosquitto, NATS) and is cut, then restored; the brokers
 * themselves, shared with other tests, keep running and receive what is published meanwhile. Each
 * pipeline reconnects with its component's backoff, its run history shows the outage (a FAILED run
 * when the connection was lost, a SUCCEEDED run with no rows when it came back), and every message
 * lands: RabbitMQ and NATS once, MQTT at least once (all of them present).
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerOutageAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Path HOME = TestHomes.create("broker-outage-it");
    private static final String QUEUE = "lakehub-outage-" + SUFFIX;
    private static final String TOPIC = "lakehub-outage-" + SUFFIX;
    private static final String MQTT_CLIENT = "lakehub-outage-" + SUFFIX;
    private static final String SUBJECT = "lakehub-outage-" + SUFFIX;
    private static final String STREAM = "lakehub-outage-" + SUFFIX;
    private static final int BEFORE = 30;
    private static final int DURING = 60;

    private static final TcpProxy RABBIT_PROXY = TcpProxy.to("127.0.0.1", 5672);
    private static final TcpProxy MQTT_PROXY = TcpProxy.to("127.0.0.1", 1883);
    private static final TcpProxy NATS_PROXY = TcpProxy.to("127.0.0.1", 4222);

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String yaml =
                """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "spring-rabbitmq:%s?queues=%s&routingKey=orders"
                      into: orders
                    - id: sensors
                      from: "paho-mqtt5:%s?brokerUrl=tcp://127.0.0.1:%d&qos=1&clientId=%s&maxReconnectDelay=1000&sessionExpiryInterval=300"
                      into: sensors
                    - id: clicks
                      from: "nats:%s?servers=127.0.0.1:%d&jetstreamEnabled=true&jetstreamName=%s&reconnectTimeWait=500"
                      into: clicks
                """.formatted(QUEUE, QUEUE, TOPIC, MQTT_PROXY.port(), MQTT_CLIENT, SUBJECT, NATS_PROXY.port(), STREAM);
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), yaml);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.brokers.batch-interval", () -> "100ms");
        registry.add("lakehub.brokers.outage-check", () -> "200ms");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> String.valueOf(RABBIT_PROXY.port()));
        registry.add("spring.rabbitmq.connection-timeout", () -> "2s");
    }

    @AfterAll
    static void cleanUp() {
        RABBIT_PROXY.close();
        MQTT_PROXY.close();
        NATS_PROXY.close();
        LocalBrokers.deleteRabbit(QUEUE, QUEUE);
        LocalBrokers.deleteJetStream(STREAM);
        LocalBrokers.endMqttSession(MQTT_CLIENT);
    }

    @Test
    void brokersThatGoAwayAndComeBackLoseNothingAndTheRunHistoryShowsTheGap() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : List.of("orders", "sensors", "clicks")) {
                assertThat(camel.getRouteController().getRouteStatus("pipeline-" + id))
                        .as(id)
                        .isEqualTo(ServiceStatus.Started);
            }
        });
        HubHttp http = new HubHttp(port);
        try (Connection rabbit = LocalBrokers.rabbit().newConnection();
                Channel ch = rabbit.createChannel();
                io.nats.client.Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            ch.confirmSelect();
            JetStream js = nats.jetStream();
            MqttClient mqtt =
                    new MqttClient("tcp://127.0.0.1:1883", "lakehub-outage-pub-" + SUFFIX, new MemoryPersistence());
            mqtt.connect();
            try {
                publish(ch, js, mqtt, 0, BEFORE);
                awaitLanded(http, BEFORE, List.of("orders", "sensors", "clicks"));

                RABBIT_PROXY.cut();
                MQTT_PROXY.cut();
                NATS_PROXY.cut();
                // Straight to the brokers, which are up: they keep the messages for the hub.
                publish(ch, js, mqtt, BEFORE, BEFORE + DURING);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (String id : List.of("orders", "sensors", "clicks")) {
                        assertThat(runs(http, id)).as(id).anySatisfy(r -> {
                            // FAILED, or SKIPPED with the same text when a batch's commit held the run slot.
                            assertThat(r.path("status").asText()).isIn("failed", "skipped");
                            assertThat(r.path("error").asText()).contains("lost the connection to the broker");
                        });
                    }
                });
                assertThat(count(http, "orders")).isEqualTo(BEFORE);

                RABBIT_PROXY.restore();
                MQTT_PROXY.restore();
                NATS_PROXY.restore();
                awaitLanded(http, BEFORE + DURING, List.of("orders", "sensors", "clicks"));
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    for (String id : List.of("orders", "sensors", "clicks")) {
                        assertThat(runs(http, id)).as(id).anySatisfy(r -> {
                            assertThat(r.path("status").asText()).isIn("succeeded", "skipped");
                            assertThat(r.path("result").asText()
                                            + r.path("error").asText())
                                    .contains("reconnected to the broker after");
                        });
                    }
                });
            } finally {
                mqtt.disconnect();
                mqtt.close();
            }
        }
        // Exactly once where the broker gives an id that survives redelivery; MQTT has none (at least once).
        assertThat(sql(http, "SELECT count(*) FROM orders").path(0).path(0).asLong())
                .isEqualTo(BEFORE + DURING);
        assertThat(sql(http, "SELECT count(*) FROM sensors").path(0).path(0).asLong())
                .isGreaterThanOrEqualTo(BEFORE + DURING);
        assertThat(sql(http, "SELECT count(*) FROM clicks").path(0).path(0).asLong())
                .isEqualTo(BEFORE + DURING);
    }

    private void awaitLanded(HubHttp http, int expected, List<String> datasets) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    for (String dataset : datasets) {
                        assertThat(count(http, dataset)).as(dataset).isEqualTo(expected);
                    }
                });
    }

    private static long count(HubHttp http, String dataset) throws Exception {
        return sql(http, "SELECT count(DISTINCT id) FROM " + dataset)
                .path(0)
                .path(0)
                .asLong();
    }

    private static void publish(Channel ch, JetStream js, MqttClient mqtt, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            byte[] body = ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            ch.basicPublish(
                    "",
                    QUEUE,
                    new AMQP.BasicProperties.Builder().messageId("o-" + i).build(),
                    body);
            js.publish(SUBJECT, body);
            MqttMessage m = new MqttMessage(body);
            m.setQos(1);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> published(mqtt, m));
        }
        ch.waitForConfirmsOrDie(10_000);
    }

    private static boolean published(MqttClient client, MqttMessage m) throws MqttException {
        try {
            client.publish(TOPIC, m);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    private static JsonNode runs(HubHttp http, String pipeline) throws Exception {
        return JSON.readTree(
                http.get("/api/pipelines/" + pipeline + "/runs?limit=500").body());
    }

    private static JsonNode sql(HubHttp http, String query) throws Exception {
        HubHttp.Response r = http.post("/api/sql", JSON.writeValueAsString(Map.of("sql", query)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("rows");
    }
}
