package io.lakehub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Start-up and whole-process times of {@code ./lakehub}, each printed beside its target and the
 * baseline issue 12 names (and, with {@code --baseline}, beside another launcher measured in the
 * same run, alternating). Every number is a separate process started the way a user starts it.
 *
 * <pre>
 * bench/run StartupBenchmark [--runs N] [--launcher PATH] [--baseline PATH] [--only a,b]
 *     [--rows N] [--big-runs N] [--port P]
 *   sql-no-hub    ./lakehub sql on a home no hub holds (opens catalog and DuckDB itself)
 *   ingest-1row   ./lakehub ingest of a one-row CSV into a new dataset
 *   run-healthy   ./lakehub run until GET /actuator/health answers UP
 *   run-cpu       the hub process's CPU time (user + sys) until that first UP
 *   sql-hub       ./lakehub sql through that running hub
 *   inbox-busy    the 1M-row CSV dropped into the hub's inbox: health latency while it is ingested,
 *                 and drop to queryable
 *   ingest-1m     ./lakehub ingest of the 1M-row CSV vs a separate DuckDB COPY process, alternating
 * </pre>
 *
 * The DuckDB process is {@link DuckDbCsvToParquet} (duckdb_jdbc in a small Java main: the duckdb CLI
 * is not installed here), so its time includes a JVM start and DuckDB's own native library copy.
 * Medians; the load average is printed before and after, since these machines are shared.
 */
public final class StartupBenchmark {
    private static final long SEED = 42;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path launcher;
    private final Path baseline;
    private final int runs;
    private final Path work;
    private final int port;
    private final Map<String, List<String>> report = new LinkedHashMap<>();

