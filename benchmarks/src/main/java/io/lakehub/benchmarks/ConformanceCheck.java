package io.lakehub.benchmarks;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.FormatDetection;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Conformance with DuckDB over real-world files: for every data file of the corpora, DuckDB's row count
 * ({@code SELECT count(*) FROM read_csv/read_json/read_parquet(...)}, auto-detection, in-process) next to
 * what the hub's own ingest path makes of it (the {@link Ingestor} that {@code POST /api/ingest} runs,
 * default settings, a fresh embedded catalog, each file into its own dataset).
 *
 * <pre>
 * bench/run ConformanceCheck [--corpus DIR ...] [--out FILE.tsv] [--markdown FILE.md]
 *     [--timeout SECONDS] [--work DIR] [--only SUBSTRING] [--no-duckdb]
 * </pre>
 *
 * Default corpora: {@code /work/corpora/data/csv}, {@code /work/corpora/data/json} (clones of DuckDB's
 * {@code data/csv} and {@code data/json}) and {@code /work/corpora/parquet-testing} (apache/parquet-testing);
 * see docs/conformance.md for how to get them. Files are taken by extension ({@code .csv .tsv .json .ndjson
 * .jsonl .parquet}); compressed files ({@code .gz}, {@code .zst}) are listed with DuckDB's count but not
 * ingested (the hub does not decompress); other files (README, .md, .txt, .bin, ...) are not data and are
 * skipped. Files under a fuzzing folder ({@code afl}, {@code fuzzing}) or parquet-testing's {@code
 * bad_data} only count for "no 500, no hang, no crash", not for the read rate.
 *
 * <p>Each ingest ends in one of: read (with a row count), refused (an {@link IngestRefusedException} or
 * another documented 400: the message a user would see), or a failure the HTTP API would answer with
 * 500/503 (any other exception), a timeout (a hang) or a crash ({@link Error}). The per-file table is
 * written as TSV ({@code --out}, default {@code bench/results/conformance.tsv}); the summary goes to
 * stdout; {@code --markdown} writes the list of differences for docs/conformance.md.
 */
public final class ConformanceCheck {
    static final List<String> DATA_EXTENSIONS = List.of("csv", "tsv", "json", "ndjson", "jsonl", "parquet");
    static final List<String> COMPRESSED_EXTENSIONS = List.of("gz", "zst");
    static final Set<String> FUZZ_FOLDERS = Set.of("afl", "fuzzing", "bad_data");

    /** What one file came to, in both engines. */
    enum Verdict {
        /** Both read it, with the same row count. */
        SAME,
        /** Both read it, with different row counts. */
        DIFFERENT_COUNT,
        /** DuckDB reads it, the hub refuses it (a clear 400). */
        REFUSED,
        /** DuckDB fails on it, the hub reads it. */
        ONLY_LAKEHUB_READS,
        /** Both refuse it. */
        BOTH_REFUSE,
        /** The hub failed in a way the API answers with 500/503, hung or crashed. */
        HUB_FAILURE,
        /** Compressed: the hub does not decompress; not ingested. */
        SKIPPED_COMPRESSED
    }

    /** How the hub's ingest ended. */
    enum HubStatus {
        READ,
        REFUSED,
        ERROR_500,
        TIMEOUT,
        CRASH,
        SKIPPED
    }

    record DuckResult(Long rows, String error) {
        boolean reads() {
            return rows != null;
        }
    }

    record HubResult(HubStatus status, long rows, String message) {}

    record Row(Path path, String file, boolean fuzz, String format, DuckResult duck, HubResult hub, Verdict verdict) {
        /** The hub's message without the file's path it starts with. */
        String reason() {
            String m = hub.message();
            String prefix = path.toAbsolutePath() + ": ";
            return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
        }
    }

    record Options(
            List<Path> corpora, Path out, Path markdown, Duration timeout, Path work, String only, boolean duckdb) {}

