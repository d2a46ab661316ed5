package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.app.hub.DefaultHubBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lakehub pipeline run} of {@code from: jdbc} pipelines on the real back ends (embedded H2
 * catalog, the ingest chain) against the real PostgreSQL and MariaDB: the hub's own run path
 * (Camel {@code lakehub-jdbc:} consumer, the pipeline's ingest route, the {@code lakehub:}
 * producer), the cursor committed with the rows, and failures that write nothing and leak no
 * password.
 */
class JdbcPipelineCliIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
    /** Set by the failsafe configuration (app/pom.xml). */
    private static final String WRONG_PASSWORD = System.getenv("LAKEHUB_TEST_WRONG_DB_PASSWORD");

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private Connection pg;

    @BeforeEach
    void createTable() throws SQLException {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("DROP TABLE IF EXISTS jdbc_it_cli_orders");
        exec("CREATE TABLE jdbc_it_cli_orders (id INT PRIMARY KEY, amount NUMERIC(10,2) NOT NULL,"
                + " note TEXT, updated_at TIMESTAMPTZ NOT NULL)");
        exec("INSERT INTO jdbc_it_cli_orders SELECT g, g * 1.5, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END,"
                + " now() - interval '1 hour' FROM generate_series(1, 1000) g");
    }

    @AfterEach
    void close() throws SQLException {
        exec("DROP TABLE IF EXISTS jdbc_it_cli_orders");
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    private String home() {
        return temp.resolve("home").toString();
    }

    private Path config(String pipelines) throws IOException {
        return Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines:\n" + pipelines);
    }

    private JsonNode sql(String query) {
        return cli.sqlRows(home(), query);
    }

    @Test
    void pipelineRunPollsThroughTheHubPathAndTheNextRunContinuesFromTheCommittedCursor() throws Exception {
        Path config = config("""
                    - id: orders
                      from: jdbc
                      jdbc: { url: "%s", user: postgres, table: jdbc_it_cli_orders, cursor: [updated_at, id], pageSize: 300 }
                      into: orders
                """.formatted(PG));

        var first = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("succeeded, 1000 row(s)");
        JsonNode counts = sql("SELECT count(*), count(DISTINCT id), sum(amount), count(note) FROM orders");
        assertThat(counts.get(0).get(0).asLong()).isEqualTo(1000);
        assertThat(counts.get(0).get(1).asLong()).isEqualTo(1000);
        assertThat(counts.get(0).get(2).decimalValue()).isEqualByComparingTo("750750.00");
        assertThat(counts.get(0).get(3).asLong()).isEqualTo(667);

        // New rows and one update, all older than the safety lag; then a poll with nothing new.
        exec("INSERT INTO jdbc_it_cli_orders SELECT g, g, NULL, now() - interval '10 minutes'"
                + " FROM generate_series(1001, 1005) g");
        exec("UPDATE jdbc_it_cli_orders SET amount = 0, updated_at = now() - interval '5 minutes' WHERE id = 7");
        var second = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("succeeded, 6 row(s)");
        assertThat(sql("SELECT count(*) FROM orders WHERE id = 7 AND amount = 0")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(1);
        var third = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(third.code()).as(third.err()).isZero();
        assertThat(third.out()).contains("succeeded, 0 row(s)");
        assertThat(sql("SELECT count(*) FROM orders").get(0).get(0).asLong()).isEqualTo(1006);

        var dataset = cli.run("--home", home(), "dataset", "orders");
        assertThat(dataset.out())
                .as("lineage names the database and table, not a password")
                .contains("jdbc:postgresql://127.0.0.1:5432/test table jdbc_it_cli_orders");
    }

    @Test
    void whileAHubRunsPipelineRunPollsThroughItAndItsScheduleResumesFromTheSameCursor() throws Exception {
        Path config = config("""
                    - id: orders
                      from: jdbc
                      jdbc: { url: "%s", user: postgres, table: jdbc_it_cli_orders, cursor: [updated_at, id] }
                      into: orders
                      schedule: "0 0 0 1 1 ? 2099"
                """.formatted(PG));
        CliRunner hubCli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
        var started = hubCli.run(
                "--home",
                home(),
                "--config",
                config.toString(),
                "run",
                "--port",
                "0",
                "--",
                "--lakehub.inbox.enabled=false");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            var first = cli.run("--home", home(), "pipeline", "run", "orders");
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).contains("succeeded, 1000 row(s)");
            exec("UPDATE jdbc_it_cli_orders SET note = 'late', updated_at = now() - interval '2 minutes' WHERE id = 3");
            var second = cli.run("--home", home(), "pipeline", "run", "orders");
            assertThat(second.out()).contains("succeeded, 1 row(s)");
            assertThat(cli.run("--home", home(), "schedules").out()).contains("orders");
        }
        assertThat(sql("SELECT count(*), count(DISTINCT id) FROM orders").get(0).toString())
                .isEqualTo("[1001,1000]");
        assertThat(sql("SELECT note FROM orders WHERE id = 3 AND note IS NOT NULL")
                        .get(0)
                        .get(0)
                        .asText())
                .isEqualTo("late");
    }

    @Test
    void aMysqlUrlPipelineReadsMariaDbThroughTheSamePath() throws Exception {
        try (Connection my = DriverManager.getConnection(MARIADB, "root", null);
                Statement s = my.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jdbc_it_cli_items");
            s.execute("CREATE TABLE jdbc_it_cli_items (id INT PRIMARY KEY, price DECIMAL(8,2), active TINYINT(1),"
                    + " changed DATETIME(6) NOT NULL, INDEX (changed, id))");
            s.execute("INSERT INTO jdbc_it_cli_items VALUES (1, 9.99, 1, NOW(6) - INTERVAL 1 HOUR),"
                    + " (2, NULL, 0, NOW(6) - INTERVAL 1 HOUR), (3, 0.5, NULL, NOW(6) - INTERVAL 2 HOUR)");
            Path config = config("""
                        - id: items
                          from: jdbc
                          jdbc: { url: "%s", user: root, table: jdbc_it_cli_items, cursor: [changed] }
                          into: items
                    """.formatted(MARIADB.replace("jdbc:mariadb:", "jdbc:mysql:")));

            var run = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "items");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("succeeded, 3 row(s)");
            assertThat(sql("SELECT id, price, active FROM items ORDER BY id").toString())
                    .isEqualTo("[[1,9.99,true],[2,null,false],[3,0.5,null]]");
            s.execute("DROP TABLE jdbc_it_cli_items");
        }
    }

    @Test
    void aCursorColumnThatDoesNotExistIsRefusedByValidateNamingKeyAndColumn() throws Exception {
        Path config = config("""
                    - id: orders
                      from: jdbc
                      jdbc: { url: "%s", user: postgres, table: jdbc_it_cli_orders, cursor: [changed_at] }
                      into: orders
                """.formatted(PG));

        var validate = cli.run("validate", "--config", config.toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.err())
                .contains(config + ":3: lakehub.pipelines[0].jdbc.cursor: pipeline orders: column 'changed_at' does"
                        + " not exist in table jdbc_it_cli_orders");
        var run = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "orders");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("jdbc.cursor").contains("changed_at");
        assertThat(cli.run("--home", home(), "datasets").out()).doesNotContain("orders");
    }

    @Test
    void aWrongPasswordFailsTheRunWithTheDriversMessageWritesNothingAndNeverShowsThePassword() throws Exception {
        assertThat(WRONG_PASSWORD)
                .as("LAKEHUB_TEST_WRONG_DB_PASSWORD from app/pom.xml")
                .isNotBlank();
        Path config = config("""
                    - id: orders
                      from: jdbc
                      jdbc: { url: "%s", user: root, password: "${LAKEHUB_TEST_WRONG_DB_PASSWORD}", table: jdbc_it_orders }
                      into: orders
                      onError: { retries: 2, backoff: 10ms }
                """.formatted(MARIADB));

        var run = cli.run("--home", home(), "--config", config.toString(), "pipeline", "run", "orders");

        assertThat(run.code()).isNotZero();
        assertThat(run.err())
                .contains("Access denied for user 'root'")
                .contains("Nothing was written; the committed position is unchanged");
        var schedules = cli.run("--home", home(), "--config", config.toString(), "schedules");
        assertThat(schedules.code()).as(schedules.err()).isZero();
        assertThat(schedules.out()).contains("orders");
        var audit = cli.run("--home", home(), "audit");
        var datasets = cli.run("--home", home(), "datasets");
        assertThat(datasets.out()).doesNotContain("orders");
        for (String shown : new String[] {run.out(), run.err(), schedules.out(), audit.out(), datasets.out()}) {
            assertThat(shown).doesNotContain(WRONG_PASSWORD);
        }
    }
}
