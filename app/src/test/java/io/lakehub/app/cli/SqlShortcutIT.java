package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.testing.HubProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lakehub sql} through a real hub, launcher included (ADR 0059): the lean JVM prints the same
 * text, stderr line and exit code as the full command line for table, CSV and JSON, answers and
 * refusals (the full command line's code run in this test's JVM through the same hub, and one table byte
 * for byte against the full command line the launcher starts with {@code LAKEHUB_SQL_SHORTCUT=off}); the
 * hub audits each command's query once; the lean JVM loads neither Spring, picocli nor Jackson's data
 * binding on the way; and without a live hub (a stale hub.json, or one naming another process) the
 * command still answers through the full command line.
 *
 * <p>The launcher's full command line runs from the plain jar here ({@code LAKEHUB_STARTUP_CACHE=off}): its
 * class cache would first need a training run of a minute or more after the build; what it prints is the
 * same.
 */
class SqlShortcutIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private int classLogs;

    /** The full command line's code in this JVM (through the hub, as a separate process would reach it). */
    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));

    /** What one launcher run printed. */
    private record Run(int code, byte[] out, String err, Path classes) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @Test
    void throughARunningHubTheLeanJvmPrintsWhatTheFullCommandLinePrints() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        Path csv = Files.writeString(
                temp.resolve("people.csv"),
                "id,name,amount,note\n1,Ada,9.50,\"comma, inside\"\n2,Grace,20,\n3,Zoë,-1.25,\"quote \"\"q\"\" "
                        + "and a note long enough to be cut in a table: " + "x".repeat(80) + "\"\n",
                StandardCharsets.UTF_8);
        Process ingest = HubProcess.command(
                        home, config, temp.resolve("ingest.log"), "ingest", csv.toString(), "--dataset", "people")
                .start();
        assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(ingest.exitValue())
                .as(Files.readString(temp.resolve("ingest.log")))
                .isZero();

        Process hub = HubProcess.command(
                        home,
                        config,
                        temp.resolve("hub.log"),
                        "run",
                        "--port",
                        "0",
                        "--",
                        "--lakehub.inbox.enabled=false")
                .start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                assertThat(hub.isAlive()).as("the hub runs (see hub.log)").isTrue();
                return HubFile.read(home).filter(h -> h.pid() == hub.pid()).isPresent();
            });
            String base = HubFile.read(home).orElseThrow().baseUrl();

            List<String> queries = List.of(
                    "SELECT * FROM people ORDER BY id",
                    "SELECT count(*) AS n, sum(amount) AS total FROM people",
                    "SELECT id, [name, note] AS parts, {'a': amount} AS s, NULL AS nothing FROM people ORDER BY id");
            Run firstTable = null;
            for (String query : queries) {
                for (String format : List.of("table", "csv", "json")) {
                    Run lean = lakehub(Map.of(), "--home", home.toString(), "sql", query, "--format", format);
                    // The full command line's code, run in this JVM through the same hub (a JVM of its own
                    // per comparison would add ~3 s each; one byte-for-byte run through the launcher follows).
                    CliRunner.Result full = cli.run("--home", home.toString(), "sql", query, "--format", format);
                    assertThat(lean.code())
                            .as("%s as %s: %s", query, format, lean.err())
                            .isZero();
                    assertThat(full.code()).as(full.err()).isZero();
                    assertThat(lean.text()).as("%s as %s", query, format).isEqualTo(full.out());
                    assertThat(lean.err()).isEmpty();
                    assertQuickPathOnly(lean.classes());
                    if (firstTable == null) {
                        firstTable = lean;
                    }
                }
            }
            // Byte for byte against the full command line started by the launcher (non-ASCII text included).
            Run fullTable = fullCli("--home", home.toString(), "sql", queries.get(0), "--format", "table");
            assertThat(firstTable.out()).isEqualTo(fullTable.out());
            assertThat(lakehub(Map.of(), "--home", home.toString(), "sql", "SELECT name FROM people WHERE id = 3")
                            .text())
                    .isEqualTo("name\n----\nZoë\n(1 row)\n");

            for (String refused : List.of("DROP TABLE people", "SELEC 1", "SELECT * FROM nowhere")) {
                long before = latestSeq(base);
                Run lean = lakehub(Map.of(), "--home", home.toString(), "sql", refused);
                assertThat(sqlAuditsAfter(base, before))
                        .as("audited once: %s", refused)
                        .hasSize(1);
                before = latestSeq(base);
                CliRunner.Result full = cli.run("--home", home.toString(), "sql", refused);
                assertThat(sqlAuditsAfter(base, before))
                        .as("audited once: %s", refused)
                        .hasSize(1);

                assertThat(lean.code()).as(refused).isEqualTo(1).isEqualTo(full.code());
                assertThat(lean.out()).isEmpty();
                assertThat(lean.err())
                        .as(refused)
                        .startsWith("lakehub: ")
                        .hasLineCount(1)
                        .isEqualTo(full.err());
            }
        } finally {
            hub.destroy();
            assertThat(hub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        String expected = "n\n3\n";
        // A hub.json that names another live process (this JVM): the launcher picks the lean JVM, which
        // finds no hub holding the home and hands over to the full command line in that JVM.
        new HubFile(ProcessHandle.current().pid(), "127.0.0.1", closedPort(), "now").write(home);
        Run handedOver = lakehub(
                Map.of(), "--home", home.toString(), "sql", "SELECT count(*) AS n FROM people", "--format", "csv");
        assertThat(handedOver.code()).as(handedOver.err()).isZero();
        assertThat(handedOver.text()).isEqualTo(expected);
        assertThat(Files.readString(handedOver.classes()))
                .contains(SqlShortcut.class.getName())
                .contains("picocli.CommandLine");

        // A stale hub.json (its process has ended): the full command line on the free home.
        new HubFile(hub.pid(), "127.0.0.1", closedPort(), "now").write(home);
        Run stale = fullCliWithCacheOff(
                Map.of(), "--home", home.toString(), "sql", "SELECT count(*) AS n FROM people", "--format", "csv");
        assertThat(stale.code()).as(stale.err()).isZero();
        assertThat(stale.text()).isEqualTo(expected);
    }

    /** The lean JVM loaded what SqlShortcut needs, and nothing of Spring, picocli or Jackson's data binding. */
    private static void assertQuickPathOnly(Path classes) throws IOException {
        String loaded = Files.readString(classes);
        assertThat(loaded).contains(SqlShortcut.class.getName());
        assertThat(loaded)
                .doesNotContain("org.springframework.")
                .doesNotContain("picocli.")
                .doesNotContain("com.fasterxml.jackson.databind.")
                .doesNotContain(LakehubCommand.class.getName());
    }

    private Run fullCli(String... args) throws Exception {
        return fullCliWithCacheOff(Map.of("LAKEHUB_SQL_SHORTCUT", "off"), args);
    }

    private Run fullCliWithCacheOff(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LAKEHUB_STARTUP_CACHE", "off");
        return lakehub(all, args);
    }

    /** {@code ./lakehub ARGS} in an empty working directory; the JVM's class loading logged to a file. */
    private Run lakehub(Map<String, String> env, String... args) throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        Path classes = temp.resolve("classes-" + (++classLogs) + ".log");
        ProcessBuilder builder = Launcher.process(work, env, args);
        builder.environment().put("LAKEHUB_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        Path out = temp.resolve("out-" + classLogs);
        Path err = temp.resolve("err-" + classLogs);
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS))
                .as(String.join(" ", args))
                .isTrue();
        return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err), classes);
    }

    private static long latestSeq(String base) throws Exception {
        return audit(base, "/api/audit?limit=1")
                .path("events")
                .path(0)
                .path("seq")
                .asLong();
    }

    private static List<JsonNode> sqlAuditsAfter(String base, long seq) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode event :
                audit(base, "/api/audit?after=" + seq + "&limit=100").path("events")) {
            if (event.path("action").asText().equals("sql.query")) {
                found.add(event);
            }
        }
        return found;
    }

    private static JsonNode audit(String base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
