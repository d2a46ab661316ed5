package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.SqlColumn;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.fake.FakeSqlEngine;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line on in-memory back ends: output formats, exit codes, one-line errors, global
 * options anywhere, and the choice between working on the home directly and going through the hub
 * that holds it. {@code LakehubCliIT} repeats the main paths on the real back ends.
 */
class LakehubCommandTest {

    @TempDir
    Path temp;

    private final FakeBackends backends = new FakeBackends();
    private final CliRunner cli = new CliRunner(backends, Duration.ofMillis(300));

    private Path home() {
        return temp.resolve("home");
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }

    @Test
    void everyCommandPrintsItsHelp() {
        for (String command :
                new String[] {"run", "ingest", "sql", "datasets", "dataset", "drop", "audit", "validate"}) {
            var r = cli.run(command, "--help");
            assertThat(r.code()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).as(command).contains("Usage: lakehub " + command);
        }
    }

    @Test
    void aCommandLineThatNamesACommandBuildsOnlyThatCommand() {
        Duration patience = Duration.ofMillis(300);
        assertThat(LakehubCommand.commandLine(backends, patience, new String[] {"--home", "sql", "sql", "SELECT 1"})
                        .getSubcommands()
                        .keySet())
                .containsExactly("sql");
        assertThat(LakehubCommand.commandLine(backends, patience, new String[] {"--home=h", "index", "list"})
                        .getSubcommands()
                        .keySet())
                .containsExactly("index");
        // No command, an unknown one, or none at all: every command, so help and suggestions are complete.
        int all =
                LakehubCommand.commandLine(backends, patience).getSubcommands().size();
        assertThat(all).isEqualTo(18);
        assertThat(LakehubCommand.commandLine(backends, patience, new String[] {"--help"})
                        .getSubcommands())
                .hasSize(all);
        assertThat(LakehubCommand.commandLine(backends, patience, new String[] {"sqll", "x"})
                        .getSubcommands())
                .hasSize(all);
        var help = cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("ingest", "datasets", "erasure", "iceberg", "search");
        var unknown = cli.run("--home", home().toString(), "sqll", "SELECT 1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("sqll");
        var inherited = cli.run("sql", "--home", home().toString(), "SELECT 1");
        // --home after the command is still the inherited option: the command looked at that home.
        assertThat(inherited.err()).contains(home().toString());
    }

    @Test
    void ingestPrintsOneLineWithDatasetSnapshotAndRows() throws IOException {
        Path csv = file("people.csv", "id,name\n1,a\n2,b\n");

        var r = cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "people");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("people: snapshot 1, 2 rows\n");
        assertThat(r.err()).isEmpty();
        assertThat(backends.catalog(home()).lineage(io.lakehub.catalog.DatasetName.of("people")))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.sourceSystem()).isEqualTo("cli");
                    assertThat(l.sourceUri()).isEqualTo(csv.toAbsolutePath().toString());
                });
    }

    @Test
    void ingestTakesTheCharsetOfTheFile() throws IOException {
        Path csv = temp.resolve("latin.csv");
        Files.write(csv, "name\nZo\u00eb\nFran\u00e7ois\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        var r = cli.run(
                "--home",
                home().toString(),
                "ingest",
                csv.toString(),
                "--dataset",
                "people",
                "--charset",
                "ISO-8859-1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("people: snapshot 1, 2 rows\n");

        var unknown = cli.run(
                "--home", home().toString(), "ingest", csv.toString(), "--dataset", "people", "--charset", "klingon");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).hasLineCount(1).contains("Unknown charset 'klingon'");
    }

    @Test
    void theSameBytesAgainAreAlreadyIngestedAndStillSucceed() throws IOException {
        Path csv = file("people.csv", "id\n1\n");
        cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "people");

        var r = cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "people");

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("people: already ingested (snapshot 1)\n");
    }

    @Test
    void aRefusedFileExitsNonZeroWithTheOneLineReasonOnStderr() throws IOException {
        Path bad = file("bad.csv", "age\n1\nREFUSE\n");

        var r = cli.run("--home", home().toString(), "ingest", bad.toString(), "--dataset", "people");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasLineCount(1).startsWith("lakehub: ").contains("bad.csv: line 3, column 'age'");
    }

    @Test
    void badArgumentsAreReportedWithoutTouchingTheHome() throws IOException {
        Path csv = file("p.csv", "id\n1\n");

        var missing = cli.run(
                "--home", home().toString(), "ingest", temp.resolve("nope.csv").toString(), "--dataset", "p");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).hasLineCount(1).contains("nope.csv: no such file");

        var badName = cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "People");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).hasLineCount(1).contains("Invalid dataset name 'People'");

        var badFormat =
                cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "p", "--format", "xml");
        assertThat(badFormat.code()).isEqualTo(2);
        assertThat(badFormat.err()).contains("Unknown format 'xml'");

        var noDataset = cli.run("--home", home().toString(), "ingest", csv.toString());
        assertThat(noDataset.code()).isEqualTo(2);
        assertThat(noDataset.err()).contains("--dataset");

        assertThat(backends.opened).hasValue(0);
        assertThat(home()).doesNotExist();
    }

    @Test
    void theHomeOptionWorksBeforeOrAfterTheSubcommand() throws IOException {
        Path csv = file("p.csv", "id\n1\n");

        assertThat(cli.run("ingest", csv.toString(), "--dataset", "p", "--home", home().toString())
                        .code())
                .isZero();
        var before = cli.run("--home", home().toString(), "datasets");
        var after = cli.run("datasets", "--home", home().toString());

        assertThat(before.code()).isZero();
        assertThat(before.out()).contains("p ").isEqualTo(after.out());
    }

    @Test
    void readOnlyCommandsOnAMissingHomeSaySoInsteadOfCreatingIt() {
        var r = cli.run("--home", home().toString(), "sql", "SELECT 1");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).hasLineCount(1).contains("is not a Lakehub home (no such folder)");
        assertThat(home()).doesNotExist();
    }

    @Test
    void sqlAsJsonIsExactlyTheApiDocument() throws IOException {
        Files.createDirectories(home());

        var r = cli.run("--home", home().toString(), "sql", "SELECT * FROM people", "--format", "json");

        assertThat(r.code()).isZero();
        SqlResponse expected = new SqlResponse(
                FakeSqlEngine.COLUMNS.stream()
                        .map(c -> new SqlColumn(c.name(), c.type()))
                        .toList(),
                FakeSqlEngine.ROWS,
                3,
                false);
        assertThat(r.out()).isEqualTo(Json.write(expected) + "\n");
    }

    @Test
    void sqlAsCsvQuotesWhatNeedsQuotingAndLeavesNullsEmpty() throws IOException {
        Files.createDirectories(home());

        var r = cli.run("--home", home().toString(), "sql", "SELECT * FROM people", "--format", "csv");

        assertThat(r.out())
                .isEqualTo("id,name,price,tags\n" + "1,\"Ada, \"\"the\"\" first\",12.50,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                        + "2,,,[]\n" + "10,\"multi\nline\",3.00,\"[{\"\"k\"\":1}]\"\n");
    }

    @Test
    void sqlAsTableAlignsColumnsAndCountsRows() throws IOException {
        Files.createDirectories(home());

        var r = cli.run("--home", home().toString(), "sql", "SELECT * FROM people");

        assertThat(r.out()).isEqualTo("""
                        id | name             | price | tags
                        ---+------------------+-------+----------
                         1 | Ada, "the" first | 12.50 | ["a","b"]
                         2 | NULL             |  NULL | []
                        10 | multi\\nline      |  3.00 | [{"k":1}]
                        (3 rows)
                        """);
    }

    @Test
    void refusedSqlExitsOneWithTheEnginesMessage() throws IOException {
        Files.createDirectories(home());

        var r = cli.run("--home", home().toString(), "sql", "DROP TABLE people");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("lakehub: Only read-only queries are allowed; DROP was refused.\n");
    }

    @Test
    void datasetShowsWhatEachSnapshotInsertedUpdatedAndDeleted() throws IOException {
        String home = home().toString();
        cli.run(
                "--home",
                home,
                "ingest",
                file("o1.csv", "id,status\n1,new\n2,new\n").toString(),
                "--dataset",
                "orders");

        var detail = cli.run("--home", home, "dataset", "orders");
        assertThat(detail.out())
                .containsPattern("added rows \\| inserted \\| updated \\| deleted \\| total rows")
                .containsPattern("APPEND +\\| +v1 +\\| +2 +\\| +2 +\\| +0 +\\| +0 +\\| +2");
        var json = cli.run("--home", home, "dataset", "orders", "--format", "json");
        assertThat(json.out()).contains("\"inserted_rows\":2").contains("\"key\":[]");
    }

    @Test
    void anUpsertWithoutAKeyOrWithAnUnknownModeIsRefusedBeforeReading() throws IOException {
        String home = home().toString();
        Path f = file("o.csv", "id\n5\n");

        var noKey = cli.run("--home", home, "ingest", f.toString(), "--dataset", "orders", "--mode", "upsert");
        var badMode = cli.run("--home", home, "ingest", f.toString(), "--dataset", "orders", "--mode", "merge");

        assertThat(noKey.code()).isNotZero();
        assertThat(noKey.err()).contains("needs a key");
        assertThat(badMode.code()).isNotZero();
        assertThat(badMode.err()).contains("'merge' is not a mode");
    }

    @Test
    void datasetsAndDatasetDescribeWhatWasIngested() throws IOException {
        cli.run(
                "--home",
                home().toString(),
                "ingest",
                file("a.csv", "id,name\n1,x\n").toString(),
                "--dataset",
                "people");
        cli.run(
                "--home",
                home().toString(),
                "ingest",
                file("b.csv", "id,name\n2,y\n3,z\n").toString(),
                "--dataset",
                "people");

        var list = cli.run("--home", home().toString(), "datasets");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("dataset").contains("people").contains("3");

        var json = cli.run("--home", home().toString(), "datasets", "--format", "json");
        assertThat(json.out())
                .contains("\"name\":\"people\"")
                .contains("\"row_count\":3")
                .contains("\"current_snapshot\":2");

        var detail = cli.run("--home", home().toString(), "dataset", "people");
        assertThat(detail.code()).isZero();
        assertThat(detail.out())
                .contains("Dataset people: 3 rows in 2 files")
                .contains("Columns", "Schema versions", "Snapshots (newest first)", "Lineage (newest first)")
                .contains("name   | string")
                .contains("pii", "confidence", "sampled", "match ratio", "policy");

        var unknown = cli.run("--home", home().toString(), "dataset", "nope");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("lakehub: Dataset 'nope' does not exist.\n");
    }

    @Test
    void dropDeletesTheDatasetAuditedAndAnUnknownOneExitsOne() throws IOException {
        cli.run("--home", home().toString(), "ingest", file("a.csv", "id\n1\n").toString(), "--dataset", "people");
        cli.run("--home", home().toString(), "ingest", file("b.csv", "id\n2\n").toString(), "--dataset", "orders");

        var dropped = cli.run("--home", home().toString(), "drop", "people");

        assertThat(dropped.code()).as(dropped.err()).isZero();
        assertThat(dropped.out()).isEqualTo("dropped dataset people\n");
        var list = cli.run("--home", home().toString(), "datasets", "--format", "json");
        assertThat(list.out()).contains("\"name\":\"orders\"").doesNotContain("\"name\":\"people\"");
        assertThat(cli.run("--home", home().toString(), "audit").out()).contains("dataset.drop");

        var unknown = cli.run("--home", home().toString(), "drop", "people");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("lakehub: Dataset 'people' does not exist.\n");
        assertThat(cli.run("--home", home().toString(), "drop", "Bad-Name").code())
                .isEqualTo(1);
    }

    @Test
    void auditListsEventsAndVerifyReportsIntactOrTheProblems() throws IOException {
        cli.run("--home", home().toString(), "ingest", file("a.csv", "id\n1\n").toString(), "--dataset", "people");

        var list = cli.run("--home", home().toString(), "audit");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("dataset.commit").contains("dataset:people");

        var intact = cli.run("--home", home().toString(), "audit", "--verify");
        assertThat(intact.code()).isZero();
        // The first commit journals dataset.commit and schema.change, as the real catalog does.
        assertThat(intact.out()).isEqualTo("audit journal intact: 2 events\n");

        backends.catalog(home()).tamperWithAudit("event 1: hash does not match its contents (edited)");
        var broken = cli.run("--home", home().toString(), "audit", "--verify");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out())
                .isEqualTo("audit journal NOT intact: 1 problem(s) in 2 events\n"
                        + "  event 1: hash does not match its contents (edited)\n");
    }

    @Test
    void aHomeHeldByAnotherCommandIsReportedAfterWaiting() throws IOException {
        Files.createDirectories(home());
        try (HomeLock other = HomeLock.tryAcquire(home(), HomeLock.Kind.CLI).orElseThrow()) {
            var r = cli.run("--home", home().toString(), "datasets");

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err())
                    .hasLineCount(1)
                    .contains("Another lakehub cli command (pid "
                            + ProcessHandle.current().pid() + ")");
        }
        assertThat(backends.opened).hasValue(0);
    }

    @Test
    void aHubThatHoldsTheHomeButDoesNotAnswerIsNamed() throws IOException {
        Files.createDirectories(home());
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (HomeLock hub = HomeLock.tryAcquire(home(), HomeLock.Kind.HUB).orElseThrow()) {
            new HubFile(ProcessHandle.current().pid(), "127.0.0.1", deadPort, "now").write(home());

            var r = cli.run("--home", home().toString(), "datasets");

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err())
                    .hasLineCount(1)
                    .contains("A hub (pid " + ProcessHandle.current().pid() + ") holds " + home())
                    .contains("did not answer at http://127.0.0.1:" + deadPort);
        }
    }

    @Test
    void whileAHubHoldsTheHomeCommandsGoThroughItsHttpApi() throws Exception {
        FakeBackends hubBackends = new FakeBackends();
        CliRunner hubCli = new CliRunner(hubBackends, Duration.ofSeconds(5));
        var started = hubCli.run("--home", home().toString(), "run", "--port", "0");
        assertThat(started.code()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            Path csv = file("people.csv", "id,name\n1,a\n2,b\n");

            var ingested = cli.run("ingest", csv.toString(), "--dataset", "people", "--home", home().toString());
            assertThat(ingested.code()).isZero();
            assertThat(ingested.out()).isEqualTo("people: snapshot 1, 2 rows\n");

            var duplicate = cli.run("--home", home().toString(), "ingest", csv.toString(), "--dataset", "people");
            assertThat(duplicate.out()).isEqualTo("people: already ingested (snapshot 1)\n");

            var refused = cli.run(
                    "--home",
                    home().toString(),
                    "ingest",
                    file("bad.csv", "REFUSE\n").toString(),
                    "--dataset",
                    "people");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).hasLineCount(1).contains("bad.csv: line 1, column 'age'");

            var json = cli.run("--home", home().toString(), "sql", "SELECT * FROM people", "--format", "json");
            assertThat(json.out())
                    .startsWith("{\"columns\":[{\"name\":\"id\",\"type\":\"BIGINT\"}")
                    .contains("\"row_count\":3");
            var table = cli.run("--home", home().toString(), "sql", "SELECT * FROM people");
            assertThat(table.out()).contains("Ada, \"the\" first").endsWith("(3 rows)\n");
            var refusedSql = cli.run("--home", home().toString(), "sql", "DROP TABLE people");
            assertThat(refusedSql.code()).isEqualTo(1);
            assertThat(refusedSql.err()).isEqualTo("lakehub: Only read-only queries are allowed; DROP was refused.\n");

            assertThat(cli.run("--home", home().toString(), "datasets").out()).contains("people");
            assertThat(cli.run("--home", home().toString(), "dataset", "people").out())
                    .contains("Dataset people: 2 rows");
            assertThat(cli.run("--home", home().toString(), "dataset", "nope").err())
                    .isEqualTo("lakehub: Dataset 'nope' does not exist.\n");
            assertThat(cli.run("--home", home().toString(), "audit").out()).contains("dataset:people");
            assertThat(cli.run("--home", home().toString(), "audit", "--verify").out())
                    .startsWith("audit journal intact: ");

            assertThat(backends.opened)
                    .as("the CLI never opened the home itself")
                    .hasValue(0);
            assertThat(hubBackends.catalog(home()).datasets()).hasSize(1);
        }

        var afterStop = cli.run("--home", home().toString(), "datasets");
        assertThat(afterStop.code()).isZero();
        assertThat(backends.opened)
                .as("with the hub stopped the CLI works on the home itself")
                .hasValue(1);
        assertThat(home().resolve("hub.json")).doesNotExist();
    }

    @Test
    void aBusyPortIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            var r = new CliRunner(new FakeBackends(), Duration.ofSeconds(5))
                    .run("--home", home().toString(), "run", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err())
                    .isEqualTo("lakehub: Port " + taken.getLocalPort()
                            + " is already in use; stop what listens there or pick another with --port.\n");
        }
        assertThat(HomeLock.tryAcquire(home(), HomeLock.Kind.CLI))
                .as("the failed hub released the home")
                .hasValueSatisfying(HomeLock::close);
    }

    @Test
    void aSecondHubOnTheSameHomeRefusesToStart() {
        FakeBackends hubBackends = new FakeBackends();
        CliRunner hubCli = new CliRunner(hubBackends, Duration.ofSeconds(5));
        assertThat(hubCli.run("--home", home().toString(), "run", "--port", "0").code())
                .isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            var second = new CliRunner(new FakeBackends(), Duration.ofSeconds(5))
                    .run("--home", home().toString(), "run", "--port", "0");

            assertThat(second.code()).isEqualTo(3);
            assertThat(second.err())
                    .isEqualTo(
                            "lakehub: " + home().toAbsolutePath() + " is in use by another Lakehub process (hub, pid "
                                    + ProcessHandle.current().pid()
                                    + "); one hub per home. Stop it, or start this hub with another --home.\n");
        }
    }
}
