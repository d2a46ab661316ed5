package io.lakehub.app.cli;

import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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
    /** Rows of the larger CSV the CLI training ingests. */
    static final int LARGER_ROWS = 60_000;

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
                Files.writeString(larger, sampleCsv(LARGER_ROWS), StandardCharsets.UTF_8);
                command(h, "ingest", larger.toString(), "--dataset", "training_larger");
            } else {
                hub(h, home, csv);
            }
        } finally {
            deleteTree(home);
        }
        System.exit(0);
    }

    /** The hub: web stack, Camel, the scheduler; then commands through it, as RemoteHubApi. */
    private static void hub(String h, Path home, Path csv) throws Exception {
        CommandLine hub = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE);
        int started = hub.execute(h, "run", "--port", "0");
        if (started != 0) {
            throw new IllegalStateException("the training hub did not start (exit code " + started + ")");
        }
        RunCommand run = hub.getSubcommands().get("run").getCommand();
        try {
            HubFile announced = HubFile.read(home)
                    .orElseThrow(() -> new IllegalStateException("the training hub did not write hub.json"));
            HttpClient http = HttpClient.newHttpClient();
            http.send(
                    HttpRequest.newBuilder(URI.create(announced.baseUrl() + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            command(h, "sql", "SELECT count(*) FROM training");
            command(h, "datasets");
            command(h, "ingest", csv.toString(), "--dataset", "training_remote");
        } finally {
            run.context().close();
        }
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