    public static void main(String[] args) throws Exception {
        // Every refusal is logged by the ingest path; here they are the table's content, not news.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        Options options = parse(args);
        System.out.printf(
                Locale.ROOT,
                "%n== ConformanceCheck %s  corpora=%s  timeout=%ds per file per engine  java=%s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                options.corpora(),
                options.timeout().toSeconds(),
                System.getProperty("java.version"));
        List<Candidate> files = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (Path corpus : options.corpora()) {
            if (!Files.isDirectory(corpus)) {
                throw new IllegalArgumentException("corpus folder " + corpus
                        + " does not exist; see docs/conformance.md for how to get the corpora");
            }
            collect(corpus, files, skipped, options.only());
        }
        List<Row> rows = run(files, options);
        writeTsv(rows, options.out());
        Summary summary = new Summary(rows, skipped, describeRun(options));
        summary.print(System.out);
        System.out.println("per-file table: " + options.out().toAbsolutePath());
        if (options.markdown() != null) {
            try (PrintStream md =
                    new PrintStream(Files.newOutputStream(options.markdown()), true, StandardCharsets.UTF_8)) {
                summary.markdown(md);
            }
            System.out.println(
                    "markdown figures and differences: " + options.markdown().toAbsolutePath());
        }
    }

    /** When, on which commit, against which DuckDB: the line that dates the figures. */
    static String describeRun(Options options) {
        String duckdb;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version()")) {
            rs.next();
            duckdb = rs.getString(1);
        } catch (SQLException e) {
            duckdb = "unknown (" + e.getMessage() + ")";
        }
        String commit;
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor() != 0) {
                commit = "unknown";
            }
        } catch (IOException e) {
            commit = "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            commit = "unknown";
        }
        return String.format(
                Locale.ROOT,
                "Run %s on commit %s, DuckDB %s (JDBC, in-process), timeout %d s per file per engine",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                commit,
                duckdb,
                options.timeout().toSeconds());
    }

    private static Options parse(String[] args) {
        List<Path> corpora = new ArrayList<>();
        Path out = Path.of("bench/results/conformance.tsv");
        Path markdown = null;
        Duration timeout = Duration.ofSeconds(30);
        Path work = Path.of("bench-work/conformance");
        String only = null;
        boolean duckdb = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpora.add(Path.of(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--work" -> work = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--no-duckdb" -> duckdb = false;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; use --corpus DIR (repeatable), --out FILE.tsv, --markdown FILE.md,"
                            + " --timeout SECONDS, --work DIR, --only SUBSTRING, --no-duckdb");
            }
        }
        if (corpora.isEmpty()) {
            corpora = List.of(
                    Path.of("/work/corpora/data/csv"),
                    Path.of("/work/corpora/data/json"),
                    Path.of("/work/corpora/parquet-testing"));
        }
        return new Options(corpora, out, markdown, timeout, work, only, duckdb);
    }

    /** A file to check: its path, how it is shown (as in the corpus' repository), and whether it is fuzz. */
    record Candidate(Path path, String display, boolean fuzz, boolean compressed) {}

    static void collect(Path corpus, List<Candidate> into, Map<String, Integer> skipped, String only)
            throws IOException {
        Path base = corpus.toAbsolutePath().normalize();
        // data/csv is shown as data/csv/..., parquet-testing as parquet-testing/...
        Path shownFrom = base.getParent() != null
                        && base.getParent().getFileName() != null
                        && base.getParent().getFileName().toString().equals("data")
                        && base.getParent().getParent() != null
                ? base.getParent().getParent()
                : base.getParent() == null ? base : base.getParent();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(base)) {
            // Symbolic links are not followed (a corpus may hold looping ones on purpose) and not checked.
            all = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        for (Path p : all) {
            String display = shownFrom.relativize(p).toString();
            if (only != null && !display.contains(only)) {
                continue;
            }
            String ext = extension(p);
            boolean fuzz = false;
            for (Path segment : base.relativize(p)) {
                fuzz |= FUZZ_FOLDERS.contains(segment.toString());
            }
            if (DATA_EXTENSIONS.contains(ext)) {
                into.add(new Candidate(p, display, fuzz, false));
            } else if (COMPRESSED_EXTENSIONS.contains(ext) && DATA_EXTENSIONS.contains(extension(stripExtension(p)))) {
                into.add(new Candidate(p, display, fuzz, true));
            } else {
                skipped.merge(ext.isEmpty() ? "(no extension)" : "." + ext, 1, Integer::sum);
            }
        }
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    private static Path stripExtension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return Path.of(dot < 0 ? n : n.substring(0, dot));
    }

    private static List<Row> run(List<Candidate> files, Options options) throws Exception {
        Files.createDirectories(options.work());
        Path home = options.work().resolve("home");
        deleteTree(home);
        Path copies = options.work().resolve("duckdb-copies");
        deleteTree(copies);
        Files.createDirectories(copies);
        List<Row> rows = new ArrayList<>();
        long started = System.nanoTime();
        try (DuckRunner duck = options.duckdb() ? new DuckRunner(options.timeout(), copies) : null;
                HubRunner hub = new HubRunner(home, options.timeout())) {
            int i = 0;
            for (Candidate c : files) {
                i++;
                Format format = c.compressed() ? null : detect(c.path());
                DuckResult d = duck == null ? new DuckResult(null, "not run (--no-duckdb)") : duck.count(c, format);
                HubResult h = c.compressed()
                        ? new HubResult(HubStatus.SKIPPED, 0, "compressed: the hub does not decompress")
                        : hub.ingest(c.path(), i);
                Row row = new Row(
                        c.path(),
                        c.display(),
                        c.fuzz(),
                        format == null ? "-" : format.displayName(),
                        d,
                        h,
                        verdict(d, h));
                rows.add(row);
                if (i % 100 == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %d/%d files, %.0f s%n",
                            i,
                            files.size(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            deleteTree(home);
            deleteTree(copies);
        }
        return rows;
    }

    private static Format detect(Path file) {
        try {
            return FormatDetection.detect(file);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Verdict verdict(DuckResult d, HubResult h) {
        return switch (h.status()) {
            case SKIPPED -> Verdict.SKIPPED_COMPRESSED;
            case ERROR_500, TIMEOUT, CRASH -> Verdict.HUB_FAILURE;
            case READ ->
                !d.reads() ? Verdict.ONLY_LAKEHUB_READS : d.rows() == h.rows() ? Verdict.SAME : Verdict.DIFFERENT_COUNT;
            case REFUSED -> d.reads() ? Verdict.REFUSED : Verdict.BOTH_REFUSE;
        };
    }

    /** DuckDB in-process, one connection, each query cancelled after the timeout. */
    static final class DuckRunner implements AutoCloseable {
        private final Duration timeout;
        private final Path copies;
        private ExecutorService executor = daemonExecutor("duckdb");
        private Connection connection;

        DuckRunner(Duration timeout, Path copies) throws SQLException {
            this.timeout = timeout;
            this.copies = copies;
            this.connection = open();
        }

        private static Connection open() throws SQLException {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET memory_limit='4GB'");
            }
            return c;
        }

        DuckResult count(Candidate c, Format format) {
            String function = switch (format == null ? guess(c.path()) : format) {
                case PARQUET -> "read_parquet";
                case JSON, NDJSON -> "read_json";
                default -> "read_csv";
            };
            Path target;
            try {
                target = globSafe(c.path());
            } catch (IOException e) {
                return new DuckResult(null, "could not copy the file for DuckDB: " + e);
            }
            String sql = "SELECT count(*) FROM " + function + "('"
                    + target.toString().replace("'", "''") + "')";
            AtomicReference<Statement> running = new AtomicReference<>();
            Connection conn = connection;
            Future<Long> f = executor.submit(() -> {
                try (Statement s = conn.createStatement()) {
                    running.set(s);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            try {
                return new DuckResult(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
            } catch (TimeoutException e) {
                Statement s = running.get();
                try {
                    if (s != null) {
                        s.cancel();
                    }
                    f.get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // Cancelled (or still stuck): start over with a fresh connection and thread either way.
                }
                reset();
                return new DuckResult(null, "DuckDB timed out after " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                return new DuckResult(null, duckError(e.getCause().getMessage(), target));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                if (!target.equals(c.path())) {
                    try {
                        Files.deleteIfExists(target);
                    } catch (IOException ignored) {
                        // a leftover copy in the work folder, removed at the end
                    }
                }
            }
        }

        /** DuckDB's message without its JDBC wrapping and the file's path. */
        static String duckError(String message, Path file) {
            String m = oneLine(String.valueOf(message));
            m = m.replace("Attempting to execute an unsuccessful or closed pending query result Error: ", "");
            m = m.replace("Invalid Input Error: Invalid Input Error: ", "Invalid Input Error: ");
            for (String tail : List.of(
                    " LINE 1:",
                    " Possible fixes:",
                    " Possible Solution:",
                    " The search space used was:",
                    "  file = ")) {
                int at = m.indexOf(tail);
                if (at > 0) {
                    m = m.substring(0, at);
                }
            }
            return m.replace(file.toString(), "<file>").strip();
        }

        private static Format guess(Path compressed) {
            String inner = extension(stripExtension(compressed));
            return switch (inner) {
                case "parquet" -> Format.PARQUET;
                case "json", "ndjson", "jsonl" -> Format.JSON;
                default -> Format.CSV;
            };
        }

        /** DuckDB treats * ? [ in a path as a glob: such files are read from a copy with a plain name. */
        private Path globSafe(Path file) throws IOException {
            String name = file.getFileName().toString();
            if (!file.toString().matches(".*[*?\\[\\]{}].*")) {
                return file.toAbsolutePath();
            }
            Path copy = copies.resolve(name.replaceAll("[*?\\[\\]{}]", "_")).toAbsolutePath();
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }

        private void reset() {
            executor.shutdownNow();
            executor = daemonExecutor("duckdb");
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the stuck connection is abandoned
            }
            try {
                connection = open();
            } catch (SQLException e) {
                throw new IllegalStateException("could not reopen DuckDB", e);
            }
        }

        @Override
        public void close() throws SQLException {
            executor.shutdownNow();
            connection.close();
        }
    }

    /**
     * The hub's ingest path as {@code POST /api/ingest} runs it: the {@link Ingestor} with the default
     * settings and the upsert-capable planner the hub builds ({@code DefaultHubBackends}), detect-all read
     * options, append, source system and actor {@code http}.
     */
    static final class HubRunner implements AutoCloseable {
        private final Duration timeout;
        private final JdbcCatalog catalog;
        private final Ingestor ingestor;
        private ExecutorService executor = daemonExecutor("ingest");

        HubRunner(Path home, Duration timeout) {
            this.timeout = timeout;
            this.catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
            IngestSettings settings = IngestSettings.defaults();
            this.ingestor = new Ingestor(
                    catalog, settings, dataset -> null, new UpsertCommitPlanner(catalog, settings.parquet()));
        }

        HubResult ingest(Path file, int index) {
            DatasetName dataset = DatasetName.of(String.format(Locale.ROOT, "f%05d", index));
            IngestRequest request = IngestRequest.builder(dataset)
                    .file(file.toAbsolutePath())
                    .options(ReadOptions.detect())
                    .sourceSystem("http")
                    .actor("http")
                    .mode(IngestMode.APPEND)
                    .build();
            Future<IngestResult> f = executor.submit((Callable<IngestResult>) () -> ingestor.ingest(request));
            try {
                IngestResult r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new HubResult(
                        HubStatus.READ, r.rows(), r.outcome().name().toLowerCase(Locale.ROOT));
            } catch (TimeoutException e) {
                f.cancel(true);
                // The stuck thread is abandoned (daemon); the next file gets a fresh one.
                executor.shutdownNow();
                executor = daemonExecutor("ingest");
                return new HubResult(HubStatus.TIMEOUT, 0, "no answer after " + timeout.toSeconds() + " s (a hang)");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IngestRefusedException || cause instanceof InvalidDatasetNameException) {
                    return new HubResult(HubStatus.REFUSED, 0, oneLine(cause.getMessage()));
                }
                if (cause instanceof Error) {
                    return new HubResult(HubStatus.CRASH, 0, describe(cause));
                }
                String status = cause instanceof CatalogUnavailableException ? "503 " : "500 ";
                return new HubResult(HubStatus.ERROR_500, 0, status + describe(cause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static String describe(Throwable t) {
            StackTraceElement[] trace = t.getStackTrace();
            String at = trace.length == 0 ? "" : " at " + trace[0];
            return oneLine(t.getClass().getName() + ": " + t.getMessage() + at);
        }

        @Override
        public void close() {
            executor.shutdownNow();
            ingestor.close();
            catalog.close();
        }
    }

    private static ExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("[\\t\\r\\n]+", " ").strip();
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    /**
     * A refusal's cause without the details that differ per file (paths, numbers, quoted values), so
     * that refusals for the same reason group together.
     */
    static String cause(String message) {
        String s = message == null ? "" : message;
        s = s.replaceAll("/\\S+", "<file>");
        s = s.replaceAll("'[^']*'", "'…'");
        s = s.replaceAll("\"[^\"]*\"", "\"…\"");
        s = s.replaceAll("\\b\\d+\\b", "N");
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /** What a refusal is about, by the item of issue 7 that covers it. */
    enum Cause {
        EMPTY("Empty results refused (item 1: a header-only or empty file is zero rows, not an error)"),
        RAGGED("Rows with another number of fields: title/junk lines before the header, # comment lines, bad rows"
                + " (items 2 and 5)"),
        QUOTING("Quoting that is not RFC 4180: stray quotes in unquoted values, backslash escapes, single quotes"
                + " (item 3)"),
        ENCODING("Not UTF-8 (item 8: detect the charset)"),
        JSON("JSON as it comes (item 6): scalars or arrays as elements, duplicate keys, keys differing in case,"
                + " trailing content"),
        PARQUET("Parquet as other writers produce it (item 7): LZ4 (Hadoop/old), BROTLI, data page v2, unknown"
                + " logical types, damaged files"),
        COLUMN_NAMES("Column names the lake refuses (control characters, names differing only in case)"),
        OTHER("Other");

        final String title;

        Cause(String title) {
            this.title = title;
        }

        static Cause of(Row row) {
            String m = row.reason();
            String format = row.format();
            if (m.matches("(?is).*(header but no rows|file is empty|array is empty|has no rows|only whitespace"
                    + "|no records|nothing to ingest).*")) {
                return EMPTY;
            }
            if (format.equals("parquet")) {
                return PARQUET;
            }
            if (format.equals("json") || format.equals("ndjson")) {
                return JSON;
            }
            if (m.matches("(?is).*(column name|control character|differ only in case).*")) {
                return COLUMN_NAMES;
            }
            if (m.matches("(?is).*(not valid UTF-8|charset|encoding).*")) {
                return ENCODING;
            }
            if (m.matches("(?is).*(closing quote|quoted field that is never closed|quote).*")) {
                return QUOTING;
            }
            if (m.matches("(?is).*fields? but the file has \\d+ columns?.*")) {
                return RAGGED;
            }
            return OTHER;
        }
    }

    /**
     * A guess at why both read a CSV file with different row counts, from the file's lines: comment lines,
     * blank lines, or the header decision (one row apart).
     */
    static String likelyCause(Row row) {
        long duck = row.duck().rows();
        long lake = row.hub().rows();
        boolean comments = false;
        boolean blanks = false;
        try (Stream<String> lines = Files.lines(row.path(), StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines.limit(100_000)::iterator) {
                comments |= line.stripLeading().startsWith("#");
                blanks |= line.isBlank();
            }
        } catch (IOException | UncheckedIOException e) {
            return "?";
        }
        if (lake > duck && comments) {
            return "# comment lines read as rows (item 2)";
        }
        if (duck > lake && blanks) {
            return "blank lines: DuckDB reads each as a row of nulls, Lakehub skips them (item 5)";
        }
        if (Math.abs(duck - lake) == 1) {
            return duck > lake
                    ? "header: Lakehub takes the first line as the header, DuckDB as data (item 4)"
                    : "header: DuckDB takes the first line as the header, Lakehub as data (item 4)";
        }
        return "dialect: quotes or delimiter detected differently (item 3)";
    }

    private static void writeTsv(List<Row> rows, Path out) throws IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        List<String> lines = new ArrayList<>();
        lines.add("file\tfuzz\tformat\tduckdb_rows\tduckdb_error\tlakehub\tlakehub_rows\tverdict\tlakehub_message");
        for (Row r : rows) {
            lines.add(String.join(
                    "\t",
                    r.file(),
                    r.fuzz() ? "fuzz" : "",
                    r.format(),
                    r.duck().reads() ? Long.toString(r.duck().rows()) : "",
                    r.duck().error() == null ? "" : r.duck().error(),
                    r.hub().status().name().toLowerCase(Locale.ROOT),
                    r.hub().status() == HubStatus.READ ? Long.toString(r.hub().rows()) : "",
                    r.verdict().name().toLowerCase(Locale.ROOT),
                    r.hub().message()));
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    /** The figures the issue asks for, and the lists of differences. */
    static final class Summary {
        final List<Row> rows;
        final Map<String, Integer> skipped;
        final String run;
        final List<Row> scored;
        final List<Row> fuzz;

        Summary(List<Row> rows, Map<String, Integer> skipped, String run) {
            this.run = run;
            this.rows = rows;
            this.skipped = skipped;
            this.scored = rows.stream()
                    .filter(r -> !r.fuzz() && r.verdict() != Verdict.SKIPPED_COMPRESSED)
                    .toList();
            this.fuzz = rows.stream().filter(Row::fuzz).toList();
        }

        long count(List<Row> of, Verdict v) {
            return of.stream().filter(r -> r.verdict() == v).count();
        }

        List<Row> duckReads() {
            return scored.stream().filter(r -> r.duck().reads()).toList();
        }

        List<Row> failures() {
            return rows.stream().filter(r -> r.verdict() == Verdict.HUB_FAILURE).toList();
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "%n%s%n", run);
            List<Row> reads = duckReads();
            long same = count(reads, Verdict.SAME);
            out.printf(
                    Locale.ROOT,
                    "%nfiles checked: %d (%d outside fuzzing folders and bad_data, %d inside, %d compressed listed only)%n",
                    rows.size(),
                    scored.size(),
                    fuzz.size(),
                    count(rows, Verdict.SKIPPED_COMPRESSED));
            out.printf(Locale.ROOT, "not data, skipped: %s%n", skipped);
            out.printf(Locale.ROOT, "DuckDB reads (outside fuzz/bad_data): %d%n", reads.size());
            out.printf(
                    Locale.ROOT,
                    "  Lakehub reads with the same row count: %d (%.1f%%)%n",
                    same,
                    reads.isEmpty() ? 0.0 : 100.0 * same / reads.size());
            out.printf(Locale.ROOT, "  Lakehub refuses:                      %d%n", count(reads, Verdict.REFUSED));
            out.printf(
                    Locale.ROOT, "  Lakehub reads, different row count:  %d%n", count(reads, Verdict.DIFFERENT_COUNT));
            out.printf(Locale.ROOT, "  Lakehub 500-class/timeout/crash:     %d%n", count(reads, Verdict.HUB_FAILURE));
            out.printf(
                    Locale.ROOT,
                    "DuckDB fails (outside fuzz/bad_data): %d; Lakehub reads %d of them, refuses %d%n",
                    scored.size() - reads.size(),
                    count(scored, Verdict.ONLY_LAKEHUB_READS),
                    count(scored, Verdict.BOTH_REFUSE));
            List<Row> failures = failures();
            out.printf(
                    Locale.ROOT,
                    "500-class failures, timeouts, crashes (all files, fuzz and bad_data included): %d%n",
                    failures.size());
            for (Row r : failures) {
                out.printf(
                        Locale.ROOT,
                        "  %s  %s  %s%n",
                        r.file(),
                        r.hub().status(),
                        r.hub().message());
            }
            out.println("Refusals of files DuckDB reads, by cause:");
            byCause(rows(reads, Verdict.REFUSED)).forEach((cause, group) -> {
                out.printf(Locale.ROOT, "  %4d  %s%n", group.size(), cause.title);
                causes(group).entrySet().stream()
                        .limit(8)
                        .forEach(e -> out.printf(
                                Locale.ROOT,
                                "        %4d  %s%n              e.g. %s%n",
                                e.getValue().size(),
                                e.getKey(),
                                e.getValue().stream().limit(3).map(Row::file).collect(Collectors.joining(", "))));
            });
            out.println("Different row counts (file: DuckDB vs Lakehub, likely cause):");
            for (Row r : rows(reads, Verdict.DIFFERENT_COUNT)) {
                out.printf(
                        Locale.ROOT,
                        "  %s: %d vs %d  %s%n",
                        r.file(),
                        r.duck().rows(),
                        r.hub().rows(),
                        likelyCause(r));
            }
        }

        /** Rows grouped by {@link Cause}, in the enum's order. */
        static Map<Cause, List<Row>> byCause(List<Row> of) {
            Map<Cause, List<Row>> groups = new java.util.EnumMap<>(Cause.class);
            for (Row r : of) {
                groups.computeIfAbsent(Cause.of(r), c -> new ArrayList<>()).add(r);
            }
            return groups;
        }

        static List<Row> rows(List<Row> of, Verdict v) {
            return of.stream().filter(r -> r.verdict() == v).toList();
        }

        /** Rows grouped by {@link ConformanceCheck#cause}, largest group first. */
        static Map<String, List<Row>> causes(List<Row> of) {
            Map<String, List<Row>> groups = of.stream()
                    .collect(Collectors.groupingBy(r -> cause(r.reason()), LinkedHashMap::new, Collectors.toList()));
            return groups.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<Row>> e) ->
                                    -e.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }

        /** The figures table and the differences, as pasted into docs/conformance.md. */
        void markdown(PrintStream md) {
            md.println("<!-- Generated by bench/run ConformanceCheck --markdown FILE; do not edit by hand. -->");
            md.println();
            md.println(run + ".");
            md.println();
            List<Row> reads = duckReads();
            long same = count(reads, Verdict.SAME);
            md.println("| | files |");
            md.println("|---|---|");
            md.printf(
                    Locale.ROOT,
                    "| data files checked (fuzzing folders and `bad_data` excluded) | %d |%n",
                    scored.size());
            md.printf(Locale.ROOT, "| DuckDB reads | %d |%n", reads.size());
            md.printf(
                    Locale.ROOT,
                    "| **Lakehub reads with the same row count** | **%d (%.1f%%)** |%n",
                    same,
                    reads.isEmpty() ? 0.0 : 100.0 * same / reads.size());
            md.printf(Locale.ROOT, "| Lakehub refuses (DuckDB reads) | %d |%n", count(reads, Verdict.REFUSED));
            md.printf(
                    Locale.ROOT,
                    "| Lakehub reads a different row count | %d |%n",
                    count(reads, Verdict.DIFFERENT_COUNT));
            md.printf(
                    Locale.ROOT,
                    "| DuckDB fails: Lakehub reads / refuses | %d / %d |%n",
                    count(scored, Verdict.ONLY_LAKEHUB_READS),
                    count(scored, Verdict.BOTH_REFUSE));
            md.printf(Locale.ROOT, "| fuzzing folders and `bad_data` files | %d |%n", fuzz.size());
            md.printf(
                    Locale.ROOT,
                    "| 500-class failures, timeouts, crashes (all files) | %d |%n",
                    failures().size());
            md.printf(
                    Locale.ROOT, "| compressed files (not ingested) | %d |%n", count(rows, Verdict.SKIPPED_COMPRESSED));
            md.println();
            md.println("### Refused (DuckDB reads the file), by cause");
            md.println();
            byCause(rows(reads, Verdict.REFUSED)).forEach((cause, group) -> {
                md.printf(Locale.ROOT, "#### %s: %d%n%n", cause.title, group.size());
                for (Map.Entry<String, List<Row>> e : causes(group).entrySet()) {
                    md.printf(
                            Locale.ROOT,
                            "- %d × `%s`: ",
                            e.getValue().size(),
                            e.getKey().replace("`", "'"));
                    md.println(
                            e.getValue().stream().map(r -> "`" + r.file() + "`").collect(Collectors.joining(", ")));
                }
                md.println();
            });
            md.println("### Different row count");
            md.println();
            md.println("| file | DuckDB | Lakehub | likely cause |");
            md.println("|---|---|---|---|");
            for (Row r : rows(reads, Verdict.DIFFERENT_COUNT)) {
                md.printf(
                        Locale.ROOT,
                        "| `%s` | %d | %d | %s |%n",
                        r.file(),
                        r.duck().rows(),
                        r.hub().rows(),
                        likelyCause(r));
            }
            md.println();
            md.println("### DuckDB fails, Lakehub reads");
            md.println();
            md.println("| file | Lakehub rows | DuckDB's error |");
            md.println("|---|---|---|");
            for (Row r : rows(scored, Verdict.ONLY_LAKEHUB_READS)) {
                md.printf(
                        Locale.ROOT,
                        "| `%s` | %d | %s |%n",
                        r.file(),
                        r.hub().rows(),
                        r.duck().error().replace("|", "\\|").replace("`", "'"));
            }
            md.println();
            md.println("### Both refuse (DuckDB fails too), by cause");
            md.println();
            byCause(rows(scored, Verdict.BOTH_REFUSE))
                    .forEach((cause, group) -> md.printf(
                            Locale.ROOT,
                            "- %s: %d (%s)%n",
                            cause.title,
                            group.size(),
                            group.stream().map(r -> "`" + r.file() + "`").collect(Collectors.joining(", "))));
            md.println();
            md.println("### 500-class failures, timeouts, crashes");
            md.println();
            List<Row> failures = failures();
            if (failures.isEmpty()) {
                md.println("None.");
            }
            for (Row r : failures) {
                md.printf(
                        Locale.ROOT,
                        "- `%s`: %s %s%n",
                        r.file(),
                        r.hub().status(),
                        r.hub().message().replace("`", "'"));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not clean the work folder at " + p, e);
                }
            }
        }
    }

    private ConformanceCheck() {}
}
