package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.source.cdc.ChangeBatch;
import io.lakehub.processors.upsert.AppendCompactionThresholds;
import io.lakehub.processors.upsert.AppendCompactor;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small-file compaction of an append dataset (ADR 0057): {@code --appends} commits of {@code --rows}
 * rows each (as a webhook's group commits land: one small Parquet file per commit) into one dataset
 * on the embedded catalog, then {@code SELECT count(*)} through the SQL engine (the first query after
 * the last commit, which builds the view over every file, and the median of 5 more), then one append
 * compaction with the default thresholds while another thread keeps appending, then the same queries.
 *
 * <pre>
 * bench/run AppendCompactionBenchmark [--appends 20000] [--rows 25] [--work DIR] [--no-concurrent]
 *                                     [--max-files-per-rewrite 10000] [--postgres] [--appends-instead]
 * </pre>
 *
 * <p>{@code --appends-instead}: a control without compaction; the main thread appends for 25 s beside
 * the concurrent appender.
 *
 * <p>{@code --postgres}: the catalog is a fresh schema in database {@code test} on 127.0.0.1:5432 (user
 * postgres), dropped at the end, instead of the embedded H2 catalog.
 *
 * <p>Checked: the dataset's row count after compaction is exactly the rows of every append, the
 * concurrent ones included. The work folder is deleted at the end.
 */
public final class AppendCompactionBenchmark {
    private static final LakeSchema SCHEMA = new LakeSchema(List.of(
            new LakeField("id", LakeType.BIGINT, true),
            new LakeField("source", LakeType.STRING, true),
            new LakeField("amount", LakeType.DOUBLE, true),
            new LakeField("note", LakeType.STRING, true)));

    private AppendCompactionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int appends = 20_000;
        int rows = 25;
        Path work = Path.of("bench-work");
        boolean concurrentAppender = true;
        boolean postgres = false;
        boolean appendsInstead = false;
        int perRewrite = AppendCompactionThresholds.defaults().maxFilesPerRewrite();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--appends" -> appends = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-concurrent" -> concurrentAppender = false;
                case "--postgres" -> postgres = true;
                case "--appends-instead" -> appendsInstead = true;
                case "--max-files-per-rewrite" -> perRewrite = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --appends N, --rows N, --work DIR, --no-concurrent, --postgres, --appends-instead,"
                            + " --max-files-per-rewrite N");
            }
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path home = work.toAbsolutePath().resolve("appendcompact-" + id);
        Files.createDirectories(home);
        DatasetName dataset = DatasetName.of("appendcompact_events");
        System.out.printf(
                Locale.ROOT,
                "%n== AppendCompactionBenchmark %s  %d appends x %d rows, %s catalog  cores=%d  java=%s"
                        + "  load average %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                appends,
                rows,
                postgres ? "PostgreSQL" : "embedded H2",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                BenchOrders.loadAverage());
        String schema = "appendcompact_bench_" + id;
        CatalogSettings settings = CatalogSettings.embedded(home);
        if (postgres) {
            admin("CREATE SCHEMA " + schema);
            settings = new CatalogSettings(
                    BenchOrders.URL + (BenchOrders.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    BenchOrders.USER,
                    "",
                    home.resolve("lake"),
                    5);
        }
        try (JdbcCatalog catalog = JdbcCatalog.open(settings);
                Ingestor ingestor = new Ingestor(
                        catalog,
                        IngestSettings.defaults(),
                        d -> null,
                        new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()));
                DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog, new QuerySettings(100_000, 0, null))) {
            AtomicLong seq = new AtomicLong();
            Random random = new Random(42);
            long t0 = System.nanoTime();
            for (int i = 0; i < appends; i++) {
                append(ingestor, dataset, seq.getAndIncrement(), rows, random);
            }
            double appendSeconds = (System.nanoTime() - t0) / 1e9;
            int filesBefore = catalog.liveFiles(dataset).size();
            long bytesBefore = catalog.dataset(dataset).orElseThrow().sizeBytes();
            System.out.printf(
                    Locale.ROOT,
                    "appended %d commits in %.1f s; %d live files, %d bytes; load average %s%n",
                    appends,
                    appendSeconds,
                    filesBefore,
                    bytesBefore,
                    BenchOrders.loadAverage());
            double[] before = count(sql, dataset, (long) appends * rows);
            System.out.printf(
                    Locale.ROOT,
                    "count(*) before: first %.1f ms, then median %.1f ms; load average %s%n",
                    before[0],
                    before[1],
                    BenchOrders.loadAverage());

            // Another pipeline keeps appending during the compaction.
            AtomicBoolean stop = new AtomicBoolean();
            Random concurrentRandom = new Random(7);
            int rowsPerAppend = rows;
            AtomicLong refused = new AtomicLong();
            Thread appender = new Thread(() -> {
                while (!stop.get()) {
                    long n = seq.getAndIncrement();
                    try {
                        append(ingestor, dataset, n, rowsPerAppend, concurrentRandom);
                    } catch (RuntimeException e) {
                        refused.incrementAndGet();
                        System.out.println("concurrent append " + n + " refused: " + e.getMessage());
                    }
                }
            });
            long concurrentStart = seq.get();
            if (concurrentAppender) {
                appender.start();
            }
            AppendCompactor compactor = new AppendCompactor(
                    catalog,
                    ParquetWriteOptions.defaults(),
                    new AppendCompactionThresholds(
                            AppendCompactionThresholds.defaults().targetFileBytes(),
                            AppendCompactionThresholds.defaults().smallFileBytes(),
                            AppendCompactionThresholds.defaults().minSmallFiles(),
                            perRewrite));
            double cpu = BenchOrders.processCpuSeconds();
            long c0 = System.nanoTime();
            AppendCompactor.Result result;
            try {
                if (appendsInstead) {
                    // A control: the main thread appends for 25 s instead of compacting (two appenders).
                    long end = System.nanoTime() + 25_000_000_000L;
                    while (System.nanoTime() < end) {
                        append(ingestor, dataset, seq.getAndIncrement(), rows, random);
                    }
                    result = new AppendCompactor.Result(List.of(), 0, 0, false);
                } else {
                    result = compactor.compactIfNeeded(dataset).orElseThrow();
                }
            } finally {
                stop.set(true);
                if (concurrentAppender) {
                    appender.join();
                }
            }
            double compactSeconds = (System.nanoTime() - c0) / 1e9;
            cpu = BenchOrders.processCpuSeconds() - cpu;
            long concurrent = seq.get() - concurrentStart - refused.get();
            int filesAfter = catalog.liveFiles(dataset).size();
            System.out.printf(
                    Locale.ROOT,
                    "compaction: %d files into %d in %d replace(s), postponed %s, %.1f s wall, %.1f s process CPU"
                            + " (the concurrent appender's included); %d appends landed meanwhile; %d live files"
                            + " after, %d bytes; load average %s%n",
                    result.filesRemoved(),
                    result.filesWritten(),
                    result.replaces().size(),
                    result.postponed(),
                    compactSeconds,
                    cpu,
                    concurrent,
                    filesAfter,
                    catalog.dataset(dataset).orElseThrow().sizeBytes(),
                    BenchOrders.loadAverage());
            double[] after = count(sql, dataset, (seq.get() - refused.get()) * rows);
            System.out.printf(
                    Locale.ROOT,
                    "count(*) after: first %.1f ms, then median %.1f ms; load average %s%n",
                    after[0],
                    after[1],
                    BenchOrders.loadAverage());
        } finally {
            BenchOrders.deleteTree(home);
            if (postgres) {
                admin("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void admin(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(BenchOrders.URL, BenchOrders.USER, null);
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void append(Ingestor ingestor, DatasetName dataset, long seq, int rows, Random random) {
        List<Object[]> batch = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            batch.add(
                    new Object[] {seq * rows + r, "webhook", random.nextDouble() * 1000, "event " + random.nextInt()});
        }
        IngestResult result = ingestor.ingest(IngestRequest.builder(dataset)
                .source(new ChangeBatch(SCHEMA, batch, Map.of(), rows))
                .sourceSystem("bench")
                .sourceUri("bench:appendcompact")
                .actor("bench")
                .build());
        if (result.rows() != rows) {
            throw new IllegalStateException("append " + seq + " landed " + result.rows() + " rows, expected " + rows);
        }
    }

    /** The first query's time and the median of 5 more, in ms; fails unless the count is {@code expected}. */
    private static double[] count(DuckDbSqlEngine sql, DatasetName dataset, long expected) {
        List<Double> times = BenchOrders.list();
        double first = 0;
        for (int i = 0; i < 6; i++) {
            long t = System.nanoTime();
            Object n = sql.query("SELECT count(*) FROM " + dataset.value())
                    .rows()
                    .getFirst()
                    .getFirst();
            double ms = (System.nanoTime() - t) / 1e6;
            if (((Number) n).longValue() != expected) {
                throw new IllegalStateException("count(*) is " + n + ", expected " + expected);
            }
            if (i == 0) {
                first = ms;
            } else {
                times.add(ms);
            }
        }
        return new double[] {first, BenchOrders.median(times)};
    }
}
