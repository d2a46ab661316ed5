package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.DefaultHubBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code lakehub index create|refresh|list} and {@code lakehub search} on a free home and through a
 * running hub (real back ends, the feature-hashing provider): the JSON of {@code search --format json}
 * is the HTTP search document, a refresh reports what it did, errors name the problem.
 */
class VectorCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "lakehub.vector.provider";

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
    private String previous;

    @BeforeEach
    void hashing() {
        previous = System.getProperty(PROVIDER);
        System.setProperty(PROVIDER, "hashing");
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(PROVIDER);
        } else {
            System.setProperty(PROVIDER, previous);
        }
    }

    private String home() {
        return temp.resolve("home").toString();
    }

    private Path docs() throws Exception {
        return Files.writeString(
                temp.resolve("docs.csv"),
                "id,category,body\n"
                        + "1,fruit,Apples and pears grow in the orchard.\n"
                        + "2,fruit,A ripe banana smoothie with mango.\n"
                        + "3,tech,The rust compiler borrow checker.\n"
                        + "4,tech,A banana shaped keyboard for typing.\n");
    }

    @Test
    void createRefreshListAndSearchOnAFreeHome() throws Exception {
        cli.succeeds("--home", home(), "ingest", docs().toString(), "--dataset", "docs");
        String created = cli.succeeds(
                "--home",
                home(),
                "index",
                "create",
                "docs_idx",
                "--dataset",
                "docs",
                "--id-column",
                "id",
                "--text-column",
                "body",
                "--max-degree",
                "16",
                "--overquery",
                "8");
        assertThat(created).contains("index docs_idx over docs").contains("feature-hashing");
        // The home's next ./lakehub run gets the Vector API module (ADR 0058).
        assertThat(temp.resolve("home").resolve(io.lakehub.app.vector.VectorApiHint.FILE))
                .exists();

        String refreshed = cli.succeeds("--home", home(), "index", "refresh", "docs_idx");
        assertThat(refreshed).contains("4 row(s), 4 added").contains("4 chunk(s) embedded");
        assertThat(cli.succeeds("--home", home(), "index", "refresh", "docs_idx"))
                .contains("up to date");

        String list = cli.succeeds("--home", home(), "index", "list");
        assertThat(list).contains("docs_idx").contains("docs").contains("(1 index)");

        JsonNode doc = JSON.readTree(cli.succeeds(
                "--home", home(), "search", "docs_idx", "banana smoothie mango", "--k", "2", "--format", "json"));
        assertThat(doc.path("hits").get(0).path("key").asText()).isEqualTo("2");
        assertThat(doc.path("hits").get(0).path("row").path("category").asText())
                .isEqualTo("fruit");
        assertThat(doc.path("hits")).hasSizeLessThanOrEqualTo(2);

        JsonNode tech = JSON.readTree(cli.succeeds(
                "--home",
                home(),
                "search",
                "docs_idx",
                "banana smoothie",
                "--filter",
                "category = 'tech'",
                "--format",
                "json"));
        for (JsonNode hit : tech.path("hits")) {
            assertThat(hit.path("row").path("category").asText()).isEqualTo("tech");
        }
        assertThat(tech.path("hits").get(0).path("key").asText()).isEqualTo("4");

        String table = cli.succeeds("--home", home(), "search", "docs_idx", "borrow checker", "--k", "1");
        assertThat(table).contains("rust compiler").contains("(1 hit)");

        var badK = cli.run("--home", home(), "search", "docs_idx", "banana", "--k", "0");
        assertThat(badK.code()).isNotZero();
        assertThat(badK.err()).contains("k must be between 1 and");
        var unknown = cli.run("--home", home(), "search", "nothing_idx", "banana");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("nothing_idx");
    }

    @Test
    void throughARunningHubSearchPrintsTheApiDocument() throws Exception {
        CliRunner hubCli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
        var started = hubCli.run(
                "--home",
                home(),
                "run",
                "--port",
                "0",
                "--",
                "--lakehub.inbox.enabled=false",
                "--lakehub.vector.provider=hashing");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            cli.succeeds("--home", home(), "ingest", docs().toString(), "--dataset", "docs");
            cli.succeeds(
                    "--home",
                    home(),
                    "index",
                    "create",
                    "docs_idx",
                    "--dataset",
                    "docs",
                    "--id-column",
                    "id",
                    "--text-column",
                    "body",
                    "--refresh",
                    "manual");
            assertThat(cli.succeeds("--home", home(), "index", "refresh", "docs_idx"))
                    .contains("4 added");
            String json = cli.succeeds(
                    "--home", home(), "search", "docs_idx", "banana smoothie mango", "--k", "1", "--format", "json");
            JsonNode doc = JSON.readTree(json);
            assertThat(doc.path("hits")).hasSize(1);
            assertThat(doc.path("hits").get(0).path("key").asText()).isEqualTo("2");
            assertThat(doc.path("hits").get(0).has("score")).isTrue();
            assertThat(doc.path("hits").get(0).has("chunk")).isTrue();
            assertThat(cli.succeeds("--home", home(), "index", "list")).contains("docs_idx");
        }
    }
}
