package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.governance.PiiAction;
import io.lakehub.processors.governance.PiiGovernance;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.pii.ScanOptions;
import io.lakehub.processors.source.cdc.ChangeBatch;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Commits per second into one dataset and into 16 datasets, from 1, 2 and 4 hub processes sharing
 * one PostgreSQL catalog and one lake (issue 13, docs/scale-out.md).
 *
 * <pre>
 * bench/run CommitRateBenchmark [--seconds S] [--rows 100] [--processes 1,2,4] [--datasets 1,16]
 *                               [--threads 1] [--warmup 120] [--warmup-commits 0] [--work DIR]
 * </pre>
 *
 * <p>A fresh schema {@code lakehub_bench_<random>} in database {@code test} on 127.0.0.1:5432 (user
 * postgres, {@code -Dlakehub.bench.postgres.url=...} to change) is the catalog, one folder under
 * {@code --work} the lake; both are dropped at the end. The parent opens the catalog first (Flyway,
 * the lake marker), then for every cell (processes × datasets) spawns that many JVMs with its own
 * class path and JVM options ({@code --worker}). Each worker opens the catalog and the lake exactly
 * as a hub node does ({@code DefaultHubBackends}: {@link JdbcCatalog} on PostgreSQL with the hub's
 * pool of 5, an {@link Ingestor} with the default settings, the upsert planner and the default PII
 * governance, scan on, action flag) and commits small batches in a loop: each commit is one ingest
 * of {@code --rows} rows (one Parquet file written into the lake, then one catalog transaction),
 * as a Kafka, webhook or change-capture batch lands. Iceberg publishing is not on this path: a hub
 * publishes on a background thread after the commit (ADR 0039).
 *
 * <p>Writers ({@code --threads} per process, default 1: one pipeline per hub) are numbered {@code g
 * = 0..G-1} across the cell; writer g's i-th commit goes to dataset {@code (g + i) mod D}, so with
 * 16 datasets concurrent writers mostly hit different datasets and with one they all meet on its
 * row. Each worker warms up for {@code --warmup} seconds (committing, not counted in the rate;
 * default 120: a hub is a long-running server and the figure is its steady state, and four JVMs
 * sharing two cores each commit a quarter as often as one, so their JIT needs about twice as long
 * to compile the commit path as one process's, ADR 0055; with {@code --warmup-commits N} each
 * writer also goes on warming up until it has made N commits, which makes every JVM equally warm
 * however loaded the machine is),
 * reports READY, waits for GO on its standard input (the start barrier: the parent sends GO to all
 * workers back to back), commits for {@code --seconds}, and reports its counts. The cell's rate is
 * the sum of the writers' commits divided by their own elapsed time.
 *
 * <p>Checked after every cell, from the catalog: every commit of every writer (warm-up included)
 * is a snapshot exactly once (each snapshot carries its writer and sequence number; each writer's
 * numbers are exactly 0..n-1), and the datasets' row counts add up to commits × rows. Nothing may
 * be lost or doubled under concurrency; a mismatch fails the benchmark.
 *
 * <p>Required (issue 13): 4 processes into 16 datasets reach at least 2× the commits per second of
 * one process (compared with the larger of the two one-process figures).
 */
public final class CommitRateBenchmark {
    static final String WRITER = "bench.writer";
    static final String SEQ = "bench.seq";
    private static final String USER = "postgres";

