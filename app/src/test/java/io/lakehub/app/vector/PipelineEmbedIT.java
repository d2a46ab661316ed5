package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A pipeline's {@code embed:} key on a hub with its real back ends: after the pipeline commits, the
 * named vector index is refreshed (a commit to the same dataset by anyone else does not refresh it);
 * a hub whose pipelines name an index that does not exist refuses to start, naming file, line and key.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelineEmbedIT {
    private static final Path HOME = TestHomes.create("embed-step");
    private static final Path SOURCES = HOME.resolveSibling("embed-sources");
    private static final Path CONFIG = HOME.resolveSibling("embed-lakehub.yaml");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCES);
        Files.writeString(
                SOURCES.resolve("notes-1.csv"),
                "id,body\n1,Apples and pears grow in the orchard.\n2,A ripe banana smoothie with mango.\n",
                StandardCharsets.UTF_8);
        writeConfig("");
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", CONFIG::toString);
        registry.add("lakehub.config-reload-interval", () -> "100ms");
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "64");
    }

    private static void writeConfig(String embed) throws IOException {
        Files.writeString(
                CONFIG,
                """
                lakehub:
                  pipelines:
                    - id: notes
                      from: "file:%s?noop=true"
                      format: csv
                      into: notes
                      mode: upsert
                      key: [id]
                %s""".formatted(SOURCES.toAbsolutePath(), embed.isEmpty() ? "" : "      embed: " + embed + "\n"),
                StandardCharsets.UTF_8);
    }

    @LocalServerPort
    int port;

    @Autowired
    HubPipelines pipelines;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private long indexRows(String index) throws Exception {
        Response r = http().get("/api/indexes/" + index);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("row_count").asLong();
    }

    private long count(String sql) throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": \"" + sql + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rows").get(0).get(0).asLong();
    }

    private boolean aFileRunCommitted(long rows) {
        return pipelines.history("notes", 50).stream()
                .anyMatch(run ->
                        run.trigger() == TriggerKind.FILE && run.status() == RunStatus.SUCCEEDED && run.rows() == rows);
    }

    @Test
    void aPipelineWithEmbedRefreshesItsIndexAfterEachCommit() throws Exception {
        // The pipeline has no schedule: its always-on source route commits each file as it appears.
        await().atMost(Duration.ofSeconds(30)).until(() -> aFileRunCommitted(2));
        assertThat(count("SELECT count(*) FROM notes")).isEqualTo(2);
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"notes_idx\", \"dataset\": \"notes\", \"key_column\": \"id\", \"text_column\":"
                                + " \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(indexRows("notes_idx"))
                .as("manual refresh policy: nothing indexed yet")
                .isZero();

        // The pipeline gains embed: (the hub reloads its file), then commits a second file.
        writeConfig("{ index: notes_idx }");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !pipelines
                        .config()
                        .pipeline("notes")
                        .orElseThrow()
                        .embed()
                        .isEmpty());
        Files.writeString(
                SOURCES.resolve("notes-2.csv"),
                "id,body\n3,Trains across the alps in winter.\n",
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> aFileRunCommitted(1));
        assertThat(count("SELECT count(*) FROM notes")).isEqualTo(3);

        await().atMost(Duration.ofSeconds(60)).until(() -> indexRows("notes_idx") == 3);
        Response found = http().post("/api/indexes/notes_idx/search", "{\"query\": \"trains in the alps\", \"k\": 1}");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().path("hits").get(0).path("key").asText()).isEqualTo("3");

        // A commit to the same dataset that the pipeline did not make leaves the index as it is.
        Path other = Files.writeString(
                HOME.resolveSibling("embed-other.csv"), "id,body\n4,Written by hand.\n", StandardCharsets.UTF_8);
        Response ingested = http().post(
                        "/api/ingest",
                        "{\"path\": \"" + other.toAbsolutePath() + "\", \"dataset\": \"notes\", \"mode\": \"upsert\","
                                + " \"key\": [\"id\"]}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> indexRows("notes_idx") == 3);
    }

    @Test
    void aHubWhosePipelinesEmbedIntoAnUnknownIndexDoesNotStart() throws IOException {
        Path home = TestHomes.create("embed-unknown");
        Path config = Files.writeString(
                home.resolveSibling("embed-unknown.yaml"),
                """
                lakehub:
                  pipelines:
                    - id: docs
                      from: "file:%s?noop=true"
                      into: docs
                      embed: { index: [no_such_idx] }
                """.formatted(SOURCES.toAbsolutePath()),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SpringApplicationBuilder(LakehubApplication.class)
                        .properties(
                                "lakehub.home=" + home,
                                "lakehub.config=" + config,
                                "lakehub.inbox.enabled=false",
                                "lakehub.vector.provider=hashing",
                                "lakehub.vector.dimensions=64",
                                "server.port=0")
                        .run()
                        .close())
                .rootCause()
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(
                        config + ":6: lakehub.pipelines[0].embed.index[0]: no vector index named" + " 'no_such_idx'");
    }
}
