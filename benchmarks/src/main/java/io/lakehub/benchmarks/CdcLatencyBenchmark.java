package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import io.lakehub.routes.cdc.CdcComponent;
import io.lakehub.routes.component.LakehubComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Change data capture latency: a change committed in PostgreSQL is queryable in the lake within how
 * long? The hub's path, in process: {@code lakehub-cdc:} (the Debezium engine on a logical
 * replication slot) into {@code lakehub:} (upsert by key, commit with the position) on an embedded
 * catalog, queried through the {@link DuckDbSqlEngine}.
 *
 * <pre>
 * bench/run CdcLatencyBenchmark [--changes N] [--rate N] [--rows N] [--poll-interval MS] [--compact-files N] [--work DIR]
 * </pre>
 *
 * A table of {@code --rows} rows (default 10,000) is copied by the initial snapshot (not timed).
 * Then a writer commits {@code --changes} single-row transactions (default 1,000) at {@code --rate}
 * per second (default 20): alternately an insert of a new key and an update of a random existing
 * row, each setting {@code seq} to its own number, increasing. The time of each commit is taken when
 * the statement returns (autocommit: the commit is done). An observer reads the dataset's current
 * snapshot id from the catalog every 5 ms and, for each new snapshot, queries {@code SELECT max(seq)}
 * through the SQL engine; a transaction is visible once the lake's {@code max(seq)} reaches its number
 * (commits land in commit order, whole) and the time is taken when that query returned. Latency =
 * first visibility - commit. Required: p95 ≤ 2 s.
 */