    private CommitRateBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--worker")) {
            try {
                Worker.main(Arrays.copyOfRange(args, 1, args.length));
            } catch (Throwable e) {
                e.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }
        double seconds = 20;
        int rows = 100;
        int threads = 1;
        double warmup = 120;
        long warmupCommits = 0;
        int[] processes = {1, 2, 4};
        int[] datasetCounts = {1, 16};
        Path work = Path.of("bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--warmup-commits" -> warmupCommits = Long.parseLong(args[++i]);
                case "--processes" -> processes = ints(args[++i]);
                case "--datasets" -> datasetCounts = ints(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --seconds S, --rows N, --threads T, --warmup S, --warmup-commits N, --processes 1,2,4,"
                            + " --datasets 1,16, --work DIR");
            }
        }
        // A name, not data: it must differ between concurrent runs, so it is not seeded.
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String schema = "lakehub_bench_" + id;
        String url = BenchOrders.URL + (BenchOrders.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path dir = work.toAbsolutePath().resolve("commit-rate-" + id);
        Path lake = dir.resolve("lake");
        Files.createDirectories(dir);
        admin("CREATE SCHEMA " + schema);
        System.out.printf(
                Locale.ROOT,
                "%n== CommitRateBenchmark %s  %s s per cell (+%s s warm-up, at least %d commits per writer)  %d rows per commit  %d writer thread(s)"
                        + " per process  PostgreSQL catalog (schema %s), one shared lake  cores=%d  java=%s"
                        + "  load average %s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                fmt(seconds),
                fmt(warmup),
                warmupCommits,
                rows,
                threads,
                schema,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAverages());
        Map<String, Cell> cells = new LinkedHashMap<>();
        try (JdbcCatalog catalog = JdbcCatalog.open(new CatalogSettings(url, USER, "", lake, 2))) {
            for (int d : datasetCounts) {
                for (int p : processes) {
                    Cell cell = runCell(catalog, url, lake, p, d, threads, rows, seconds, warmup, warmupCommits);
                    cells.put(p + "x" + d, cell);
                    System.out.printf(
                            Locale.ROOT,
                            "%d process(es) x %2d dataset(s): %8.1f commits/s  (%,d commits in %.1f s, hub CPU %.2f ms"
                                    + " per commit, database CPU %.2f ms per commit, catalog transaction %.2f ms per"
                                    + " commit, %,d warm-up, %d failed; catalog check: %s)  load %s%n",
                            p,
                            d,
                            cell.rate,
                            cell.timed,
                            cell.elapsed,
                            cell.timed == 0 ? Double.NaN : cell.cpu * 1000 / cell.timed,
                            cell.timed == 0 ? Double.NaN : cell.databaseCpu * 1000 / cell.timed,
                            cell.timed == 0 ? Double.NaN : cell.catalog * 1000 / cell.timed,
                            cell.total - cell.timed,
                            cell.failed,
                            cell.check,
                            loadAverages());
                }
            }
        } finally {
            admin("DROP SCHEMA " + schema + " CASCADE");
            BenchOrders.deleteTree(dir);
        }
        System.out.println();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s", "processes"));
        for (int d : datasetCounts) {
            head.append(String.format(Locale.ROOT, " %16s", d + (d == 1 ? " dataset" : " datasets")));
        }
        System.out.println(head + "   (commits/s, " + rows + " rows each)");
        for (int p : processes) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12d", p));
            for (int d : datasetCounts) {
                line.append(String.format(Locale.ROOT, " %16.1f", cells.get(p + "x" + d).rate));
            }
            System.out.println(line);
        }
        Cell fourBySixteen = cells.get("4x16");
        Cell oneBySixteen = cells.get("1x16");
        Cell oneByOne = cells.get("1x1");
        if (fourBySixteen != null && oneBySixteen != null && oneByOne != null) {
            double baseline = Math.max(oneBySixteen.rate, oneByOne.rate);
            double ratio = fourBySixteen.rate / baseline;
            System.out.printf(
                    Locale.ROOT,
                    "4 processes x 16 datasets / 1 process: %.2fx (vs 1 process x 16 datasets %.2fx, vs 1 process x 1"
                            + " dataset %.2fx)   required >= 2x: %s   load average now %s%n",
                    ratio,
                    fourBySixteen.rate / oneBySixteen.rate,
                    fourBySixteen.rate / oneByOne.rate,
                    ratio >= 2 ? "met" : "NOT met",
                    loadAverages());
        } else {
            System.out.println(
                    "(the 4 x 16 / 1 process ratio needs --processes with 1 and 4 and --datasets with 1 and 16)");
        }
    }

    /**
     * {@code cpu}: the hub processes' CPU seconds while timed (the database's are not included);
     * {@code databaseCpu}: the local PostgreSQL server's processes' CPU seconds from GO to the last
     * DONE (every backend's, so another client's work on a shared machine counts too; NaN when the
     * server is not local); {@code catalog}: the seconds their commits spent in the catalog
     * transaction, lock waits included.
     */
    private record Cell(
            double rate,
            long timed,
            long total,
            long failed,
            double elapsed,
            double cpu,
            double databaseCpu,
            double catalog,
            String check) {}

    private static Cell runCell(
            JdbcCatalog catalog,
            String url,
            Path lake,
            int processes,
            int datasets,
            int threads,
            int rows,
            double seconds,
            double warmup,
            long warmupCommits)
            throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < datasets; i++) {
            names.add(String.format(Locale.ROOT, "rate_p%d_d%d_%02d", processes, datasets, i));
        }
        List<Process> workers = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
                command.addAll(List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        CommitRateBenchmark.class.getName(),
                        "--worker",
                        url,
                        lake.toString(),
                        String.join(",", names),
                        "p" + processes + "d" + datasets + "-" + p,
                        String.valueOf(p * threads),
                        String.valueOf(threads),
                        String.valueOf(rows),
                        String.valueOf(seconds),
                        String.valueOf(warmup),
                        String.valueOf(warmupCommits)));
                Process process = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                workers.add(process);
                outputs.add(
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            }
            // The start barrier: every worker has opened the catalog and warmed up before any is timed.
            for (int p = 0; p < processes; p++) {
                expect(outputs.get(p), workers.get(p), "READY");
            }
            Map<Long, Long> databaseTicks = databaseTicks();
            for (Process process : workers) {
                OutputStream in = process.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
            Map<String, Long> totals = new HashMap<>();
            long timed = 0;
            long failed = 0;
            double rate = 0;
            double elapsed = 0;
            double cpu = 0;
            double catalogSeconds = 0;
            int writers = 0;
            for (int p = 0; p < processes; p++) {
                for (int t = 0; t < threads; t++) {
                    // DONE <writer> <total commits> <timed commits> <elapsed nanos> <failed> <process CPU s>
                    String[] f = expect(outputs.get(p), workers.get(p), "DONE").split(" ");
                    if (t == 0) {
                        cpu += Double.parseDouble(f[6]);
                        catalogSeconds += Long.parseLong(f[7]) / 1e9;
                    }
                    long writerTimed = Long.parseLong(f[3]);
                    double writerSeconds = Long.parseLong(f[4]) / 1e9;
                    totals.put(f[1], Long.parseLong(f[2]));
                    timed += writerTimed;
                    failed += Long.parseLong(f[5]);
                    rate += writerTimed / writerSeconds;
                    elapsed += writerSeconds;
                    writers++;
                }
            }
            double databaseCpu = databaseCpuSince(databaseTicks);
            for (Process process : workers) {
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("a worker exited with status " + process.exitValue());
                }
            }
            long total = totals.values().stream().mapToLong(Long::longValue).sum();
            String check = check(catalog, names, totals, rows);
            return new Cell(rate, timed, total, failed, elapsed / writers, cpu, databaseCpu, catalogSeconds, check);
        } finally {
            for (Process process : workers) {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * CPU clock ticks (1/100 s) of every process named {@code postgres} on this machine (the server
     * and its backends), by pid; empty when there is none or /proc cannot be read.
     */
    private static Map<Long, Long> databaseTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (java.nio.file.DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    if (!Files.readString(proc.resolve("comm")).strip().equals("postgres")) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(
                            Long.parseLong(proc.getFileName().toString()),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * The database processes' CPU seconds since {@code before}: each surviving process's growth plus
     * the whole of each new one (a backend that ended meanwhile is not counted); NaN without any.
     */
    private static double databaseCpuSince(Map<Long, Long> before) {
        Map<Long, Long> after = databaseTicks();
        if (before.isEmpty() || after.isEmpty()) {
            return Double.NaN;
        }
        long ticks = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return ticks / 100.0;
    }

    /** Reads the worker's lines until one starts with {@code word}; fails when the worker ends first. */
    private static String expect(BufferedReader out, Process process, String word) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(word)) {
                return line;
            }
            System.out.println("  worker: " + line);
        }
        throw new IllegalStateException(
                "a worker (pid " + process.pid() + ") ended before reporting " + word + "; its errors are above");
    }

    /**
     * Every writer's commits are snapshots exactly once (sequence numbers 0..n-1, no gap, no
     * duplicate) and the row counts add up; throws otherwise.
     */
    private static String check(JdbcCatalog catalog, List<String> names, Map<String, Long> totals, int rows) {
        Map<String, BitSet> seen = new HashMap<>();
        long snapshots = 0;
        long rowsInCatalog = 0;
        for (String name : names) {
            DatasetName dataset = DatasetName.of(name);
            for (Snapshot s : catalog.snapshots(dataset)) {
                String writer = s.properties().get(WRITER);
                String seq = s.properties().get(SEQ);
                if (writer == null || seq == null) {
                    continue; // not a benchmark commit (none are expected)
                }
                BitSet bits = seen.computeIfAbsent(writer, w -> new BitSet());
                int n = Integer.parseInt(seq);
                if (bits.get(n)) {
                    throw new IllegalStateException(
                            "commit " + n + " of writer " + writer + " is in the catalog twice");
                }
                bits.set(n);
                snapshots++;
                if (s.addedRows() != rows) {
                    throw new IllegalStateException("snapshot " + s.id() + " of dataset " + name + " added "
                            + s.addedRows() + " rows, expected " + rows);
                }
            }
            rowsInCatalog += catalog.dataset(dataset).map(DatasetInfo::rowCount).orElse(0L);
        }
        long expected = 0;
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            BitSet bits = seen.getOrDefault(e.getKey(), new BitSet());
            long n = e.getValue();
            if (bits.cardinality() != n || (n > 0 && bits.length() != n)) {
                throw new IllegalStateException("writer " + e.getKey() + " reported " + n
                        + " commits but the catalog holds " + bits.cardinality() + " of them (highest "
                        + (bits.length() - 1) + ")");
            }
            expected += n;
        }
        if (snapshots != expected || rowsInCatalog != expected * rows) {
            throw new IllegalStateException("the catalog holds " + snapshots + " snapshots and " + rowsInCatalog
                    + " rows; the writers reported " + expected + " commits (" + expected * rows + " rows)");
        }
        return String.format(Locale.ROOT, "%,d commits, %,d rows, each once", expected, rowsInCatalog);
    }

    /**
     * One hub process: opens the catalog and the lake as a hub does and commits in a loop (see the
     * class comment). Arguments: url lake datasets(comma-separated) name firstWriter threads rows
     * seconds warmup warmupCommits.
     */
    static final class Worker {
        private static final LakeSchema SCHEMA = new LakeSchema(List.of(
                new LakeField("id", LakeType.BIGINT, true),
                new LakeField("writer", LakeType.STRING, true),
                new LakeField("seq", LakeType.BIGINT, true),
                new LakeField("amount", LakeType.DOUBLE, true),
                new LakeField("note", LakeType.STRING, true)));

        private Worker() {}

        static void main(String[] args) throws Exception {
            String url = args[0];
            Path lake = Path.of(args[1]);
            List<DatasetName> datasets =
                    Arrays.stream(args[2].split(",")).map(DatasetName::of).toList();
            String name = args[3];
            int firstWriter = Integer.parseInt(args[4]);
            int threads = Integer.parseInt(args[5]);
            int rows = Integer.parseInt(args[6]);
            long runNanos = (long) (Double.parseDouble(args[7]) * 1e9);
            long warmupNanos = (long) (Double.parseDouble(args[8]) * 1e9);
            long warmupCommits = Long.parseLong(args[9]);
            // As DefaultHubBackends opens them: the hub's pool size (lakehub.catalog.max-pool-size 5),
            // default ingest settings, the upsert planner, PII governance as configured by default.
            try (JdbcCatalog catalog = JdbcCatalog.open(new CatalogSettings(url, USER, "", lake, 5));
                    Ingestor ingestor = new Ingestor(
                                    catalog,
                                    IngestSettings.defaults(),
                                    d -> null,
                                    d -> null,
                                    new UpsertCommitPlanner(
                                            catalog, IngestSettings.defaults().parquet(), d -> List.of()))
                            .governedBy(PiiGovernance.of(
                                    true, "", PiiAction.FLAG, ScanOptions.DEFAULTS.withSampleSize(1000)))) {
                // The catalog transaction's share of each commit (lock waits included), while timed.
                java.util.concurrent.atomic.LongAdder catalogNanos = new java.util.concurrent.atomic.LongAdder();
                java.util.concurrent.atomic.AtomicBoolean timing = new java.util.concurrent.atomic.AtomicBoolean();
                catalog.changes().observe(new io.lakehub.catalog.commit.CommitObserver() {
                    @Override
                    public void committed(io.lakehub.catalog.commit.CommitStatistics statistics) {
                        if (timing.get()) {
                            catalogNanos.add(statistics.duration().toNanos());
                        }
                    }

                    @Override
                    public void failed(
                            String dataset, String operation, java.time.Duration duration, RuntimeException failure) {}
                });
                Writer[] all = new Writer[threads];
                for (int t = 0; t < threads; t++) {
                    all[t] = new Writer(ingestor, datasets, name + "-t" + t, firstWriter + t, rows);
                }
                // Warm-up: the same commits, counted in the catalog check but not in the rate.
                runAll(all, warmupNanos, warmupCommits, false);
                System.out.println("READY");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
                String go = in.readLine();
                if (!"GO".equals(go)) {
                    throw new IllegalStateException("expected GO on standard input, got " + go);
                }
                double cpu = BenchOrders.processCpuSeconds();
                timing.set(true);
                runAll(all, runNanos, 0, true);
                timing.set(false);
                cpu = BenchOrders.processCpuSeconds() - cpu;
                for (Writer w : all) {
                    System.out.printf(
                            Locale.ROOT,
                            "DONE %s %d %d %d %d %.2f %d%n",
                            w.name,
                            w.seq,
                            w.timed,
                            w.elapsedNanos,
                            w.failed,
                            cpu,
                            catalogNanos.sum());
                }
                System.out.flush();
            }
        }

        private static void runAll(Writer[] all, long nanos, long minCommits, boolean timed)
                throws InterruptedException {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] threads = new Thread[all.length];
            for (int t = 0; t < all.length; t++) {
                Writer w = all[t];
                threads[t] = new Thread(
                        () -> {
                            try {
                                w.run(nanos, minCommits, timed);
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            }
                        },
                        "writer-" + t);
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a writer failed", failure.get());
            }
        }
    }

    /** One writer thread: its commits go round-robin over the datasets, starting at its number. */
    private static final class Writer {
        private final Ingestor ingestor;
        private final List<DatasetName> datasets;
        private final String name;
        private final int number;
        private final int rows;
        private final Random random;
        long seq;
        long timed;
        long elapsedNanos;
        long failed;

        Writer(Ingestor ingestor, List<DatasetName> datasets, String name, int number, int rows) {
            this.ingestor = ingestor;
            this.datasets = datasets;
            this.name = name;
            this.number = number;
            this.rows = rows;
            this.random = new Random(1000L + number);
        }

        /** Commits until {@code nanos} have passed and it has made at least {@code minCommits} in all. */
        void run(long nanos, long minCommits, boolean measured) {
            long start = System.nanoTime();
            long end = start + nanos;
            while (System.nanoTime() < end || seq < minCommits) {
                DatasetName dataset = datasets.get((int) ((number + seq) % datasets.size()));
                List<Object[]> batch = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    batch.add(new Object[] {
                        seq * rows + r, name, seq, random.nextDouble() * 1000, "order note " + random.nextInt(100_000)
                    });
                }
                try {
                    IngestResult result = ingestor.ingest(IngestRequest.builder(dataset)
                            .source(new ChangeBatch(Worker.SCHEMA, batch, Map.of(), rows))
                            .sourceSystem("bench")
                            .sourceUri("bench:" + name)
                            .actor("bench")
                            .snapshotProperty(WRITER, name)
                            .snapshotProperty(SEQ, String.valueOf(seq))
                            .build());
                    if (result.rows() != rows) {
                        throw new IllegalStateException("commit " + seq + " of " + name + " landed " + result.rows()
                                + " rows, expected " + rows);
                    }
                    seq++;
                    if (measured) {
                        timed++;
                    }
                } catch (RuntimeException e) {
                    // Counted and shown; the catalog check then finds whether it landed after all.
                    failed++;
                    System.err.println("writer " + name + ", commit " + seq + " into " + dataset + " failed: " + e);
                }
            }
            if (measured) {
                elapsedNanos = System.nanoTime() - start;
            }
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(BenchOrders.URL, USER, null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The 1, 5 and 15-minute load averages (the machine is shared), for the record. */
    static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
