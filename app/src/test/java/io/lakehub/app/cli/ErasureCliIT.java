package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.catalog.erasure.ValueHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code lakehub erase} and {@code lakehub erasure verify} directly on a free home (real back ends):
 * verify finds the value before (exit 1) and not after (exit 0); the erasure covers the rejects
 * companion's raw lines; without a key it is refused naming it.
 */
class ErasureCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private String previous;

    @BeforeEach
    void key() {
        previous = System.getProperty(ValueHasher.PROPERTY);
        System.setProperty(ValueHasher.PROPERTY, "cli-test-key-0123456789abcdef");
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(ValueHasher.PROPERTY);
        } else {
            System.setProperty(ValueHasher.PROPERTY, previous);
        }
    }

    private String home() {
        return temp.resolve("home").toString();
    }

    @Test
    void eraseHidesAndRemovesTheRowsAndVerifyProvesIt() throws Exception {
        Path csv = Files.writeString(
                temp.resolve("people.csv"),
                "id,email,city\n1,ann@example.com,Oslo\n2,bob@example.com,Rome\n3,ann@example.com,Oslo\n"
                        + "4,cy@example.com,Lima,extra,ann@example.com\n");
        cli.succeeds("--home", home(), "ingest", csv.toString(), "--dataset", "people", "--max-bad-rows", "50%");
        assertThat(cli.sqlRows(home(), "SELECT count(*) FROM people__rejects")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(1);

        var before = cli.run("--home", home(), "erasure", "verify", "people", "ann@example.com");
        assertThat(before.code()).as(before.err()).isEqualTo(1);
        assertThat(before.out()).startsWith("NOT erased: 2 file(s) scanned in people, people__rejects, 2 contain");

        var erased = cli.run(
                "--home",
                home(),
                "erase",
                "people",
                "--key-column",
                "email",
                "ann@example.com",
                "--reason",
                "ticket 42",
                "--format",
                "json");
        assertThat(erased.code()).as(erased.err()).isZero();
        JsonNode doc = JSON.readTree(erased.out());
        assertThat(doc.path("state").asText()).isEqualTo("erased");
        assertThat(doc.path("rows_hidden").asLong()).isEqualTo(3);
        assertThat(doc.path("files_rewritten").asInt()).isEqualTo(2);
        assertThat(erased.out()).doesNotContain("ann@example.com");

        assertThat(cli.sqlRows(home(), "SELECT count(*) FROM people")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(1);
        assertThat(cli.sqlRows(home(), "SELECT count(*) FROM people__rejects")
                        .get(0)
                        .get(0)
                        .asLong())
                .isZero();
        var after =
                cli.run("--home", home(), "erasure", "verify", "people", "ann@example.com", "--key-column", "email");
        assertThat(after.code()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).startsWith("erased: 2 file(s) scanned");
        assertThat(cli.run("--home", home(), "erasure", "verify", "people", "bob@example.com")
                        .code())
                .isEqualTo(1);

        String audit = cli.succeeds("--home", home(), "audit", "--format", "json");
        assertThat(audit).contains("dataset.erasure").doesNotContain("ann@example.com");
        assertThat(cli.succeeds(
                        "--home",
                        home(),
                        "erasure",
                        "show",
                        "people",
                        doc.path("id").asText()))
                .contains("erased");
    }

    @Test
    void throughARunningHubTheErasureAnswersInvisibleAndFinishesThere() throws Exception {
        CliRunner hubCli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
        var started = hubCli.run("--home", home(), "run", "--port", "0", "--", "--lakehub.inbox.enabled=false");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            Path csv = Files.writeString(temp.resolve("h.csv"), "id,email\n1,ann@example.com\n2,bob@example.com\n");
            cli.succeeds("--home", home(), "ingest", csv.toString(), "--dataset", "hubbed");

            JsonNode doc = JSON.readTree(cli.succeeds(
                    "--home",
                    home(),
                    "erase",
                    "hubbed",
                    "--key-column",
                    "email",
                    "ann@example.com",
                    "--format",
                    "json"));

            assertThat(doc.path("state").asText()).isIn("invisible", "erased");
            assertThat(cli.sqlRows(home(), "SELECT count(*) FROM hubbed")
                            .get(0)
                            .get(0)
                            .asLong())
                    .isEqualTo(1);
            String id = doc.path("id").asText();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(
                                    cli.succeeds("--home", home(), "erasure", "show", "hubbed", id, "--format", "json"))
                            .contains("\"state\":\"erased\""));
            var verified = cli.run("--home", home(), "erasure", "verify", "hubbed", "ann@example.com");
            assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
        }
    }

    @Test
    void withoutAKeyTheErasureIsRefusedNamingIt() throws Exception {
        System.clearProperty(ValueHasher.PROPERTY);
        Path csv = Files.writeString(temp.resolve("p.csv"), "id,email\n1,ann@example.com\n");
        cli.succeeds("--home", home(), "ingest", csv.toString(), "--dataset", "p");

        var refused = cli.run("--home", home(), "erase", "p", "--key-column", "email", "ann@example.com");

        if (System.getenv(ValueHasher.ENVIRONMENT) == null) {
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("lakehub.pii.hash-key").contains("LAKEHUB_PII_HASH_KEY");
            assertThat(cli.sqlRows(home(), "SELECT count(*) FROM p")
                            .get(0)
                            .get(0)
                            .asLong())
                    .isEqualTo(1);
        }
    }
}
