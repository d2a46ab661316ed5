package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.testing.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Kafka broker (in this JVM) that goes away and comes back while the hub drains a topic: the
 * pipeline's run history shows the outage like the other brokers' (a FAILED run when the brokers
 * stopped answering, a SUCCEEDED run with no rows when they answer again), and every record lands
 * once.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = TestHomes.create("kafka-outage-it");
    private static final String TOPIC =
            "lakehub-outage-" + UUID.randomUUID().toString().substring(0, 8);
    private static final EmbeddedKafka KAFKA = EmbeddedKafka.start();

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        KAFKA.createTopic(TOPIC, 2);
        String yaml = """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "kafka:%s?brokers=%s"
                      into: orders
                """.formatted(TOPIC, KAFKA.bootstrapServers());
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), yaml);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.kafka.max-batch-wait", () -> "200ms");
        registry.add("lakehub.brokers.outage-check", () -> "200ms");
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void aKafkaOutageIsInTheRunHistoryAndLosesNothing() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> camel.getRouteController().getRouteStatus("pipeline-orders") == ServiceStatus.Started);
        HubHttp http = new HubHttp(port);
        KAFKA.send(TOPIC, orders(0, 100));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(count(http)).isEqualTo(100));

        KAFKA.stop();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(runs(http)).anySatisfy(r -> {
                    assertThat(r.path("status").asText()).isIn("failed", "skipped");
                    assertThat(r.path("error").asText())
                            .contains("lost the connection to the broker")
                            .contains("no Kafka broker of " + KAFKA.bootstrapServers());
                }));

        KAFKA.restart();
        KAFKA.send(TOPIC, orders(100, 200));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(count(http)).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(runs(http)).anySatisfy(r -> {
                    assertThat(r.path("status").asText()).isIn("succeeded", "skipped");
                    assertThat(r.path("result").asText() + r.path("error").asText())
                            .contains("reconnected to the broker after");
                }));
        assertThat(sql(http, "SELECT count(*) FROM orders").path(0).path(0).asLong())
                .isEqualTo(200);
    }

    private static List<String> orders(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"id\":" + i + "}").toList();
    }

    private static long count(HubHttp http) throws Exception {
        return sql(http, "SELECT count(DISTINCT id) FROM orders")
                .path(0)
                .path(0)
                .asLong();
    }

    private static JsonNode runs(HubHttp http) throws Exception {
        return JSON.readTree(http.get("/api/pipelines/orders/runs?limit=500").body());
    }

    private static JsonNode sql(HubHttp http, String query) throws Exception {
        HubHttp.Response r = http.post("/api/sql", JSON.writeValueAsString(Map.of("sql", query)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("rows");
    }
}
