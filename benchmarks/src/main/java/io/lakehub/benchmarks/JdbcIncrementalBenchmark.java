package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.source.jdbc.JdbcSource;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 1,000 changed rows in the 1M-row PostgreSQL table of {@link JdbcSnapshotBenchmark}: one
 * incremental poll commits exactly those rows; the time runs from the poll's start until the SQL
 * engine shows the new values.
 *
 * <pre>
 * bench/run JdbcIncrementalBenchmark [--rows N] [--changed N] [--runs N] [--work DIR] [--upsert]
 * </pre>
 *
 * The pipeline reads with the cursor {@code [updated_at, id]} (the index {@code (updated_at, id)}
 * serves it) and <b>a safety lag of 0</b>: a poll right after the UPDATE's commit sees its rows.
 * With the default lag of 30 s those rows would wait for the first poll at least 30 s after their
 * timestamp; the lag adds that much latency and nothing else. One catch-up poll (the whole table,
 * not timed) into a fresh embedded catalog (H2); then per run: {@code UPDATE bench_orders SET
 * updated_at = now(), amount = amount + 1 WHERE id IN (1,000 ids from a seeded random)} (not
 * timed), then the timed part: the poll through {@link Ingestor} with the source as the request's
 * source (the hub's {@code lakehub-jdbc} path), committed (asserted: exactly 1,000 rows), and a
 * query through {@link DuckDbSqlEngine} that finds the 1,000 rows with the new timestamp. The
 * dataset is appended to (each poll adds the new versions of the rows); with {@code --upsert} it is
 * an upsert dataset keyed by {@code id}, as in the example pipeline (each poll replaces the
 * changed keys: the planner's merge-on-read markers are part of the timed commit). Required: ≤ 2 s.
 */
public final class JdbcIncrementalBenchmark {
    private static final long SEED = 7;

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int changed = 1_000;
        int runs = 10;
        boolean upsert = false;
        Path work = Path.of("bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--changed" -> changed = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--upsert" -> upsert = true;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --rows N, --changed N, --runs N, --work DIR, --upsert");
            }
        }
        Files.createDirectories(work);
        String table = BenchOrders.ensure(rows);
        System.out.printf(
                Locale.ROOT,
                "%n== JdbcIncrementalBenchmark %s  rows=%,d  %s  changed per run=%,d  cursor [updated_at, id],"
                        + " lag 0  cores=%d  java=%s  load average %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                rows,
                table,
                changed,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                BenchOrders.loadAverage());

        JdbcSourceSpec spec = JdbcSourceSpec.of(
                        "bench_inc",
                        BenchOrders.URL,
                        BenchOrders.USER,
                        null,
                        BenchOrders.TABLE,
                        List.of("updated_at", "id"))
                .withLag(Duration.ZERO);
        DatasetName dataset = DatasetName.of("bench_orders_inc");
        Path home = work.resolve("jdbc-incremental-home");
        BenchOrders.deleteTree(home);
        Random random = new Random(SEED);
        List<Double> seconds = BenchOrders.list();
        try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
                Ingestor ingestor = upsert
                        ? new Ingestor(
                                catalog,
                                IngestSettings.defaults(),
                                d -> null,
                                new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()))
                        : new Ingestor(catalog, IngestSettings.defaults());
                DuckDbSqlEngine engine = new DuckDbSqlEngine(catalog, QuerySettings.defaults());
                Connection db = DriverManager.getConnection(BenchOrders.URL, BenchOrders.USER, null)) {
            long t = System.nanoTime();
            IngestResult first = poll(ingestor, catalog, spec, dataset, upsert);
            System.out.printf(
                    Locale.ROOT,
                    "catch-up poll: %,d rows in %.2f s (not counted)%n",
                    first.rows(),
                    (System.nanoTime() - t) / 1e9);
            long expected = first.rows();
            for (int run = 0; run <= runs; run++) {
                Set<Long> ids = new LinkedHashSet<>();
                while (ids.size() < changed) {
                    ids.add(1 + (long) (random.nextDouble() * rows));
                }
                try (Statement s = db.createStatement()) {
                    int updated = s.executeUpdate("UPDATE " + BenchOrders.TABLE
                            + " SET updated_at = now(), amount = amount + 1 WHERE id IN ("
                            + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
                    if (updated != changed) {
                        throw new IllegalStateException("the UPDATE changed " + updated + " rows, expected " + changed);
                    }
                }
                long start = System.nanoTime();
                IngestResult result = poll(ingestor, catalog, spec, dataset, upsert);
                long committed = System.nanoTime();
                // The changed rows all carry the UPDATE's now(), the newest timestamp of the dataset.
                QueryResult shown = engine.query("SELECT count(*), count(DISTINCT id) FROM " + dataset.value()
                        + " WHERE updated_at = (SELECT max(updated_at) FROM " + dataset.value() + ")");
                long end = System.nanoTime();
                long found = ((Number) shown.rows().get(0).get(1)).longValue();
                // An upsert dataset keeps one row per key; an append dataset adds the new versions.
                expected += upsert ? 0 : changed;
                if (result.rows() != changed || found != changed) {
                    throw new IllegalStateException("run " + run + ": the poll committed " + result.rows()
                            + " rows and the engine shows " + found + " changed rows; expected exactly " + changed);
                }
                double s = (end - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%-8s poll start to queryable %6.3f s (poll and commit %5.3f s, query %5.3f s)  rows committed %d"
                                + "  load %s%n",
                        run == 0 ? "warm-up" : "run " + run,
                        s,
                        (committed - start) / 1e9,
                        (end - committed) / 1e9,
                        result.rows(),
                        BenchOrders.loadAverage());
                if (run > 0) {
                    seconds.add(s);
                }
            }
            QueryResult total = engine.query("SELECT count(*) FROM " + dataset.value());
            long inLake = ((Number) total.rows().get(0).get(0)).longValue();
            if (inLake != expected) {
                throw new IllegalStateException("the dataset holds " + inLake + " rows, expected " + expected);
            }
        } finally {
            BenchOrders.deleteTree(home);
        }
        System.out.printf(
                Locale.ROOT,
                "poll start to queryable: median %.3f s, max %.3f s over %d runs   (required <= 2 s)   load average now %s%n",
                BenchOrders.median(seconds),
                BenchOrders.max(seconds),
                seconds.size(),
                BenchOrders.loadAverage());
    }

    private static IngestResult poll(
            Ingestor ingestor, JdbcCatalog catalog, JdbcSourceSpec spec, DatasetName dataset, boolean upsert) {
        JdbcSource source = new JdbcSource(spec, () -> catalog.sourcePosition(dataset, spec.positionKey()));
        return ingestor.ingest(IngestRequest.builder(dataset)
                .source(source)
                .sourceSystem("jdbc")
                .sourceUri(spec.describe())
                .pipeline(spec.pipeline())
                .actor("bench")
                .mode(upsert ? IngestMode.UPSERT : IngestMode.APPEND)
                .key(upsert ? List.of("id") : List.of())
                .build());
    }
}
