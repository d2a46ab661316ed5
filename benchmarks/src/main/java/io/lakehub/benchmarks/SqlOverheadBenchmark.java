package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * SQL through {@link DuckDbSqlEngine} (guard, view refresh check, audit sync, views with casts,
 * result conversion) versus the same SQL over {@code read_parquet([...same files...])} on a plain
 * DuckDB connection, in the same process and run.
 *
 * <p>Generates a deterministic dataset (default 5,000,000 rows in 8 Parquet files) with DuckDB,
 * commits it to the real embedded catalog, warms both paths up, then alternates them and
 * reports the median of each. Target: the engine within 1.2x of direct DuckDB.
 *
 * <p>Arguments (all optional): {@code rows files runs}, e.g. {@code 5000000 8 9}.
 */
public final class SqlOverheadBenchmark {

    private static final String DATASET = "events";
    private static final int WARM_UP_RUNS = 3;
    private static final double TARGET_RATIO = 1.2;
    /** Mixed into the generated values so the data is fixed for a given seed. */
    private static final long SEED = 20_240_131L;

    private static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("customer", LakeType.INT),
            LakeField.nullable("category", LakeType.STRING),
            LakeField.nullable("amount", LakeType.DOUBLE),
            LakeField.nullable("ts", LakeType.TIMESTAMP));

    /** Name and SQL with {@code {t}} where the dataset (or the read_parquet call) goes. */
    private record Query(String name, String sql) {
        String on(String table) {
            return sql.replace("{t}", table);
        }
    }

    private static final List<Query> QUERIES = List.of(
            new Query("full-scan aggregate", "SELECT count(*), sum(amount), avg(customer), min(ts), max(ts) FROM {t}"),
            new Query(
                    "filter + group by",
                    "SELECT category, count(*) AS n, sum(amount) AS total FROM {t}"
                            + " WHERE customer < 2000 AND amount > 100 GROUP BY category ORDER BY category"),
            new Query("top-N", "SELECT id, customer, amount, ts FROM {t} ORDER BY amount DESC, id LIMIT 100"),
            new Query("distinct count", "SELECT count(DISTINCT customer) FROM {t}"));

    private SqlOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;

        Path work = Files.createDirectories(Path.of("bench-work"));
        Path home = Files.createTempDirectory(work, "sql-overhead-");
        // The real embedded catalog, so the engine's per-query snapshot check is measured too.
        JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        Path lake = catalog.lakeRoot();
        try (catalog) {
            List<String> relativePaths = generate(lake, rows, files);
            commit(catalog, lake, relativePaths, rows, files);
            String fileList = fileList(lake, relativePaths);
            System.out.printf(
                    Locale.ROOT,
                    "SqlOverheadBenchmark: %,d rows in %d Parquet files (%,d bytes), %d runs after %d warm-up,"
                            + " %d cores, DuckDB default threads%n",
                    rows,
                    files,
                    size(lake),
                    runs,
                    WARM_UP_RUNS,
                    Runtime.getRuntime().availableProcessors());
            try (DuckDbSqlEngine engine = new DuckDbSqlEngine(catalog, QuerySettings.defaults());
                    Connection direct = DriverManager.getConnection("jdbc:duckdb:")) {
                boolean allWithin = true;
                System.out.printf(Locale.ROOT, "%-22s %12s %12s %8s%n", "query", "engine ms", "direct ms", "ratio");
                for (Query q : QUERIES) {
                    String viaEngine = q.on(DATASET);
                    String viaDirect = q.on("read_parquet(" + fileList + ")");
                    for (int i = 0; i < WARM_UP_RUNS; i++) {
                        engine.query(viaEngine);
                        runDirect(direct, viaDirect);
                    }
                    long[] engineNanos = new long[runs];
                    long[] directNanos = new long[runs];
                    // Alternating the two paths spreads background load on the machine over both.
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        QueryResult r = engine.query(viaEngine);
                        engineNanos[i] = System.nanoTime() - t0;
                        t0 = System.nanoTime();
                        long directRows = runDirect(direct, viaDirect);
                        directNanos[i] = System.nanoTime() - t0;
                        if (r.rowCount() != directRows) {
                            throw new IllegalStateException(q.name() + ": engine returned " + r.rowCount()
                                    + " rows, direct DuckDB " + directRows);
                        }
                    }
                    double engineMs = median(engineNanos) / 1e6;
                    double directMs = median(directNanos) / 1e6;
                    double ratio = engineMs / directMs;
                    allWithin &= ratio <= TARGET_RATIO;
                    System.out.printf(Locale.ROOT, "%-22s %12.1f %12.1f %7.2fx%n", q.name(), engineMs, directMs, ratio);
                }
                System.out.printf(
                        Locale.ROOT,
                        "target engine <= %.1fx direct: %s%n",
                        TARGET_RATIO,
                        allWithin ? "met" : "NOT met");
            }
        } finally {
            deleteRecursively(home);
        }
    }

    private static void commit(JdbcCatalog catalog, Path lake, List<String> relativePaths, long rows, int files)
            throws IOException {
        long perFile = (rows + files - 1) / files;
        List<NewDataFile> added = new ArrayList<>();
        for (int f = 0; f < relativePaths.size(); f++) {
            long fileRows = Math.min(rows, (f + 1) * perFile) - f * perFile;
            String rel = relativePaths.get(f);
            added.add(new NewDataFile(rel, fileRows, Files.size(lake.resolve(rel)), List.of()));
        }
        catalog.commit(CommitRequest.append(
                DatasetName.of(DATASET),
                SCHEMA,
                List.of(),
                added,
                new Lineage("bench", "bench://generated", null, "sha256:bench-" + rows + "-" + files),
                "bench"));
    }

    /** Writes the dataset as {@code files} Parquet files with DuckDB; values derive from the row number. */
    private static List<String> generate(Path lake, long rows, int files) throws SQLException, IOException {
        Path dir = Files.createDirectories(lake.resolve(DATASET));
        List<String> relative = new ArrayList<>();
        long perFile = (rows + files - 1) / files;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            for (int f = 0; f < files; f++) {
                long from = f * perFile;
                long to = Math.min(rows, from + perFile);
                String name = String.format(Locale.ROOT, "%05d.parquet", f);
                st.execute("COPY (SELECT i AS id,"
                        + " (hash(i + " + SEED + ") % 10000)::INTEGER AS customer,"
                        + " 'category-' || (hash(i * 7 + " + SEED + ") % 40) AS category,"
                        + " ((hash(i * 13 + " + SEED + ") % 1000000) / 100.0)::DOUBLE AS amount,"
                        + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds(i * 6) AS ts"
                        + " FROM range(" + from + ", " + to + ") r(i))"
                        + " TO '" + dir.resolve(name) + "' (FORMAT parquet, COMPRESSION zstd)");
                relative.add(DATASET + "/" + name);
            }
        }
        return relative;
    }

    private static long runDirect(Connection c, String sql) throws SQLException {
        long n = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                n++;
            }
        }
        return n;
    }

    private static String fileList(Path lake, List<String> relativePaths) {
        StringJoiner list = new StringJoiner(", ", "[", "]");
        relativePaths.forEach(p -> list.add("'" + lake.resolve(p).toAbsolutePath() + "'"));
        return list.toString();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
