package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.SqlRequest;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubFile;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link SqlShortcut}: the command lines it takes (read as picocli reads them) and those it leaves to the
 * full command line, the home it resolves, and what it prints for each answer of a hub, sending the query
 * once whatever the answer (an HTTP server stands in for the hub here; {@code SqlShortcutIT} runs the
 * launcher against a real one).
 */
class SqlShortcutTest {

    @TempDir
    Path temp;

    private HttpServer server;
    private HomeLock held;
    private boolean contextSet;
    private final List<String> requests = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (held != null) {
            held.close();
        }
    }

    @Test
    void takesTheSimpleShapesOfTheSqlCommandLineAsPicocliReadsThem() {
        String[][] accepted = {
            {"sql", "SELECT 1"},
            {"--home", "h", "sql", "SELECT 1"},
            {"--home=h", "sql", "SELECT 'a=b', \"x\"", "--format", "csv"},
            {"sql", "--format=JSON", "SELECT 1"},
            {"sql", "--format", "Csv", "SELECT 1"},
            {"--home", "my home", "sql", "SELECT 'é' -- comment", "--format=table"},
            {"sql", ""}
        };
        for (String[] args : accepted) {
            SqlShortcut.Invocation invocation = SqlShortcut.Invocation.parse(args);
            assertThat(invocation).as(String.join(" ", args)).isNotNull();

            CommandLine cli = LakehubCommand.commandLine(new FakeBackends(), Duration.ZERO, args);
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            SqlCommand sql = (SqlCommand) parsed.subcommand().commandSpec().userObject();
            LakehubCommand root = (LakehubCommand) parsed.commandSpec().userObject();
            assertThat(invocation.sql()).as(String.join(" ", args)).isEqualTo(sql.sql);
            assertThat(invocation.format()).isEqualTo(sql.format.name());
            assertThat(invocation.home()).isEqualTo(root.home == null ? null : root.home.toString());
        }
    }

    @Test
    void leavesEveryOtherCommandLineToTheFullCommandLine() {
        String[][] others = {
            {},
            {"sql"},
            {"sql", "-"},
            {"sql", "--help"},
            {"sql", "-h", "SELECT 1"},
            {"sql", "SELECT 1", "-V"},
            {"sql", "SELECT 1", "SELECT 2"},
            {"sql", "SELECT 1", "--format"},
            {"sql", "SELECT 1", "--format", "xml"},
            {"sql", "SELECT 1", "--format", "json", "--format", "csv"},
            {"sql", "SELECT 1", "--home", "h"},
            {"sql", "SELECT 1", "--config=c.yaml"},
            {"--config", "c.yaml", "sql", "SELECT 1"},
            {"--home", "h", "--home", "g", "sql", "SELECT 1"},
            {"--home"},
            {"--home", "", "sql", "SELECT 1"},
            {"--home", "-x", "sql", "SELECT 1"},
            {"--home", "@h", "sql", "SELECT 1"},
            {"sql", "@query.txt"},
            {"sql", "--", "SELECT 1"},
            {"sql", "-1"},
            {"datasets"},
            {"--version"},
            {"SQL", "SELECT 1"}
        };
        for (String[] args : others) {
            assertThat(SqlShortcut.Invocation.parse(args))
                    .as(String.join(" ", args))
                    .isNull();
        }
    }

    @Test
    void resolvesTheHomeAsTheApplicationDoesOrLeavesItToTheFullCommandLine() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("work"));
        Properties none = new Properties();

        assertThat(SqlShortcut.home("h", Map.of("LAKEHUB_HOME", "e"), withHome(), dir))
                .isEqualTo(Path.of("h"));
        assertThat(SqlShortcut.home(null, Map.of("LAKEHUB_HOME", "e"), none, dir))
                .isEqualTo(Path.of("e"));
        assertThat(SqlShortcut.home(null, Map.of(), none, dir)).isEqualTo(Path.of("./data"));
        if (System.getenv("LAKEHUB_HOME") == null && System.getProperty("lakehub.home") == null) {
            assertThat(CliConfiguration.load(dir, null).getHome()).isEqualTo(Path.of("./data"));
        }

        assertThat(SqlShortcut.home(null, Map.of(), withHome(), dir))
                .as("-Dlakehub.home")
                .isNull();
        Properties terminal = new Properties();
        terminal.setProperty("lakehub.terminal", "true"); // the launcher's, when stderr is a terminal
        assertThat(SqlShortcut.home(null, Map.of(), terminal, dir)).isEqualTo(Path.of("./data"));
        Properties config = new Properties();
        config.setProperty("LAKEHUB.CONFIG", "c.yaml");
        assertThat(SqlShortcut.home(null, Map.of(), config, dir)).isNull();
        assertThat(SqlShortcut.home(null, Map.of("lakehub_home", "x"), none, dir))
                .as("another spelling Spring binds")
                .isNull();
        assertThat(SqlShortcut.home(null, Map.of("LAKEHUB_HOME", ""), none, dir))
                .isNull();

        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        assertThat(SqlShortcut.home(null, Map.of(), none, dir))
                .as("a pipeline configuration without a home")
                .isEqualTo(Path.of("./data"));
        Files.writeString(dir.resolve("config/lakehub.yaml"), "lakehub:\n  home: /elsewhere\n");
        assertThat(SqlShortcut.home(null, Map.of(), none, dir))
                .as("the plain form, as the quickstart's file and the launcher read it")
                .isEqualTo(Path.of("/elsewhere"));
        if (System.getenv("LAKEHUB_HOME") == null && System.getProperty("lakehub.home") == null) {
            assertThat(CliConfiguration.load(dir, null, dir.resolve("config/lakehub.yaml"))
                            .getHome())
                    .as("the full command line reads the same home from the file")
                    .isEqualTo(Path.of("/elsewhere"));
        }
        for (String other : List.of(
                "lakehub:\n  home: \"/elsewhere\"\n",
                "lakehub:\n  home: ${HOME_DIR}\n",
                "lakehub.home: /elsewhere\n",
                "lakehub:\n  home: /a\nother:\n  home: /b\n",
                "other:\n  home: /elsewhere\n",
                "---\nlakehub:\n  home: /elsewhere\n")) {
            Files.writeString(dir.resolve("config/lakehub.yaml"), other);
            assertThat(SqlShortcut.home(null, Map.of(), none, dir)).as(other).isNull();
        }
        Files.writeString(dir.resolve("config/lakehub.yaml"), "lakehub:\n  home: /elsewhere  # the lake\n");
        assertThat(SqlShortcut.home(null, Map.of(), none, dir)).isEqualTo(Path.of("/elsewhere"));
        assertThat(SqlShortcut.home(null, Map.of("LAKEHUB_HOME", "e"), none, dir))
                .as("the environment wins over the file")
                .isEqualTo(Path.of("e"));
        Files.writeString(dir.resolve("other.yaml"), "lakehub.home: /elsewhere\n");
        Files.delete(dir.resolve("config/lakehub.yaml"));
        assertThat(SqlShortcut.home(null, Map.of("LAKEHUB_CONFIG", "other.yaml"), none, dir))
                .isNull();

        Files.writeString(dir.resolve("application.properties"), "server.port=1\n");
        assertThat(SqlShortcut.home(null, Map.of(), none, dir))
                .as("an application settings file may set it")
                .isNull();
        assertThat(SqlShortcut.home("h", Map.of(), none, dir)).isEqualTo(Path.of("h"));
    }

    @Test
    void theDefaultPipelineConfigurationIsTheLoadersAndTheRequestIsWhatTheFullCommandLineSends() {
        assertThat(Path.of(SettingsFiles.DEFAULT_PIPELINE_CONFIG)).isEqualTo(PipelineConfigLoader.DEFAULT_LOCATION);
        for (String sql : List.of("SELECT 1", "SELECT 'é\"\\\n\t\u0001 ✓' AS \"x\"", "")) {
            assertThat(new String(SqlShortcut.requestBody(sql), StandardCharsets.UTF_8))
                    .isEqualTo(Json.write(new SqlRequest(sql)));
        }
        assertThat(SqlShortcut.accept("table")).isEqualTo("text/plain, application/json;q=0.5");
        assertThat(SqlShortcut.accept("csv")).isEqualTo("text/csv, application/json;q=0.5");
        assertThat(SqlShortcut.accept("json")).isEqualTo("application/json");
    }

    @Test
    void withoutALiveHubThatHoldsTheHomeTheFullCommandLineRuns() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        String[] args = {"--home", home.toString(), "sql", "SELECT 1"};
        assertThat(run(args).code()).as("no hub.json").isEqualTo(SqlShortcut.FULL_CLI);

        new HubFile(ProcessHandle.current().pid(), "127.0.0.1", 1, "now").write(home);
        assertThat(run(args).code()).as("no lock held by a hub").isEqualTo(SqlShortcut.FULL_CLI);
        try (HomeLock lock = HomeLock.tryAcquire(home, HomeLock.Kind.CLI).orElseThrow()) {
            assertThat(run(args).code()).as("held by a command").isEqualTo(SqlShortcut.FULL_CLI);
        }
        try (HomeLock lock = HomeLock.tryAcquire(home, HomeLock.Kind.HUB).orElseThrow()) {
            assertThat(SqlShortcut.liveHub(home)).isNotNull();
            new HubFile(deadPid(), "127.0.0.1", 1, "now").write(home);
            assertThat(SqlShortcut.liveHub(home))
                    .as("hub.json of another process")
                    .isNull();
            new HubFile(ProcessHandle.current().pid(), "127.0.0.1", closedPort(), "now").write(home);
            assertThat(run(args).code()).as("nobody listens: nothing was sent").isEqualTo(SqlShortcut.FULL_CLI);
        }
    }

    @Test
    void printsTheAnswerAsItCameAndTheRefusalAsTheFullCommandLineDoesSendingTheQueryOnce() throws Exception {
        Path home = hub();
        answer(200, "text/plain;charset=UTF-8", "n\n-\n1\n(1 row)\n");
        Outcome table = run("--home", home.toString(), "sql", "SELECT 1");
        assertThat(table.code()).isZero();
        assertThat(table.out()).isEqualTo("n\n-\n1\n(1 row)\n");
        assertThat(table.err()).isEmpty();
        assertThat(requests).containsExactly("text/plain, application/json;q=0.5 {\"sql\":\"SELECT 1\"}");

        answer(200, "application/json", "{\"columns\":[],\"rows\":[],\"row_count\":0,\"truncated\":false}");
        Outcome json = run("--home", home.toString(), "sql", "SELECT 1", "--format", "json");
        assertThat(json.out())
                .isEqualTo("{\"columns\":[],\"rows\":[],\"row_count\":0,\"truncated\":false}" + System.lineSeparator());

        answer(
                200,
                "application/json",
                "{\"columns\":[{\"name\":\"n\",\"type\":\"BIGINT\"}],\"rows\":[[7]],\"row_count\":1,\"truncated\":false}");
        Outcome old = run("--home", home.toString(), "sql", "SELECT 7 AS n", "--format", "csv");
        assertThat(old.out()).as("a hub without text answers: rendered here").isEqualTo("n\n7\n");

        requests.clear();
        answer(400, "application/json", "{\"error\":\"DROP was refused.\\nNothing was executed.\"}");
        Outcome refused = run("--home", home.toString(), "sql", "DROP TABLE t");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .isEqualTo("lakehub: DROP was refused. Nothing was executed." + System.lineSeparator());
        assertThat(requests).as("sent once").hasSize(1);

        requests.clear();
        answer(503, "text/html", "<html>busy</html>");
        Outcome unavailable = run("--home", home.toString(), "sql", "SELECT 1");
        assertThat(unavailable.code()).isEqualTo(3);
        assertThat(unavailable.err()).isEqualTo("lakehub: The hub answered HTTP 503." + System.lineSeparator());
        assertThat(requests).as("sent once").hasSize(1);
    }

    /** A home held by this JVM as a hub, its hub.json naming the stand-in server. */
    private Path hub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        Path home = Files.createDirectories(temp.resolve("served"));
        held = HomeLock.tryAcquire(home, HomeLock.Kind.HUB).orElseThrow();
        new HubFile(
                        ProcessHandle.current().pid(),
                        "127.0.0.1",
                        server.getAddress().getPort(),
                        "now")
                .write(home);
        return home;
    }

    private void answer(int status, String contentType, String body) {
        if (contextSet) {
            server.removeContext("/api/sql");
        }
        contextSet = true;
        server.createContext("/api/sql", exchange -> {
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(exchange.getRequestHeaders().getFirst("Accept") + " " + sent);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SqlShortcut.run(
                args, Map.of(), new Properties(), new PrintStream(out, true), new PrintStream(err, true));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Properties withHome() {
        Properties p = new Properties();
        p.setProperty("lakehub.home", "p");
        return p;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
