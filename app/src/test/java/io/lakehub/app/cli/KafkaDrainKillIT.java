package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub draining a Kafka topic is killed with SIGKILL after a few of its commits, then started
 * again: the dataset ends up with every record exactly once (count and distinct ids), the second hub
 * resuming from the offsets the first committed with its data.
 */
class KafkaDrainKillIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 60_000;
    private static EmbeddedKafka kafka;

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

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
                        "--lakehub.kafka.max-batch-records=2000",
                        "--lakehub.kafka.max-batch-wait=200ms")
                .start();
    }

    private static long commits(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("of dataset orders:")).count();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private JsonNode sql(Path home, String query) throws IOException {
        var r = cli.run("--home", home.toString(), "sql", query, "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out()).path("rows");
    }

    @Test
    void aHubKilledMidDrainAndStartedAgainLandsEveryRecordOnce() throws Exception {
        String topic = "orders-kill-" + Long.toHexString(System.nanoTime());
        kafka.createTopic(topic, 3);
        kafka.send(
                topic,
                IntStream.range(0, RECORDS)
                        .mapToObj(i -> "{\"id\":" + i + ",\"amount\":" + (i % 1000) / 10.0 + "}")
                        .toList());
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "kafka:%s?brokers=%s"
                      into: orders
                """.formatted(topic, kafka.bootstrapServers()));

        Path firstLog = temp.resolve("hub-1.log");
        Process first = hub(home, config, firstLog);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !first.isAlive() || commits(firstLog) >= 3);
            assertThat(first.isAlive())
                    .as("the hub is still draining when it is killed; its log:\n%s", tail(firstLog))
                    .isTrue();
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(commits(firstLog)).as("killed mid-drain").isLessThan(RECORDS / 2000);

        Path secondLog = temp.resolve("hub-2.log");
        Process second = hub(home, config, secondLog);
        try {
            // Queried only once the second hub holds the home: a CLI run before that would take the home itself.
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!second.isAlive()) {
                            throw new AssertionError("the second hub stopped; its log:\n" + tail(secondLog));
                        }
                        return HubFile.read(home).map(HubFile::pid).orElse(-1L) == second.pid();
                    });
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!second.isAlive()) {
                            throw new AssertionError("the second hub stopped; its log:\n" + tail(secondLog));
                        }
                        var r = cli.run(
                                "--home", home.toString(), "sql", "SELECT count(*) FROM orders", "--format", "json");
                        return r.code() == 0
                                && JSON.readTree(r.out())
                                                .path("rows")
                                                .get(0)
                                                .get(0)
                                                .asLong()
                                        >= RECORDS;
                    });
            JsonNode counts = sql(home, "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders");
            assertThat(counts.get(0).get(0).asLong()).isEqualTo(RECORDS);
            assertThat(counts.get(0).get(1).asLong()).isEqualTo(RECORDS);
            assertThat(counts.get(0).get(2).asLong()).isZero();
            assertThat(counts.get(0).get(3).asLong()).isEqualTo(RECORDS - 1);
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        kafka.deleteTopic(topic);
    }
}
