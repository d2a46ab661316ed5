package io.lakehub.routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.testing.EmbeddedLake;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.testing.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehub-kafka:} against a real broker (KRaft, in this JVM) on the real catalog: every
 * record lands once with its partition's next offset in the same commit, a value that is not a JSON
 * object lands in {@code <dataset>__dead_letter} with its topic, partition and offset without holding
 * the partition up, a restarted consumer resumes from the committed positions, two consumers of one
 * group (two hubs) land each record once across rebalances, and a broker that goes away and comes
 * back loses nothing. A batch whose records another hub committed first (a rebalance between read
 * and commit) is refused inside the commit and the consumer reads on from the catalog's position.
 */
class KafkaPipelineIT {
    private static final KafkaSettings FAST = KafkaSettings.DEFAULTS
            .withMaxBatchWait(Duration.ofMillis(200))
            .withRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static EmbeddedKafka kafka;

    @TempDir
    Path home;

    private EmbeddedLake lake;
    private final List<CamelContext> hubs = new ArrayList<>();
    /** Shared by the tests of the class: each gets a topic of its own. */
    private static final Random RANDOM = new Random(8);

    private String topic;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void open() {
        lake = EmbeddedLake.open(home.resolve("hub"));
        topic = "orders-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        for (CamelContext hub : hubs) {
            hub.close();
        }
        lake.close();
        kafka.deleteTopic(topic);
    }

    /** A hub: a Camel context whose pipeline {@code orders} reads the topic into dataset {@code orders}. */
    private CamelContext hub(KafkaSettings settings, String deadLetterUri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("lakehub", new LakehubComponent(lake.ingestor(), home.resolve("hub/tmp")));
        KafkaPipelineComponent component = new KafkaPipelineComponent(lake.catalog()::sourcePosition, settings);
        String uri = "kafka:" + topic + "?brokers=" + kafka.bootstrapServers() + "&groupId=lakehub-it-" + topic;
        component.bind(
                "orders",
                new KafkaPipelineComponent.Binding(
                        uri, uri, DatasetName.of("orders"), deadLetterUri, Duration.ofMillis(100)));
        context.addComponent("lakehub-kafka", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("lakehub-kafka:orders")
                        .routeId("orders")
                        .to("lakehub:orders?pipeline=orders&actor=pipeline&sourceSystem=kafka");
                from("direct:dead").routeId("dead").to("mock:dead");
            }
        });
        context.start();
        hubs.add(context);
        return context;
    }

    private static List<String> orders(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> "{\"id\":" + i + ",\"customer\":\"c" + (i % 7) + "\",\"total\":" + (i * 1.5) + "}")
                .toList();
    }

    private List<Object> counts(String sql) {
        return lake.sql().query(sql).rows().getFirst();
    }

    private long rows(String dataset) {
        return lake.catalog()
                .dataset(DatasetName.of(dataset))
                .map(d -> d.rowCount())
                .orElse(0L);
    }

    @Test
    void eachRecordLandsOnceWithItsOffsetsAndBadValuesGoToTheDeadLetterDataset() throws Exception {
        kafka.createTopic(topic, 3);
        List<String> values = new ArrayList<>(orders(0, 3000));
        values.add(1000, "{\"id\": oops");
        values.add(2000, "[1,2,3]");
        values.add(2500, "not json at all");
        kafka.send(topic, values);
        // A spool file a killed hub left behind is removed when the pipeline's consumer starts.
        Path leftover =
                Files.createDirectories(home.resolve("hub/tmp/kafka/orders")).resolve("kafka-batch-1.ndjson");
        Files.writeString(leftover, "{\"id\":1}\n");
        CamelContext hub = hub(FAST, null);
        assertThat(leftover).doesNotExist();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(rows("orders")).isEqualTo(3000);
            assertThat(rows("orders__dead_letter")).isEqualTo(3);
        });
        assertThat(counts("SELECT count(*), count(DISTINCT id) FROM orders")).containsExactly(3000L, 3000L);
        assertThat(counts("SELECT count(*), count(DISTINCT topic || '/' || partition || '@' || \"offset\"),"
                        + " min(reason) IS NOT NULL FROM orders__dead_letter"))
                .containsExactly(3L, 3L, true);
        assertThat(counts("SELECT count(*) FROM orders__dead_letter WHERE value = 'not json at all'"))
                .containsExactly(1L);
        long committed = 0;
        for (int p = 0; p < 3; p++) {
            committed += Long.parseLong(lake.catalog()
                    .sourcePosition(
                            DatasetName.of("orders"), KafkaPositions.key("orders", new TopicPartition(topic, p)))
                    .orElse("0")); // a partition the producer sent nothing to
        }
        assertThat(committed).as("next offsets of the three partitions").isEqualTo(3003);
        Snapshot last = lake.catalog().snapshots(DatasetName.of("orders")).getFirst();
        assertThat(last.properties()).containsKey(KafkaBatchSource.OFFSETS_FACT);

        // Stopped and started again: resumes from the committed positions.
        hub.getRouteController().stopRoute("orders");
        kafka.send(topic, orders(3000, 3500));
        hub.getRouteController().startRoute("orders");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(3500));
        assertThat(counts("SELECT count(*), count(DISTINCT id) FROM orders")).containsExactly(3500L, 3500L);
        assertThat(rows("orders__dead_letter")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var spooled = Files.list(home.resolve("hub/tmp/kafka/orders"))) {
                assertThat(spooled)
                        .as("spool files are deleted once their batch is done")
                        .isEmpty();
            }
        });
    }

    @Test
    void twoHubsInOneConsumerGroupLandEachRecordOnceAcrossRebalances() throws Exception {
        kafka.createTopic(topic, 4);
        KafkaSettings small = FAST.withMaxBatchRecords(1000);
        hub(small, null);
        kafka.send(topic, orders(0, 4000));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("orders") > 0);
        // A second hub joins mid-drain: the partitions are shared out again.
        CamelContext second = hub(small, null);
        kafka.send(topic, orders(4000, 8000));
        await().atMost(Duration.ofSeconds(45))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(8000));
        // ... and leaves again: the first takes its partitions back.
        second.getRouteController().stopRoute("orders");
        kafka.send(topic, orders(8000, 10000));
        await().atMost(Duration.ofSeconds(45))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(10000));
        assertThat(counts("SELECT count(*), count(DISTINCT id) FROM orders")).containsExactly(10000L, 10000L);
        assertThat(lake.catalog().snapshots(DatasetName.of("orders")))
                .extracting(Snapshot::actor)
                .containsOnly("pipeline");
    }

    @Test
    void aBatchAnotherHubCommittedFirstIsRefusedAndTheRestIsReadFromTheCatalogsPosition() throws Exception {
        kafka.createTopic(topic, 1);
        kafka.send(topic, orders(0, 1000));
        // "Another hub" commits records 0..499 of partition 0 with its position while this hub's
        // first batch, read from no position, is on its way to the catalog.
        Path theirs = Files.write(home.resolve("theirs.ndjson"), orders(0, 500));
        String key = KafkaPositions.key("orders", new TopicPartition(topic, 0));
        AtomicBoolean first = new AtomicBoolean(true);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("lakehub", new LakehubComponent(lake.ingestor(), home.resolve("hub/tmp")));
        KafkaPipelineComponent component = new KafkaPipelineComponent(lake.catalog()::sourcePosition, FAST);
        String uri = "kafka:" + topic + "?brokers=" + kafka.bootstrapServers();
        component.bind(
                "orders",
                new KafkaPipelineComponent.Binding(uri, uri, DatasetName.of("orders"), null, Duration.ofMillis(100)));
        context.addComponent("lakehub-kafka", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("lakehub-kafka:orders")
                        .process(e -> {
                            if (first.getAndSet(false)) {
                                lake.ingestor()
                                        .ingest(IngestRequest.builder(DatasetName.of("orders"))
                                                .file(theirs)
                                                .actor("other-hub")
                                                .sourceSystem("kafka")
                                                .snapshotProperty(key, "500")
                                                .build());
                            }
                        })
                        .to("lakehub:orders?pipeline=orders&actor=pipeline&sourceSystem=kafka");
            }
        });
        context.start();
        hubs.add(context);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(1000));
        assertThat(counts("SELECT count(*), count(DISTINCT id) FROM orders")).containsExactly(1000L, 1000L);
        assertThat(lake.catalog().snapshots(DatasetName.of("orders")))
                .extracting(Snapshot::actor)
                .contains("other-hub", "pipeline");
        assertThat(lake.catalog().sourcePosition(DatasetName.of("orders"), key)).contains("1000");
    }

    @Test
    void aBrokerThatGoesAwayAndComesBackLosesNothing() throws Exception {
        kafka.createTopic(topic, 2);
        kafka.send(topic, orders(0, 1000));
        CamelContext hub = hub(FAST, "direct:dead");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(1000));
        KafkaPipelineConsumer consumer =
                (KafkaPipelineConsumer) hub.getRoute("orders").getConsumer();
        assertThat(consumer.connectionProblem()).isEmpty();
        kafka.stop();
        // The consumer keeps polling a broker that is not there, reconnecting with backoff, and says so (the hub's
        // run history records it as an outage).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(consumer.connectionProblem())
                        .hasValueSatisfying(
                                why -> assertThat(why).contains("no Kafka broker of " + kafka.bootstrapServers())));
        kafka.restart();
        kafka.send(topic, orders(1000, 2000));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(rows("orders")).isEqualTo(2000));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.connectionProblem().isEmpty());
        assertThat(counts("SELECT count(*), count(DISTINCT id) FROM orders")).containsExactly(2000L, 2000L);
    }
}
