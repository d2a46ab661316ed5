package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line on the real back ends (embedded H2 catalog, DuckDB, the ingest pipeline):
 * every command directly on a free home, then the same commands while a hub started with {@code
 * run} holds the home, then directly again on what the hub committed.
 */
class LakehubCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The real back ends, counting how often a command opened the catalog itself. */
    static final class CountingBackends implements HubBackends {
        final DefaultHubBackends real = new DefaultHubBackends();
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public Catalog openCatalog(LakehubProperties properties) {
            opened.incrementAndGet();
            return real.openCatalog(properties);
        }

        @Override
        public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
            return real.openSqlEngine(catalog, properties);
        }

        @Override
        public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
            return real.openIngestService(catalog, properties);
        }
    }

    private final CountingBackends backends = new CountingBackends();
    private final CliRunner cli = new CliRunner(backends, Duration.ofSeconds(10));

    private String home() {
        return temp.resolve("home").toString();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(temp.resolve(name), content);
    }

    @Test
    void everyCommandWorksDirectlyOnAFreeHome() throws Exception {
        Path csv = file("people.csv", "id,name\n1,Ada\n2,Grace\n3,Alan\n");

        var ingested = cli.run("--home", home(), "ingest", csv.toString(), "--dataset", "people");
        assertThat(ingested.code()).as(ingested.err()).isZero();
        assertThat(ingested.out()).matches("people: snapshot \\d+, 3 rows\n");

        var again = cli.run("ingest", csv.toString(), "--dataset", "people", "--home", home());
        assertThat(again.code()).isZero();
        assertThat(again.out()).matches("people: already ingested \\(snapshot \\d+\\)\n");

        var refused = cli.run(
                "--home",
                home(),
                "ingest",
                file("bad.csv", "id,name\n4,Edsger\n5\n").toString(),
                "--dataset",
                "people");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .hasLineCount(1)
                .startsWith("lakehub: ")
                .contains("bad.csv")
                .contains("line 3");

        var json = cli.run("--home", home(), "sql", "SELECT id, name FROM people ORDER BY id", "--format", "json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.path("row_count").asLong()).isEqualTo(3);
        assertThat(doc.path("rows").get(0).get(1).asText()).isEqualTo("Ada");
        assertThat(doc.has("truncated")).isTrue();

        var csvOut = cli.run("--home", home(), "sql", "SELECT id, name FROM people ORDER BY id", "--format", "csv");
        assertThat(csvOut.out()).isEqualTo("id,name\n1,Ada\n2,Grace\n3,Alan\n");

        var table = cli.run("--home", home(), "sql", "SELECT id, name FROM people ORDER BY id");
        assertThat(table.out()).contains("Grace").endsWith("(3 rows)\n");

        var badSql = cli.run("--home", home(), "sql", "DROP TABLE people");
        assertThat(badSql.code()).isEqualTo(1);
        assertThat(badSql.err()).hasLineCount(1);

        assertThat(cli.run("--home", home(), "datasets").out()).contains("people");
        assertThat(cli.run("datasets", "--home", home(), "--format", "json").out())
                .contains("\"row_count\":3");
        assertThat(cli.run("--home", home(), "dataset", "people").out())
                .contains("Dataset people: 3 rows")
                .contains("Columns")
                .contains("Lineage");
        assertThat(cli.run("--home", home(), "audit").out()).contains("dataset.commit");

        var verify = cli.run("--home", home(), "audit", "--verify");
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).matches("audit journal intact: \\d+ events\n");

        var dropped = cli.run("--home", home(), "drop", "people");
        assertThat(dropped.code()).as(dropped.err()).isZero();
        assertThat(dropped.out()).isEqualTo("dropped dataset people\n");
        var gone = cli.run("--home", home(), "sql", "SELECT count(*) FROM people");
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("people");
        assertThat(cli.run("--home", home(), "drop", "people").err())
                .isEqualTo("lakehub: Dataset 'people' does not exist.\n");
        // The name is free again, and the same bytes are new to the new dataset.
        var reingested = cli.run("--home", home(), "ingest", csv.toString(), "--dataset", "people");
        assertThat(reingested.out()).matches("people: snapshot \\d+, 3 rows\n");
        assertThat(cli.run("--home", home(), "audit", "--verify").code()).isZero();
    }

    @Test
    void whileAHubHoldsTheHomeCommandsGoThroughItAndSeeItsCommitsAfterwards() throws Exception {
        CliRunner hubCli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
        var started = hubCli.run("--home", home(), "run", "--port", "0", "--", "--lakehub.inbox.enabled=false");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            Path csv = file("orders.csv", "id,amount\n1,9.5\n2,20\n");

            var ingested = cli.run("--home", home(), "ingest", csv.toString(), "--dataset", "orders");
            assertThat(ingested.code()).as(ingested.err()).isZero();
            assertThat(ingested.out()).matches("orders: snapshot \\d+, 2 rows\n");

            // A table with a ragged row (a file whose only line with a comma sits under a header without
            // one is a one-column file: its "2,3" would be a value, ADR 0021).
            var refused = cli.run(
                    "--home",
                    home(),
                    "ingest",
                    file("bad.csv", "id,amount\n3,4\n5,6,7\n").toString(),
                    "--dataset",
                    "orders");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).hasLineCount(1).contains("line 3");

            var sum = cli.run("--home", home(), "sql", "SELECT sum(amount) AS total FROM orders", "--format", "csv");
            assertThat(sum.out()).isEqualTo("total\n29.5\n");
            assertThat(cli.run("--home", home(), "audit", "--verify").code()).isZero();

            cli.run("--home", home(), "ingest", file("temp.csv", "id\n1\n").toString(), "--dataset", "scratch");
            var dropped = cli.run("--home", home(), "drop", "scratch");
            assertThat(dropped.code()).as(dropped.err()).isZero();
            assertThat(dropped.out()).isEqualTo("dropped dataset scratch\n");
            var unknown = cli.run("--home", home(), "drop", "scratch");
            assertThat(unknown.code()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("lakehub: Dataset 'scratch' does not exist.\n");
            assertThat(cli.run("--home", home(), "audit").out()).contains("dataset.drop");
            assertThat(backends.opened).as("commands went through the hub").hasValue(0);
        }

        var afterStop = cli.run("--home", home(), "sql", "SELECT count(*) AS n FROM orders", "--format", "csv");
        assertThat(afterStop.code()).as(afterStop.err()).isZero();
        assertThat(afterStop.out()).isEqualTo("n\n2\n");
        assertThat(backends.opened).hasValue(1);
    }
}
