package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Merge-on-read query cost (ADR 0009): an upsert dataset of 1M rows built through the real catalog
 * and chain (CSV → steps with the hidden columns → Parquet → upsert planner → MERGE commit), then
 * 10% of its keys updated by a second upsert. The same queries run through {@link DuckDbSqlEngine}
 * before compaction, both ways an upsert dataset's view can read it (anti joins of the delete markers
 * on every read, or merged once per snapshot into an in-memory table at view refresh, the hub's
 * default up to {@code lakehub.query.merged-rows-limit} rows), and after {@link Compactor#compact}
 * (one file, plain view); the median of each and the ratios are printed. Required: at most 1.5x.
 *
 * <p>Arguments (all optional): {@code rows updatedFraction runs}, e.g. {@code 1000000 0.1 9}.
 */
public final class MergeOnReadBenchmark {
    private static final DatasetName DATASET = DatasetName.of("orders");
    private static final double REQUIRED_RATIO = 1.5;
    private static final int WARM_UP_RUNS = 3;
    private static final long SEED = 20_261_130L;

    private record Query(String name, String sql) {}

    private static final List<Query> QUERIES = List.of(
            new Query(
                    "group-by aggregate",
                    "SELECT grp, count(*) AS n, sum(amount) AS total, avg(amount) AS mean FROM orders GROUP BY grp"
                            + " ORDER BY grp"),
            new Query(
                    "content checksum",
                    "SELECT count(*), sum(hash(id, grp, amount, name, version)::HUGEINT) FROM orders"),
            new Query("count", "SELECT count(*) FROM orders"),
            new Query("point lookup", "SELECT * FROM orders WHERE id = 424242"));

    private MergeOnReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double updated = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;

        Path work = Files.createDirectories(Path.of("bench-work"));
        Path home = Files.createTempDirectory(work, "merge-on-read-");
        try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
                Ingestor ingestor = new Ingestor(
                        catalog,
                        IngestSettings.defaults(),
                        dataset -> null,
                        new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()));
                DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null))) {
            Path all = writeCsv(home.resolve("all.csv"), rows, rows, 0, new SplittableRandom(SEED));
            Path changes = writeCsv(
                    home.resolve("changes.csv"),
                    (int) Math.round(rows * updated),
                    rows,
                    1,
                    new SplittableRandom(SEED + 1));
            long t0 = System.nanoTime();
            upsert(ingestor, all);
            long t1 = System.nanoTime();
            upsert(ingestor, changes);
            long t2 = System.nanoTime();
            Snapshot merge = catalog.snapshots(DATASET).getFirst();
            long markers = catalog.liveFiles(DATASET).stream()
                    .filter(DataFile::isDeleteMarkers)
                    .mapToLong(DataFile::rowCount)
                    .sum();
            System.out.printf(
                    Locale.ROOT,
                    "MergeOnReadBenchmark %s: %,d rows upserted in %.1f s, then %,d changed rows in %.1f s"
                            + " (%,d inserted, %,d updated, %,d marker rows); %d runs after %d warm-up%n",
                    Instant.now(),
                    rows,
                    (t1 - t0) / 1e9,
                    merge.addedRows(),
                    (t2 - t1) / 1e9,
                    merge.insertedRows(),
                    merge.updatedRows(),
                    markers,
                    runs,
                    WARM_UP_RUNS);

            List<QueryResult> before = new ArrayList<>();
            double[] mor = new double[QUERIES.size()];
            for (int q = 0; q < QUERIES.size(); q++) {
                before.add(sql.query(QUERIES.get(q).sql()));
                mor[q] = medianMillis(sql, QUERIES.get(q).sql(), runs);
            }
            // The same snapshot with lakehub.query.merged-rows-limit covering it: merged once at refresh.
            double[] refreshed = new double[QUERIES.size()];
            try (DuckDbSqlEngine merged = new DuckDbSqlEngine(
                    catalog, new QuerySettings(10_000, 0, null).withMergedRowsLimit(Long.MAX_VALUE))) {
                long r0 = System.nanoTime();
                merged.query("SELECT 1 FROM orders LIMIT 1");
                System.out.printf(
                        Locale.ROOT,
                        "merge at view refresh (once per snapshot): %.1f ms%n",
                        (System.nanoTime() - r0) / 1e6);
                for (int q = 0; q < QUERIES.size(); q++) {
                    if (!same(
                            merged.query(QUERIES.get(q).sql()).rows(),
                            before.get(q).rows())) {
                        throw new IllegalStateException(
                                "Query '" + QUERIES.get(q).name() + "' answered differently when merged at refresh");
                    }
                    refreshed[q] = medianMillis(merged, QUERIES.get(q).sql(), runs);
                }
            }
            long c0 = System.nanoTime();
            new Compactor(catalog, ParquetWriteOptions.defaults(), CompactionThresholds.defaults()).compact(DATASET);
            long c1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "compaction: %.1f s%n", (c1 - c0) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %16s %16s %8s %18s %8s%n",
                    "query",
                    "merge-on-read ms",
                    "compacted ms",
                    "ratio",
                    "merged-at-refresh",
                    "ratio");
            boolean ok = true;
            boolean okMerged = true;
            for (int q = 0; q < QUERIES.size(); q++) {
                QueryResult after = sql.query(QUERIES.get(q).sql());
                if (!same(after.rows(), before.get(q).rows())) {
                    throw new IllegalStateException(
                            "Query '" + QUERIES.get(q).name() + "' answered differently after compaction");
                }
                double compacted = medianMillis(sql, QUERIES.get(q).sql(), runs);
                double ratio = mor[q] / compacted;
                ok &= ratio <= REQUIRED_RATIO;
                okMerged &= refreshed[q] / compacted <= REQUIRED_RATIO;
                System.out.printf(
                        Locale.ROOT,
                        "%-20s %16.1f %16.1f %7.2fx %18.1f %7.2fx%n",
                        QUERIES.get(q).name(),
                        mor[q],
                        compacted,
                        ratio,
                        refreshed[q],
                        refreshed[q] / compacted);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: merged once per snapshot at view refresh (the hub's default up to"
                            + " lakehub.query.merged-rows-limit rows) within %.1fx of the compacted dataset for every"
                            + " query; merge on every read (join view, larger datasets) %s it%n%n",
                    okMerged ? "MEETS" : "MISSES",
                    REQUIRED_RATIO,
                    ok ? "meets" : "misses");
        } finally {
            deleteRecursively(home);
        }
    }

    private static void upsert(Ingestor ingestor, Path csv) {
        ingestor.ingest(IngestRequest.builder(DATASET)
                .file(csv)
                .options(ReadOptions.detect().withFormat(Format.CSV))
                .sourceSystem("benchmark")
                .actor("benchmark")
                .mode(IngestMode.UPSERT)
                .key(List.of("id"))
                .build());
    }

    /**
     * {@code count} rows: ids 0..count-1 for the first load, else {@code count} random distinct-ish
     * ids below {@code keys} (an id drawn twice is a duplicate within the commit, as real changes are).
     */
    private static Path writeCsv(Path file, int count, int keys, int version, SplittableRandom random)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,grp,amount,name,version\n");
            for (int i = 0; i < count; i++) {
                long id = version == 0 ? i : random.nextInt(keys);
                w.write(Long.toString(id));
                w.write(',');
                w.write(Long.toString(id % 100));
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000));
                w.write(",customer-");
                w.write(Long.toString(id));
                w.write(',');
                w.write(Integer.toString(version));
                w.write('\n');
            }
        }
        return file;
    }

    /**
     * Equal results, doubles within a relative 1e-9: a double sum depends on the order the rows are
     * added in, which compaction changes.
     */
    private static boolean same(List<List<Object>> a, List<List<Object>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int r = 0; r < a.size(); r++) {
            List<Object> x = a.get(r);
            List<Object> y = b.get(r);
            if (x.size() != y.size()) {
                return false;
            }
            for (int c = 0; c < x.size(); c++) {
                if (x.get(c) instanceof Double dx && y.get(c) instanceof Double dy) {
                    if (Math.abs(dx - dy) > 1e-9 * Math.max(1, Math.abs(dx))) {
                        return false;
                    }
                } else if (!java.util.Objects.equals(x.get(c), y.get(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double medianMillis(DuckDbSqlEngine sql, String query, int runs) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            sql.query(query);
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sql.query(query);
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
