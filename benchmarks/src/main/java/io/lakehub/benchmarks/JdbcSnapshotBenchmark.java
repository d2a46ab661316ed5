package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.source.jdbc.JdbcSource;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A full snapshot of a 1M-row × 10-column PostgreSQL table into the lake, against doing it by hand
 * in the same run: {@code psql \copy (SELECT * FROM bench_orders) TO file.csv CSV HEADER} (a
 * subprocess) then DuckDB's {@code COPY (FROM read_csv(file)) TO out.parquet (FORMAT parquet,
 * COMPRESSION zstd)} (in process), timed together.
 *
 * <pre>
 * bench/run JdbcSnapshotBenchmark [--rows N] [--runs N] [--page-size N] [--work DIR]
 *     one warm-up run each, then N (5) measured runs each, alternating; medians and the ratio
 * bench/run JdbcSnapshotBenchmark --lakehub-only [--runs N] [--page-size N]
 *     the hub's side alone, for profiling
 * </pre>
 *
 * Lakehub: a full-snapshot poll of the table ({@link JdbcSource} without a cursor: keyset pages over
 * the primary key, each a binary COPY) through {@link Ingestor} with the source as the request's
 * source (the path the hub's {@code lakehub-jdbc} route takes) into a fresh embedded catalog (H2),
 * committed, then {@code SELECT count(*)} through {@link DuckDbSqlEngine} returning every row: the
 * time runs until that query has answered. Required: faster than by hand; aim 1.5×.
 */
public final class JdbcSnapshotBenchmark {

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int runs = 5;
        int pageSize = JdbcSourceSpec.DEFAULT_PAGE_SIZE;
        Path work = Path.of("bench-work");
        boolean lakehubOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--page-size" -> pageSize = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--lakehub-only" -> lakehubOnly = true;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --rows N, --runs N, --page-size N, --work DIR, --lakehub-only");
            }
        }
        Files.createDirectories(work);
        String table = BenchOrders.ensure(rows);
        System.out.printf(
                Locale.ROOT,
                "%n== JdbcSnapshotBenchmark %s  rows=%,d  %s  page size=%,d  cores=%d  max heap=%d MB  java=%s"
                        + "  load average %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                rows,
                table,
                pageSize,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                BenchOrders.loadAverage());

        JdbcSourceSpec spec = JdbcSourceSpec.of(
                        "bench", BenchOrders.URL, BenchOrders.USER, null, BenchOrders.TABLE, List.of())
                .withSizes(pageSize, JdbcSourceSpec.DEFAULT_FETCH_SIZE, JdbcSourceSpec.DEFAULT_BATCH_ROWS);
        if (lakehubOnly) {
            // For profiling the hub's side alone; no comparison.
            for (int run = 0; run <= runs; run++) {
                Result l = lakehub(spec, work, rows);
                System.out.printf(
                        Locale.ROOT,
                        "lakehub %6.3f s (poll %5.3f + query %5.3f; cpu %5.2f s)  load %s%n",
                        l.seconds,
                        l.first,
                        l.second,
                        l.cpuSeconds,
                        BenchOrders.loadAverage());
            }
            return;
        }
        List<Double> hand = BenchOrders.list();
        List<Double> lake = BenchOrders.list();
        List<Double> handCpu = BenchOrders.list();
        List<Double> lakeCpu = BenchOrders.list();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int run = 0; run <= runs; run++) {
                Result h = byHand(duckdb, work, rows);
                Result l = lakehub(spec, work, rows);
                System.out.printf(
                        Locale.ROOT,
                        "%-8s by hand %6.3f s (psql %5.3f + duckdb %5.3f; this JVM's cpu %5.2f s)   lakehub %6.3f s"
                                + " (poll %5.3f + query %5.3f; cpu %5.2f s)  load %s%n",
                        run == 0 ? "warm-up" : "run " + run,
                        h.seconds,
                        h.first,
                        h.second,
                        h.cpuSeconds,
                        l.seconds,
                        l.first,
                        l.second,
                        l.cpuSeconds,
                        BenchOrders.loadAverage());
                if (run > 0) {
                    hand.add(h.seconds);
                    lake.add(l.seconds);
                    handCpu.add(h.cpuSeconds);
                    lakeCpu.add(l.cpuSeconds);
                }
            }
        }
        double hm = BenchOrders.median(hand);
        double lm = BenchOrders.median(lake);
        System.out.printf(
                Locale.ROOT,
                "by hand  median %6.3f s  %,12.0f rows/s  (psql \\copy to CSV + DuckDB CSV -> Parquet)%n",
                hm,
                rows / hm);
        System.out.printf(
                Locale.ROOT,
                "lakehub  median %6.3f s  %,12.0f rows/s  (poll, commit, count through the SQL engine)%n",
                lm,
                rows / lm);
        System.out.printf(
                Locale.ROOT,
                "cpu seconds of this JVM (median): by hand %.2f (psql and the PostgreSQL backend not counted)  lakehub %.2f%n",
                BenchOrders.median(handCpu),
                BenchOrders.median(lakeCpu));
        System.out.printf(
                Locale.ROOT,
                "ratio by hand / lakehub (median): %.2f   (required > 1.0, aim 1.5)   load average now %s%n",
                hm / lm,
                BenchOrders.loadAverage());
    }

    /** @param first psql's or the poll's seconds; {@code second} DuckDB's or the count query's */
    private record Result(double seconds, double first, double second, double cpuSeconds) {}

    private static Result byHand(Connection duckdb, Path work, long rows)
            throws IOException, InterruptedException, SQLException {
        Path csv = work.resolve("bench_orders.csv").toAbsolutePath();
        Path out = work.resolve("bench_orders.parquet").toAbsolutePath();
        Files.deleteIfExists(csv);
        Files.deleteIfExists(out);
        double cpu = BenchOrders.processCpuSeconds();
        long t = System.nanoTime();
        Process psql = new ProcessBuilder(
                        "psql",
                        "-h",
                        "127.0.0.1",
                        "-U",
                        BenchOrders.USER,
                        "-d",
                        "test",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-c",
                        "\\copy (SELECT * FROM " + BenchOrders.TABLE + ") TO '" + csv + "' CSV HEADER")
                .redirectErrorStream(true)
                .start();
        String output = new String(psql.getInputStream().readAllBytes());
        if (psql.waitFor() != 0 || !output.strip().equals("COPY " + rows)) {
            throw new IllegalStateException("psql \\copy failed: " + output.strip());
        }
        long t1 = System.nanoTime();
        try (Statement s = duckdb.createStatement()) {
            s.execute("COPY (FROM read_csv('" + csv + "')) TO '" + out + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        long t2 = System.nanoTime();
        cpu = BenchOrders.processCpuSeconds() - cpu;
        Files.delete(csv);
        Files.delete(out);
        return new Result((t2 - t) / 1e9, (t1 - t) / 1e9, (t2 - t1) / 1e9, cpu);
    }

    private static Result lakehub(JdbcSourceSpec spec, Path work, long rows) throws IOException {
        Path home = work.resolve("jdbc-snapshot-home");
        BenchOrders.deleteTree(home);
        DatasetName dataset = DatasetName.of(BenchOrders.TABLE);
        // The real embedded catalog (H2) and the SQL engine a hub runs; opened before the clock starts.
        try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
                Ingestor ingestor = new Ingestor(catalog, IngestSettings.defaults());
                DuckDbSqlEngine engine = new DuckDbSqlEngine(catalog, QuerySettings.defaults())) {
            double cpu = BenchOrders.processCpuSeconds();
            long t = System.nanoTime();
            JdbcSource source = new JdbcSource(spec, () -> catalog.sourcePosition(dataset, spec.positionKey()));
            IngestResult result = ingestor.ingest(IngestRequest.builder(dataset)
                    .source(source)
                    .sourceSystem("jdbc")
                    .sourceUri(spec.describe())
                    .pipeline(spec.pipeline())
                    .actor("bench")
                    .build());
            long t1 = System.nanoTime();
            QueryResult count = engine.query("SELECT count(*) FROM " + BenchOrders.TABLE);
            long t2 = System.nanoTime();
            cpu = BenchOrders.processCpuSeconds() - cpu;
            long counted = ((Number) count.rows().get(0).get(0)).longValue();
            if (result.rows() != rows || counted != rows) {
                throw new IllegalStateException("the poll committed " + result.rows() + " rows and the engine counts "
                        + counted + ", expected " + rows);
            }
            return new Result((t2 - t) / 1e9, (t1 - t) / 1e9, (t2 - t1) / 1e9, cpu);
        } finally {
            BenchOrders.deleteTree(home);
        }
    }
}
