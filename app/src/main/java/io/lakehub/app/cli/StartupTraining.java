package io.lakehub.app.cli;

import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run the launcher makes its class cache from (ADR 0018): what the common commands do,
 * on a throw-away home under the given folder, so that the classes they load are in the cache. An
 * ingest of a small CSV and SQL over it on a free home, then a hub started on a free port, SQL
 * through it and its health endpoint, then the hub stopped. Never started on a user's home: the
 * launcher runs it in an empty folder with a clean environment.
 *
 * <pre>
 * java -XX:AOTCacheOutput=lakehub.aot -cp lakehub.jar io.lakehub.app.cli.StartupTraining WORK_DIR
 * </pre>
 */
public final class StartupTraining {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The second argument that limits the training to the commands on a free home. */
    static final String CLI_ONLY = "cli";
    /**
     * Rows of the larger CSV the CLI training ingests (ADR 0051): more than one full row group
     * (131,072 rows), so that both writer threads seal a row group, one of them a full one of many
     * pages, and those paths are in the profiles too.
     */
    static final int LARGER_ROWS = 200_000;

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !CLI_ONLY.equals(args[1]))) {
            System.err.println("usage: StartupTraining WORK_DIR [cli] (an empty folder; a home is made inside it;"
                    + " cli: the commands on a free home only, no hub)");
            System.exit(2);
        }
        boolean cliOnly = args.length == 2;
        // As LakehubMain sets it for every command but run: the CLI's logging set-up is in the cache too.
        System.setProperty("lakehub.cli", "true");
        System.setProperty(io.lakehub.catalog.store.JdbcCatalog.QUICK_OPEN_PROPERTY, "true");
        Path work = Path.of(args[0]).toAbsolutePath();
        Path home = work.resolve("home");
        Path csv = work.resolve("training.csv");
        Files.writeString(csv, sampleCsv(200), StandardCharsets.UTF_8);
        String h = "--home=" + home;
        try {
            // On a free home: this process takes the lock and opens the back ends itself.
            command(h, "ingest", csv.toString(), "--dataset", "training");
            command(h, "sql", "SELECT country, count(*) AS n, sum(amount) FROM training GROUP BY country");
            command(h, "sql", "--format", "json", "SELECT * FROM training LIMIT 5");
            command(h, "sql", "--format", "csv", "SELECT * FROM training LIMIT 5");
            command(h, "datasets");
            command(h, "dataset", "training");
            if (cliOnly) {
                // The CLI's cache (ADR 0043): every class in it is loaded at each command's start, so the
                // hub's ~16,000 stay out of it. The larger ingest gives the JIT the parse and encode
                // loops' profiles (JEP 515).
                Path larger = work.resolve("training-larger.csv");
                writeExportCsv(larger, LARGER_ROWS);
                command(h, "ingest", larger.toString(), "--dataset", "training_larger");
            } else {
                hub(h, home, csv);
            }
        } finally {
            deleteTree(home);
        }
        System.exit(0);
    }

    /**
     * The hub: web stack, Camel, the scheduler; then commands through it, as RemoteHubApi. Started with a
     * pipeline configuration file of the quickstart's shape (config/lakehub.yaml: a scheduled file pipeline), so
     * that reading and checking such a file, its route and its schedule are in the cache as well.
     */
    private static void hub(String h, Path home, Path csv) throws Exception {
        Path samples = Files.createDirectories(home.resolveSibling("samples"));
        Path config = Files.writeString(
                home.resolveSibling("lakehub.yaml"),
                """
                lakehub:
                  pipelines:
                    - id: training
                      from: "file:%s?noop=true"
                      format: csv
                      into: training_samples
                      schedule: "0 0 3 1 1 ?"
                      onError: { retries: 2, backoff: 2s }
                """.formatted(samples.toString().replace('\\', '/')),
                StandardCharsets.UTF_8);
        CommandLine hub = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE);
        int started = hub.execute(h, "--config=" + config, "run", "--port", "0");
        if (started != 0) {
            throw new IllegalStateException("the training hub did not start (exit code " + started + ")");
        }
        RunCommand run = hub.getSubcommands().get("run").getCommand();
        try {
            HubFile announced = HubFile.read(home)
                    .orElseThrow(() -> new IllegalStateException("the training hub did not write hub.json"));
            // The health check as the CLI makes its requests (HubRequests: HttpURLConnection, plain HTTP). The JDK's
            // HttpClient would put its TLS set-up (~400 classes) into the hub's cache, which every hub start then
            // loads although nothing in the hub uses them (ADR 0065).
            HttpURLConnection health =
                    HubRequests.open(announced.baseUrl() + "/actuator/health", "GET", "application/json");
            // UP or not (a full disk turns lakeDiskSpace DOWN), the answer is read as before and the training goes on.
            try (InputStream body =
                    health.getResponseCode() < 400 ? health.getInputStream() : health.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            command(h, "sql", "SELECT count(*) FROM training");
            command(h, "datasets");
            command(h, "ingest", csv.toString(), "--dataset", "training_remote");
        } finally {
            run.context().close();
        }
        // Once more with a setting the build's prepared context was not made for (ADR 0066): such a start evaluates
        // the hub's conditions itself (a hub with Kafka component settings, a profile, the inbox switched off), and its
        // configuration-class parsing belongs in the cache as well. The setting changes nothing else.
        CommandLine evaluating = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE);
        int again = evaluating.execute(
                h, "--config=" + config, "run", "--port", "0", "--", "--spring.main.lazy-initialization=false");
        if (again != 0) {
            throw new IllegalStateException("the training hub did not start again (exit code " + again + ")");
        }
        ((RunCommand) evaluating.getSubcommands().get("run").getCommand())
                .context()
                .close();
    }

    private static void command(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE);
        cli.setOut(new PrintWriter(out));
        int code = cli.execute(args);
        if (code != 0) {
            throw new IllegalStateException("training command " + String.join(" ", args) + " exited with " + code);
        }
    }

    /** A few rows of the column types a typical export has. */
    private static String sampleCsv(int rows) {
        StringBuilder csv = new StringBuilder("id,account,amount,active,signup_date,event_time,country,notes\n");
        String[] countries = {"DE", "FR", "US", "JP"};
        for (int i = 1; i <= rows; i++) {
            csv.append(i)
                    .append(',')
                    .append(1_000_000_000_000L + i * 7919L)
                    .append(',')
                    .append(i % 17 == 0 ? "" : (i * 13 % 10_000) + "." + (i % 100))
                    .append(',')
                    .append(i % 2 == 0)
                    .append(",2020-01-")
                    .append(String.format("%02d", 1 + i % 28))
                    .append(",2021-03-04T05:06:")
                    .append(String.format("%02d", i % 60))
                    .append("Z,")
                    .append(countries[i % countries.length])
                    .append(',')
                    .append(i % 10 == 0 ? "\"a note, with \"\"quotes\"\"\"" : "plain note " + i)
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * An export-like CSV for the parse and encode loops' profiles (ADR 0051): the value shapes of
     * typical CRM or shop exports, so that the JIT's profiles from the training cover the branches a
     * real file takes (otherwise the first real file deoptimises and recompiles the hot loops): ints
     * and bigints, doubles with and without exponent, booleans, dates, timestamps with {@code Z}, a
     * fraction or an offset, short repeated and non-ASCII strings, empty cells (nulls) in several
     * columns, and long free text, some of it quoted with commas, doubled quotes and line breaks.
     * Seeded: the same bytes at each training.
     */
    static void writeExportCsv(Path target, int rows) throws IOException {
        String[] countries = {"DE", "FR", "US", "GB", "NL", "SE", "PL", "ES", "IT", "JP"};
        String[] cities = {"Berlin", "Paris", "Boston", "Malmö", "Kraków", "Zürich", "Wien", "Köln", "Lyon", "Tōkyō"};
        String[] words = {
            "order", "delivered", "customer", "asked", "invoice", "refund", "pending", "shipment", "delayed",
            "warehouse", "priority", "express", "return", "label", "called", "payment", "credit", "address"
        };
        Random r = new Random(51);
        long day2015 = LocalDate.of(2015, 1, 1).toEpochDay();
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("id,account,amount,ratio,active,signup_date,event_time,country,city,quantity,notes\n");
            StringBuilder sb = new StringBuilder(512);
            for (int i = 1; i <= rows; i++) {
                sb.setLength(0);
                sb.append(i)
                        .append(',')
                        .append(1_000_000_000_000L + (r.nextLong() & 0xFF_FFFF_FFFFL))
                        .append(',');
                if (r.nextInt(50) != 0) {
                    sb.append(r.nextInt(100_000)).append('.').append(10 + r.nextInt(90));
                }
                sb.append(',');
                if (r.nextInt(10) == 0) {
                    sb.append(r.nextInt(1, 10))
                            .append('.')
                            .append(r.nextInt(1000, 10_000))
                            .append("e-")
                            .append(r.nextInt(3, 9));
                } else {
                    sb.append(r.nextInt(100)).append('.').append(r.nextInt(100_000, 1_000_000));
                }
                sb.append(',').append(r.nextBoolean()).append(',');
                sb.append(LocalDate.ofEpochDay(day2015 + r.nextInt(3650))).append(',');
                sb.append(LocalDate.ofEpochDay(day2015 + r.nextInt(3650)))
                        .append(String.format(
                                Locale.ROOT, "T%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60)));
                switch (r.nextInt(4)) {
                    case 0 ->
                        sb.append('.').append(r.nextInt(100_000, 1_000_000)).append('Z');
                    case 1 -> sb.append("+02:00");
                    default -> sb.append('Z');
                }
                sb.append(',').append(countries[r.nextInt(countries.length)]);
                sb.append(',').append(cities[r.nextInt(cities.length)]).append(',');
                if (r.nextInt(20) != 0) {
                    sb.append(r.nextInt(1, 500));
                }
                sb.append(',');
                int kind = r.nextInt(100);
                if (kind >= 3) {
                    boolean quoted = kind < 13;
                    if (quoted) {
                        sb.append('"');
                    }
                    int n = 12 + r.nextInt(8);
                    for (int k = 0; k < n; k++) {
                        sb.append(k == 0 ? "" : quoted && k % 5 == 0 ? ", " : " ")
                                .append(words[r.nextInt(words.length)]);
                    }
                    if (quoted) {
                        if (kind < 6) {
                            sb.append("\n(see \"\"ticket\"\" ")
                                    .append(r.nextInt(100_000))
                                    .append(')');
                        }
                        sb.append('"');
                    }
                }
                w.append(sb).append('\n');
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the training home " + root, e);
        }
    }
}