public final class CdcLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int changes = 1_000;
        double rate = 20;
        int rows = 10_000;
        long pollInterval = 50;
        // As the hub (lakehub.compaction.stream-min-files): compacted between batches at 8 data files.
        int compactFiles = 8;
        Path work = Path.of("bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--poll-interval" -> pollInterval = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--compact-files" -> compactFiles = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i]
                                    + "; use --changes N, --rate N, --rows N, --poll-interval MS, --compact-files N, --work DIR");
            }
        }
        Files.createDirectories(work);
        String suffix = Long.toString(System.nanoTime(), 36);
        String table = "bench_cdc_" + suffix;
        String slot = "bench_cdc_" + suffix;
        System.out.printf(
                Locale.ROOT,
                "%n== CdcLatencyBenchmark %s  changes=%,d at %.0f/s  snapshot rows=%,d  pollInterval=%d ms  cores=%d"
                        + "  compact at %d files  java=%s%n   uptime: %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                changes,
                rate,
                rows,
                pollInterval,
                Runtime.getRuntime().availableProcessors(),
                compactFiles,
                System.getProperty("java.version"),
                uptime());
        Path home = work.resolve("cdc-latency-home");
        BenchOrders.deleteTree(home);
        DatasetName dataset = DatasetName.of("bench_cdc");
        try (Connection db = DriverManager.getConnection(BenchOrders.URL, BenchOrders.USER, null)) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, seq INT NOT NULL, amount NUMERIC(12,2),"
                        + " note TEXT, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                s.execute("INSERT INTO " + table + " SELECT g, 0, g * 0.5, 'row ' || g, now() FROM generate_series(1, "
                        + rows + ") g");
            }
            try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
                    Ingestor ingestor = new Ingestor(
                            catalog,
                            IngestSettings.defaults(),
                            d -> null,
                            new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()));
                    DuckDbSqlEngine engine = new DuckDbSqlEngine(catalog, QuerySettings.defaults());
                    DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addComponent("lakehub", new LakehubComponent(ingestor, home.resolve("tmp")));
                CompactionThresholds d = CompactionThresholds.defaults();
                Compactor compactor = new Compactor(
                        catalog,
                        ParquetWriteOptions.defaults(),
                        new CompactionThresholds(
                                d.minMarkerRows(), d.minMarkerRatio(), compactFiles, d.removedFileGrace()));
                CdcComponent cdc = new CdcComponent(catalog::sourcePosition, compactor::compactIfNeeded);
                cdc.bind(
                        "bench",
                        new CdcSourceSpec(
                                "bench",
                                BenchOrders.URL,
                                BenchOrders.USER,
                                null,
                                List.of("public." + table),
                                slot,
                                null),
                        dataset,
                        List.of("id"));
                camel.addComponent("lakehub-cdc", cdc);
                long interval = pollInterval;
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("lakehub-cdc:bench?pollInterval=" + interval)
                                .to("lakehub:bench_cdc?pipeline=bench&sourceSystem=cdc&actor=bench&mode=upsert&key=id"
                                        + "&deletedColumn=" + CdcSourceSpec.DELETED_COLUMN);
                    }
                });
                long t = System.nanoTime();
                camel.start();
                while (count(engine, dataset) < rows) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                System.out.printf(
                        Locale.ROOT,
                        "snapshot of %,d rows queryable after %.1f s (not counted)%n",
                        rows,
                        (System.nanoTime() - t) / 1e9);

                long[] committed = new long[changes + 1];
                long[] visible = new long[changes + 1];
                AtomicBoolean observing = new AtomicBoolean(true);
                Thread observer = new Thread(() -> {
                    int seen = 0;
                    long lastSnapshot = -1;
                    while (observing.get()) {
                        // The SQL query runs once per new snapshot (a cheap catalog read tells): a reader
                        // hammering DuckDB every few ms would take the CPU the commits need.
                        long snapshot = catalog.dataset(dataset)
                                .map(DatasetInfo::currentSnapshotId)
                                .orElse(-1L);
                        if (snapshot != lastSnapshot) {
                            lastSnapshot = snapshot;
                            int max = maxSeq(engine, dataset);
                            long now = System.nanoTime();
                            for (int i = seen + 1; i <= max; i++) {
                                visible[i] = now;
                            }
                            seen = Math.max(seen, max);
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                });
                observer.start();
                Random random = new Random(11);
                long gap = (long) (1e9 / rate);
                long next = System.nanoTime();
                long writeStart = next;
                try (Statement s = db.createStatement()) {
                    for (int i = 1; i <= changes; i++) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        next += gap;
                        if (i % 2 == 1) {
                            s.executeUpdate("INSERT INTO " + table + " (id, seq, amount, note) VALUES (" + (rows + i)
                                    + ", " + i + ", " + i + ".25, 'inserted')");
                        } else {
                            s.executeUpdate("UPDATE " + table + " SET seq = " + i + ", amount = amount + 1,"
                                    + " updated_at = now() WHERE id = " + (1 + random.nextInt(rows)));
                        }
                        committed[i] = System.nanoTime();
                    }
                }
                double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (visible[changes] == 0 && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                observing.set(false);
                observer.join();
                double[] latency = new double[changes];
                for (int i = 1; i <= changes; i++) {
                    if (visible[i] == 0) {
                        throw new IllegalStateException("transaction " + i + " never became visible within 120 s");
                    }
                    latency[i - 1] = Math.max(0, visible[i] - committed[i]) / 1e9;
                }
                StringBuilder quarters = new StringBuilder();
                for (int q = 0; q < 4; q++) {
                    double[] part = Arrays.copyOfRange(latency, q * changes / 4, (q + 1) * changes / 4);
                    Arrays.sort(part);
                    quarters.append(String.format(Locale.ROOT, " %.3f", percentile(part, 95)));
                }
                Arrays.sort(latency);
                long snapshots = catalog.snapshots(dataset).size();
                System.out.printf(
                        Locale.ROOT,
                        "%,d single-row transactions in %.1f s; commit in PostgreSQL -> queryable in the lake:"
                                + " p50 %.3f s  p95 %.3f s  p99 %.3f s  max %.3f s  (%d lake snapshots)  %s%n",
                        changes,
                        writeSeconds,
                        percentile(latency, 50),
                        percentile(latency, 95),
                        percentile(latency, 99),
                        latency[latency.length - 1],
                        snapshots,
                        percentile(latency, 95) <= 2.0 ? "p95 <= 2 s: MET" : "p95 <= 2 s: NOT MET");
                System.out.printf(Locale.ROOT, "   p95 per quarter of the run (s):%s%n", quarters);
                System.out.printf(Locale.ROOT, "   uptime after: %s%n", uptime());
                camel.stop();
            } finally {
                try (Statement s = db.createStatement()) {
                    for (int attempt = 0; attempt < 50; attempt++) {
                        try {
                            s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                                    + " WHERE slot_name = '" + slot + "'");
                            break;
                        } catch (java.sql.SQLException e) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200)); // still active: released soon
                        }
                    }
                    s.execute("DROP PUBLICATION IF EXISTS " + CdcSourceSpec.defaultPublication(slot));
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
    }

    private static long count(DuckDbSqlEngine engine, DatasetName dataset) {
        try {
            return ((Number) engine.query("SELECT count(*) FROM " + dataset.value())
                            .rows()
                            .get(0)
                            .get(0))
                    .longValue();
        } catch (RuntimeException e) {
            return 0; // not created yet
        }
    }

    private static int maxSeq(DuckDbSqlEngine engine, DatasetName dataset) {
        Object v = engine.query("SELECT max(seq) FROM " + dataset.value())
                .rows()
                .get(0)
                .get(0);
        return v == null ? 0 : ((Number) v).intValue();
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "load average " + BenchOrders.loadAverage();
        }
    }

    private CdcLatencyBenchmark() {}
}
