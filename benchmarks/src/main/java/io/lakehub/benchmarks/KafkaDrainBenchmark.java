package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.routes.kafka.KafkaPipelineComponent;
import io.lakehub.routes.kafka.KafkaSettings;
import io.lakehub.testing.kafka.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka topic drained into the lake by a pipeline: {@code N} JSON records of about 1 KB each are
 * produced to a topic of a real broker (KRaft, in this JVM; not timed), then the hub's {@code
 * lakehub-kafka} consumer (the path of a {@code from: "kafka:..."} pipeline: micro-batches committed
 * with their offsets through the {@code lakehub:} producer into the embedded catalog) drains it.
 * Reported: records/s from the first commit's time to the last commit's, and from the consumer's
 * start to the last commit. Required ≥ 50,000/s; aim 100,000.
 *
 * <pre>
 * bench/run KafkaDrainBenchmark [--records N] [--partitions N] [--batch N] [--work DIR]
 * </pre>
 */
public final class KafkaDrainBenchmark {
    private static final long SEED = 24;

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        int partitions = 4;
        int batch = KafkaSettings.DEFAULTS.maxBatchRecords();
        Path work = Path.of("bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --records N, --partitions N, --batch N, --work DIR");
            }
        }
        Path home = work.resolve("kafka-drain");
        deleteTree(home);
        Files.createDirectories(home);
        System.out.printf(
                Locale.ROOT,
                "%n== KafkaDrainBenchmark %s  records=%,d  ~1 KB JSON  partitions=%d  batch=%,d  %s%n",
                Instant.now(),
                records,
                partitions,
                batch,
                uptime());
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String topic = "bench-orders";
            kafka.createTopic(topic, partitions);
            long t0 = System.nanoTime();
            produce(kafka, topic, records);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "produced %,d records in %.1f s (%,.0f/s; not part of the figure)%n",
                    records,
                    produceSeconds,
                    records / produceSeconds);

            DatasetName dataset = DatasetName.of("orders");
            try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("hub")));
                    Ingestor ingestor = new Ingestor(catalog, IngestSettings.defaults());
                    CamelContext camel = new DefaultCamelContext()) {
                camel.addComponent("lakehub", new LakehubComponent(ingestor, home.resolve("hub/tmp")));
                KafkaPipelineComponent component = new KafkaPipelineComponent(
                        catalog::sourcePosition, KafkaSettings.DEFAULTS.withMaxBatchRecords(batch));
                String uri = "kafka:" + topic + "?brokers=" + kafka.bootstrapServers() + "&groupId=bench";
                component.bind(
                        "orders",
                        new KafkaPipelineComponent.Binding(uri, uri, dataset, null, Duration.ofSeconds(1)));
                camel.addComponent("lakehub-kafka", component);
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("lakehub-kafka:orders")
                                .routeId("orders")
                                .to("lakehub:orders?pipeline=orders&actor=pipeline&sourceSystem=kafka");
                    }
                });
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                Instant started = Instant.now();
                camel.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (rows(catalog, dataset) < records) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("The drain did not finish in 20 minutes: "
                                + rows(catalog, dataset) + " of " + records + " rows");
                    }
                    Thread.sleep(50);
                }
                double wall = (System.nanoTime() - start) / 1e9;
                double cpu = (processCpuNanos() - cpuStart) / 1e9;
                camel.getRouteController().stopRoute("orders");
                List<Snapshot> snapshots = catalog.snapshots(dataset);
                Instant first = snapshots.stream().map(Snapshot::committedAt).min(Comparator.naturalOrder()).orElseThrow();
                Instant last = snapshots.stream().map(Snapshot::committedAt).max(Comparator.naturalOrder()).orElseThrow();
                long total = rows(catalog, dataset);
                Snapshot firstSnapshot = snapshots.getLast();
                double firstToLast = Duration.between(first, last).toNanos() / 1e9;
                // The first commit already holds a batch: count the records after it over the time after it.
                double rate = (total - firstSnapshot.addedRows()) / firstToLast;
                System.out.printf(
                        Locale.ROOT,
                        "drained %,d records in %d commits: first to last commit %.2f s = %,.0f records/s;"
                                + " consumer start to last commit %.2f s = %,.0f records/s (first commit after %.2f s)%n",
                        total,
                        snapshots.size(),
                        firstToLast,
                        rate,
                        Duration.between(started, last).toNanos() / 1e9,
                        total / (Duration.between(started, last).toNanos() / 1e9),
                        Duration.between(started, first).toNanos() / 1e9);
                System.out.printf(
                        Locale.ROOT,
                        "process CPU during the drain (consumer, ingest and the in-JVM broker serving the fetches):"
                                + " %.1f s = %.1f µs per record, i.e. %,.0f records/s per fully available core%n",
                        cpu,
                        cpu * 1e6 / records,
                        records / cpu);
                System.out.printf(Locale.ROOT, "waited %.2f s in all; %s%n", wall, uptime());
                if (total != records) {
                    throw new IllegalStateException("expected exactly " + records + " rows, the dataset holds " + total);
                }
            }
        } finally {
            deleteTree(home);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long rows(JdbcCatalog catalog, DatasetName dataset) {
        return catalog.dataset(dataset).map(d -> d.rowCount()).orElse(0L);
    }

    /** About 1 KB per record: an order with a few fields and a note padded to size. */
    private static void produce(EmbeddedKafka kafka, String topic, int records) {
        Random random = new Random(SEED);
        String[] cities = {"Paris", "Lyon", "Berlin", "Madrid", "Oslo", "Rome", "Vienna", "Lisbon"};
        String[] words = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
            "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim"};
        StringBuilder pad = new StringBuilder();
        while (pad.length() < 8000) {
            pad.append(words[random.nextInt(words.length)]).append(' ');
        }
        String text = pad.toString();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int i = 0; i < records; i++) {
                String json = "{\"id\":" + i + ",\"customer_id\":" + random.nextInt(100_000) + ",\"city\":\""
                        + cities[random.nextInt(cities.length)] + "\",\"amount\":"
                        + (random.nextInt(1_000_000) / 100.0) + ",\"quantity\":" + (1 + random.nextInt(20))
                        + ",\"paid\":" + random.nextBoolean() + ",\"created_at\":\"2026-11-"
                        + (10 + random.nextInt(20)) + "T12:" + (10 + random.nextInt(50)) + ":00Z\",\"note\":\""
                        + text.substring(random.nextInt(7000), 7000 + 780).substring(0, 780) + "\"}";
                producer.send(new ProducerRecord<>(topic, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                return line == null ? "" : "uptime: " + line.trim();
            }
        } catch (Exception e) {
            return "uptime: n/a";
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
