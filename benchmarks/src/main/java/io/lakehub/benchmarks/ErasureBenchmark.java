package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.erasure.Erasure;
import io.lakehub.catalog.erasure.ErasureVerification;
import io.lakehub.catalog.erasure.ErasureVerifier;
import io.lakehub.catalog.erasure.Erasures;
import io.lakehub.catalog.erasure.ValueHasher;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Erasure (ADR 0031): a 1M-row append dataset (four ingests of 250k rows: id, email, city, amount;
 * 200k customers, so each email is on about five rows spread over the files) built through the real
 * catalog and ingest; then, per run, 100 random customers' emails erased by {@link Erasures}:
 *
 * <ul>
 *   <li><b>invisible</b>: from the request until a query through {@link DuckDbSqlEngine} (warm,
 *       as in a running hub) finds none of the rows: the request's transaction plus the view
 *       rebuild. Required: at most 1 s;
 *   <li><b>erased</b>: the rewrite of every file holding them until the erasure is marked erased;
 *   <li>a verify of one erased value over every file (must say erased).
 * </ul>
 *
 * <p>Arguments (all optional): {@code rows keys runs}, e.g. {@code 1000000 100 3}.
 */
public final class ErasureBenchmark {
    private static final DatasetName DATASET = DatasetName.of("customers");
    private static final long SEED = 20_261_130L;
    private static final double REQUIRED_INVISIBLE_SECONDS = 1.0;

    private ErasureBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int customers = Math.max(keys * runs, rows / 5);

        Path work = Files.createDirectories(Path.of("bench-work"));
        Path home = Files.createTempDirectory(work, "erasure-");
        try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
                Ingestor ingestor = new Ingestor(
                        catalog,
                        IngestSettings.defaults(),
                        dataset -> null,
                        new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()));
                DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null))) {
            SplittableRandom random = new SplittableRandom(SEED);
            int parts = 4;
            long l0 = System.nanoTime();
            for (int p = 0; p < parts; p++) {
                Path csv = writeCsv(
                        home.resolve("part" + p + ".csv"), rows / parts, p * (rows / parts), customers, random);
                ingestor.ingest(IngestRequest.builder(DATASET)
                        .file(csv)
                        .options(ReadOptions.detect().withFormat(Format.CSV))
                        .sourceSystem("benchmark")
                        .actor("benchmark")
                        .build());
                Files.delete(csv);
            }
            long l1 = System.nanoTime();
            long total = count(sql, "SELECT count(*) FROM customers");
            System.out.printf(
                    Locale.ROOT,
                    "ErasureBenchmark %s: %,d rows in %d files (%,d customers) ingested in %.1f s; %d runs of %d keys%n",
                    Instant.now(),
                    total,
                    catalog.liveFiles(DATASET).size(),
                    customers,
                    (l1 - l0) / 1e9,
                    runs,
                    keys);

            Erasures erasures = new Erasures(catalog, new ValueHasher("benchmark-key-0123456789abcdef"), List.of());
            ErasureVerifier verifier = new ErasureVerifier(catalog);
            double[] invisible = new double[runs];
            double[] erased = new double[runs];
            for (int run = 0; run < runs; run++) {
                List<String> values = new ArrayList<>();
                LinkedHashSet<Integer> picked = new LinkedHashSet<>();
                while (picked.size() < keys) {
                    picked.add(run * keys + picked.size());
                }
                picked.forEach(c -> values.add(email(c)));
                StringJoiner in = new StringJoiner(", ", "(", ")");
                values.forEach(v -> in.add("'" + v + "'"));
                String probe = "SELECT count(*) FROM customers WHERE email IN " + in;
                long p0 = System.nanoTime();
                long present = count(sql, probe);
                double probeBefore = (System.nanoTime() - p0) / 1e9;

                long t0 = System.nanoTime();
                Erasure e = erasures.request(DATASET, "email", values, "benchmark", "benchmark");
                long tr = System.nanoTime();
                // The first query after the request rebuilds the view with the erasure's filter.
                count(sql, "SELECT count(*) FROM (SELECT * FROM customers LIMIT 1)");
                long t1 = System.nanoTime();
                long seen = count(sql, probe);
                double probeAfter = (System.nanoTime() - t1) / 1e9;
                Erasure done = erasures.finish(e.id());
                long t2 = System.nanoTime();
                ErasureVerification v = verifier.verify(DATASET, values.get(0), "email");
                long t3 = System.nanoTime();
                if (seen != 0 || !v.erased() || done.rowsRemoved() != present) {
                    throw new IllegalStateException("run " + run + ": " + seen + " rows still visible, verify erased="
                            + v.erased() + ", " + done.rowsRemoved() + " rows removed of " + present);
                }
                invisible[run] = (t1 - t0) / 1e9;
                erased[run] = (t2 - t0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %d rows hidden; invisible after %.3f s (request %.3f s, view refresh %.3f s; the probe query"
                                + " of the 100 keys takes %.3f s before, %.3f s after); bytes gone after %.2f s (%d files rewritten,"
                                + " %d rows removed); verify of one value over %d files: %.2f s, erased=%s%n",
                        run + 1,
                        done.rowsHidden(),
                        invisible[run],
                        (tr - t0) / 1e9,
                        (t1 - tr) / 1e9,
                        probeBefore,
                        probeAfter,
                        erased[run],
                        done.filesRewritten(),
                        done.rowsRemoved(),
                        v.filesScanned(),
                        (t3 - t2) / 1e9,
                        v.erased());
            }
            double medInvisible = median(invisible);
            double medErased = median(erased);
            System.out.printf(
                    Locale.ROOT,
                    "median: invisible %.3f s (required <= %.1f s: %s), bytes gone %.2f s; %,d rows left%n",
                    medInvisible,
                    REQUIRED_INVISIBLE_SECONDS,
                    medInvisible <= REQUIRED_INVISIBLE_SECONDS ? "met" : "MISSED",
                    medErased,
                    count(sql, "SELECT count(*) FROM customers"));
        } finally {
            deleteTree(home);
        }
    }

    static String email(int customer) {
        return "customer" + customer + "@example.com";
    }

    private static Path writeCsv(Path file, int count, int firstId, int customers, SplittableRandom random)
            throws IOException {
        String[] cities = {"Oslo", "Rome", "Lima", "Kyiv", "Pune", "Cork"};
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,email,city,amount\n");
            for (int i = 0; i < count; i++) {
                w.write(Integer.toString(firstId + i));
                w.write(',');
                w.write(email(random.nextInt(customers)));
                w.write(',');
                w.write(cities[random.nextInt(cities.length)]);
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000));
                w.write('\n');
            }
        }
        return file;
    }

    private static long count(DuckDbSqlEngine sql, String query) {
        return ((Number) sql.query(query).rows().get(0).get(0)).longValue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void deleteTree(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