    private StartupBenchmark(Path launcher, Path baseline, int runs, Path work, int port) {
        this.launcher = launcher;
        this.baseline = baseline;
        this.runs = runs;
        this.work = work;
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of("lakehub").toAbsolutePath();
        Path baseline = null;
        int runs = 5;
        int bigRuns = 3;
        long rows = 1_000_000;
        int port = 18_765;
        Set<String> only = Set.of("sql-no-hub", "ingest-1row", "run-healthy", "sql-hub", "inbox-busy", "ingest-1m");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = Path.of(args[++i]).toAbsolutePath();
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--big-runs" -> bigRuns = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + "; use --runs N, --launcher PATH,"
                                    + " --baseline PATH, --only a,b, --rows N, --big-runs N, --port P");
            }
        }
        Path work = Path.of("bench-work").toAbsolutePath();
        Path scratch = work.resolve("startup");
        deleteTree(scratch);
        Files.createDirectories(scratch);
        StartupBenchmark bench = new StartupBenchmark(launcher, baseline, runs, scratch, port);
        System.out.printf(
                Locale.ROOT,
                "StartupBenchmark %s  launcher %s%s  runs %d  load average before: %s%n",
                Instant.now(),
                launcher,
                baseline == null ? "" : "  baseline " + baseline,
                runs,
                loadAverage());
        Path big = CsvBenchmarkData.ensure(work.resolve("ingest-" + rows + "-seed" + SEED + ".csv"), rows, SEED);
        bench.run(only, big, rows, bigRuns);
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        deleteTree(scratch);
    }

    private void run(Set<String> only, Path big, long rows, int bigRuns) throws Exception {
        Path oneRow = work.resolve("one.csv");
        Files.writeString(oneRow, "id,name\n1,first\n", StandardCharsets.UTF_8);
        // Warm the launchers (a build, the class cache) and make the homes: not measured.
        Path home = work.resolve("home");
        Path baseHome = work.resolve("home-baseline");
        must(launcher, "--home", home.toString(), "ingest", oneRow.toString(), "--dataset", "one");
        if (baseline != null) {
            must(baseline, "--home", baseHome.toString(), "ingest", oneRow.toString(), "--dataset", "one");
        }
        if (only.contains("sql-no-hub")) {
            timed("sql-no-hub", "<= 1.5 s", "3.7 s", home, baseHome, i -> List.of("sql", "SELECT count(*) FROM one"));
        }
        if (only.contains("ingest-1row")) {
            timed(
                    "ingest-1row",
                    "<= 2 s",
                    "~4 s",
                    home,
                    baseHome,
                    i -> List.of("ingest", oneRow.toString(), "--dataset", "one_" + i));
        }
        if (only.contains("run-healthy") || only.contains("sql-hub") || only.contains("inbox-busy")) {
            hub(only, home, baseHome, big, rows);
        }
        if (only.contains("ingest-1m")) {
            bigIngest(big, rows, bigRuns);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %-10s %-10s %s%n", "measure", "target", "issue", "result");
        report.forEach((name, lines) -> lines.forEach(l -> System.out.println(l)));
    }

    /** {@code runs} separate processes; alternating with the baseline launcher when there is one. */
    private void timed(
            String name,
            String target,
            String issue,
            Path home,
            Path baseHome,
            java.util.function.IntFunction<List<String>> args)
            throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(seconds(launcher, home, args.apply(i)));
            if (baseline != null) {
                theirs.add(seconds(baseline, baseHome, args.apply(i)));
            }
        }
        line(name, target, issue, ours, theirs);
    }

    private void hub(Set<String> only, Path home, Path baseHome, Path big, long rows) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> sqlOurs = new ArrayList<>();
        List<Double> sqlTheirs = new ArrayList<>();
        List<Double> cpuOurs = new ArrayList<>();
        List<Double> cpuTheirs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ours.add(startHub(launcher, home, i == 0 && only.contains("sql-hub") ? sqlOurs : null, cpuOurs));
            if (baseline != null) {
                theirs.add(
                        startHub(baseline, baseHome, i == 0 && only.contains("sql-hub") ? sqlTheirs : null, cpuTheirs));
            }
        }
        if (only.contains("run-healthy")) {
            line("run-healthy", "<= 4 s", "8-10 s", ours, theirs);
            // The hub process's CPU time (user + sys, all threads) until its first UP: less noisy than wall time
            // on a shared machine.
            line("run-cpu", "-", "-", cpuOurs, cpuTheirs);
        }
        if (only.contains("sql-hub")) {
            line("sql-hub", "<= 0.7 s", "3 s", sqlOurs, sqlTheirs);
        }
        if (only.contains("inbox-busy")) {
            inboxBusy(home, big, rows);
        }
    }

    /**
     * Starts a hub, waits for UP; with {@code sql} set, times {@code runs} sql commands through it. Adds the hub
     * process's CPU time until UP to {@code cpu} (the launcher execs the JVM, so the process is the JVM).
     */
    private double startHub(Path which, Path home, List<Double> sql, List<Double> cpu) throws Exception {
        Process hub = start(which, home, List.of("run", "--port", Integer.toString(port)), work.resolve("hub.log"));
        try {
            long t = System.nanoTime();
            waitHealthy(hub);
            double s = (System.nanoTime() - t) / 1e9;
            hub.info().totalCpuDuration().ifPresent(d -> cpu.add(d.toNanos() / 1e9));
            if (sql != null) {
                for (int i = 0; i < runs; i++) {
                    sql.add(seconds(which, home, List.of("sql", "SELECT count(*) FROM one")));
                }
            }
            return s;
        } finally {
            stop(hub);
        }
    }

    /** The hub's path: the big file dropped into the inbox until its dataset answers; health meanwhile. */
    private void inboxBusy(Path home, Path big, long rows) throws Exception {
        Process hub = start(launcher, home, List.of("run", "--port", Integer.toString(port)), work.resolve("hub.log"));
        try {
            waitHealthy(hub);
            Path staged = work.resolve("big.csv");
            Files.copy(big, staged, StandardCopyOption.REPLACE_EXISTING);
            Path inbox = home.resolve("inbox").resolve("big_inbox");
            Files.createDirectories(inbox);
            long t = System.nanoTime();
            Files.move(staged, inbox.resolve("big.csv"), StandardCopyOption.ATOMIC_MOVE);
            List<Double> health = new ArrayList<>();
            int notUp = 0;
            double queryable = -1;
            long deadline = t + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                long h = System.nanoTime();
                boolean up;
                try {
                    up = isUp(get("/actuator/health"));
                } catch (IOException e) {
                    up = false;
                }
                health.add((System.nanoTime() - h) / 1e9);
                if (!up) {
                    notUp++;
                }
                try {
                    HttpResponse<String> r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(base() + "/api/datasets/big_inbox"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        queryable = (System.nanoTime() - t) / 1e9;
                        break;
                    }
                } catch (IOException e) {
                    // not yet
                }
                Thread.sleep(100); // a benchmark polling a separate process, not a test
            }
            health.sort(Comparator.naturalOrder());
            report.put(
                    "inbox-busy",
                    List.of(
                            String.format(
                                    Locale.ROOT,
                                    "%-12s %-10s %-10s health: %d probes, %d not UP, latency median %.3f s, max %.3f s",
                                    "inbox-busy",
                                    "always UP",
                                    "-",
                                    health.size(),
                                    notUp,
                                    median(health),
                                    health.isEmpty() ? Double.NaN : health.get(health.size() - 1)),
                            String.format(
                                    Locale.ROOT,
                                    "%-12s %-10s %-10s %d rows dropped in the inbox -> dataset committed: %.2f s"
                                            + " (includes the inbox's 1 s read-lock age and 1 s poll)",
                                    "inbox-path",
                                    "-",
                                    "-",
                                    rows,
                                    queryable)));
        } finally {
            stop(hub);
        }
    }

    private void bigIngest(Path big, long rows, int bigRuns) throws Exception {
        String classpath = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path home = work.resolve("home-1m");
        List<Double> ours = new ArrayList<>();
        List<Double> duck = new ArrayList<>();
        List<Double> duckCopy = new ArrayList<>();
        double mb = Files.size(big) / 1e6;
        for (int i = 0; i < bigRuns; i++) {
            ours.add(seconds(launcher, home, List.of("ingest", big.toString(), "--dataset", "big_" + i)));
            Path out = work.resolve("duckdb-out.parquet");
            Files.deleteIfExists(out);
            long t = System.nanoTime();
            Process p = new ProcessBuilder(
                            java.toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            classpath,
                            DuckDbCsvToParquet.class.getName(),
                            big.toString(),
                            out.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String copySeconds = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the DuckDB process failed");
            }
            duck.add((System.nanoTime() - t) / 1e9);
            duckCopy.add(Double.parseDouble(copySeconds));
            Files.deleteIfExists(out);
        }
        double l = median(ours);
        double d = median(duck);
        report.put(
                "ingest-1m",
                List.of(
                        String.format(
                                Locale.ROOT,
                                "%-12s %-10s %-10s lakehub %.2f s (%.0f rows/s, %.0f MB/s) %s",
                                "ingest-1m",
                                "-",
                                "~7.8 s",
                                l,
                                rows / l,
                                mb / l,
                                all(ours)),
                        String.format(
                                Locale.ROOT,
                                "%-12s %-10s %-10s duckdb process %.2f s (COPY alone %.2f s) %s",
                                "duckdb-1m",
                                "-",
                                "~3.1 s",
                                d,
                                median(duckCopy),
                                all(duck)),
                        String.format(
                                Locale.ROOT,
                                "%-12s %-10s %-10s lakehub/duckdb throughput %.2fx",
                                "ratio-1m",
                                ">= 0.7x",
                                "0.39x",
                                d / l)));
    }

    private void line(String name, String target, String issue, List<Double> ours, List<Double> theirs) {
        String result = String.format(Locale.ROOT, "median %.2f s %s", median(ours), all(ours));
        if (!theirs.isEmpty()) {
            result += String.format(Locale.ROOT, "   baseline median %.2f s %s", median(theirs), all(theirs));
        }
        report.put(name, List.of(String.format(Locale.ROOT, "%-12s %-10s %-10s %s", name, target, issue, result)));
        System.out.println(report.get(name).get(0));
    }

    private double seconds(Path which, Path home, List<String> args) throws Exception {
        long t = System.nanoTime();
        Process p = start(which, home, args, null);
        int code = p.waitFor();
        double s = (System.nanoTime() - t) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(which + " " + args + " exited with " + code);
        }
        return s;
    }

    private void must(Path which, String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(which.toString()))
                .command(concat(which.toString(), Arrays.asList(args)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(which + " " + Arrays.toString(args) + " failed");
        }
    }

    private Process start(Path which, Path home, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(which.toString());
        command.add("--home");
        command.add(home.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        if (log != null) {
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        return pb.start();
    }

    private void waitHealthy(Process hub) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!hub.isAlive()) {
                throw new IllegalStateException(
                        "the hub exited with " + hub.exitValue() + "; see " + work.resolve("hub.log"));
            }
            try {
                if (isUp(get("/actuator/health"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20); // polling a separate process, not a test
        }
        throw new IllegalStateException("the hub was not healthy within 2 minutes");
    }

    /**
     * Whether a health answer says UP as a whole: its first, top-level {@code status}. A hub that is still starting
     * answers DOWN with some components (catalog, disk space) UP, so "UP" anywhere in the answer is not enough.
     */
    static boolean isUp(String health) {
        return TOP_LEVEL_UP.matcher(health).lookingAt();
    }

    private static final java.util.regex.Pattern TOP_LEVEL_UP =
            java.util.regex.Pattern.compile("\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");

    private String get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(base() + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static void stop(Process hub) throws InterruptedException {
        hub.destroy();
        if (!hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            hub.destroyForcibly().waitFor();
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String all(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%.2f", v))
                .collect(Collectors.joining(" ", "[", "]"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
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
