package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.testing.HubHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code lakehub index trials NAME} (ADR 0041): through a running hub it prints the trial journal an
 * autotune run wrote; on a free home it reads the catalog; an unknown index is named.
 */
class IndexTrialsCliIT {
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

    @Test
    void trialsOfAnAutotuneRunAreListed() throws Exception {
        String home = temp.resolve("home").toString();
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(i)
                    .append(",note ")
                    .append(i)
                    .append(" about ")
                    .append(i % 2 == 0 ? "bread" : "boats")
                    .append('\n');
        }
        Path docs = Files.writeString(temp.resolve("docs.csv"), csv.toString());
        CliRunner hubCli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));
        var started = hubCli.run(
                "--home",
                home,
                "run",
                "--port",
                "0",
                "--",
                "--lakehub.inbox.enabled=false",
                "--lakehub.vector.provider=hashing");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (ConfigurableApplicationContext hub = run.context()) {
            cli.succeeds("--home", home, "ingest", docs.toString(), "--dataset", "docs");
            cli.succeeds(
                    "--home",
                    home,
                    "index",
                    "create",
                    "docs_idx",
                    "--dataset",
                    "docs",
                    "--id-column",
                    "id",
                    "--text-column",
                    "body");
            cli.succeeds("--home", home, "index", "refresh", "docs_idx");
            assertThat(cli.succeeds("--home", home, "index", "trials", "docs_idx"))
                    .contains("(0 trials)");

            HubHttp http = new HubHttp(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")));
            String job = http.post("/api/indexes/docs_idx/autotune", "{\"trials\": 2}")
                    .json()
                    .path("job")
                    .asText();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/jobs/" + job)
                            .json()
                            .path("status")
                            .asText()
                            .equals("succeeded"));

            String table = cli.succeeds("--home", home, "index", "trials", "docs_idx");
            assertThat(table)
                    .contains("seq")
                    .contains("p95 µs")
                    .contains("completed")
                    .contains("search_time");
            assertThat(table).contains("(2 trials)");
            var unknown = cli.run("--home", home, "index", "trials", "nothing_idx");
            assertThat(unknown.code()).isNotZero();
            assertThat(unknown.err()).contains("nothing_idx");
        }
    }
}
