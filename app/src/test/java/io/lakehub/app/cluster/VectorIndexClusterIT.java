package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vector indexes on two hubs (JVMs of their own, separate homes, one PostgreSQL catalog, one lake;
 * ADR 0047): an index created on A over rows ingested through B is refreshed through B and searched
 * through both; an on-commit index follows commits made through B; two refreshes requested at once on
 * A and B make one build, the other job finding the index up to date.
 */
class VectorIndexClusterIT {
    /** Embeddings of the hashing provider, 128 dimensions. */
    private static final Map<String, String> ENV =
            Map.of("LAKEHUB_VECTOR_PROVIDER", "hashing", "LAKEHUB_VECTOR_DIMENSIONS", "128");

    private final Path temp;

    @RegisterExtension
    final HubCluster cluster;

    private final VectorIndexCalls vectors;

    VectorIndexClusterIT(@TempDir Path temp) {
        this.temp = temp;
        this.cluster = new HubCluster("lh_indexlease_", temp);
        this.vectors = new VectorIndexCalls(temp);
    }

    @Test
    void indexesAreBuiltOnceAndSearchedThroughEveryHub() throws Exception {
        Path lake = temp.resolve("shared-lake");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        int[] ports = cluster.startHealthy(lake, config, ENV, "a", "b");
        int a = ports[0];
        int b = ports[1];

        vectors.ingest(b, "docs", "1,the river runs past the old mill", "2,a falcon over the meadow");
        vectors.create(a, """
                {"name": "docs_idx", "dataset": "docs", "key_column": "id", "text_column": "body"}""");
        assertThat(vectors.job(b, vectors.refresh(b, "docs_idx"))
                        .path("added_rows")
                        .asInt())
                .isEqualTo(2);
        assertThat(vectors.keys(a, "docs_idx", "falcon meadow")).first().isEqualTo("2");
        assertThat(vectors.keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2");

        // Rows ingested through B, refreshed through B: A reopens the new build on its next search.
        vectors.ingest(b, "docs", "3,glacier ice and lantern light");
        assertThat(vectors.job(b, vectors.refresh(b, "docs_idx"))
                        .path("added_rows")
                        .asInt())
                .isEqualTo(1);
        assertThat(vectors.keys(a, "docs_idx", "glacier lantern")).first().isEqualTo("3");
        assertThat(vectors.keys(b, "docs_idx", "glacier lantern")).first().isEqualTo("3");
        assertThat(builds(lake, "docs_idx")).hasSize(2); // the superseded one waits out its grace period

        // Two refreshes requested at once on A and on B: one build, the other job finds it up to date.
        vectors.ingest(a, "docs", "4,cedar harbour at dawn");
        CompletableFuture<String> onA = CompletableFuture.supplyAsync(() -> vectors.refresh(a, "docs_idx"));
        CompletableFuture<String> onB = CompletableFuture.supplyAsync(() -> vectors.refresh(b, "docs_idx"));
        JsonNode jobA = vectors.job(a, onA.get(60, TimeUnit.SECONDS));
        JsonNode jobB = vectors.job(b, onB.get(60, TimeUnit.SECONDS));
        assertThat(List.of(
                        jobA.path("up_to_date").asBoolean(),
                        jobB.path("up_to_date").asBoolean()))
                .as("A: %s, B: %s", jobA, jobB)
                .containsExactlyInAnyOrder(true, false);
        assertThat(builds(lake, "docs_idx")).hasSize(3);
        assertThat(vectors.keys(a, "docs_idx", "cedar harbour")).first().isEqualTo("4");
        assertThat(vectors.keys(b, "docs_idx", "cedar harbour")).first().isEqualTo("4");

        // An on-commit index created on A follows a commit made through B (refreshed once, by B).
        vectors.ingest(a, "notes", "n1,stone walls");
        vectors.create(a, """
                {"name": "notes_idx", "dataset": "notes", "key_column": "id", "text_column": "body",
                 "refresh": "on-commit"}""");
        vectors.ingest(b, "notes", "n2,meadow flowers in spring");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        vectors.keys(a, "notes_idx", "meadow flowers spring").contains("n2"));
        assertThat(vectors.keys(b, "notes_idx", "meadow flowers spring"))
                .first()
                .isEqualTo("n2");
        assertThat(vectors.keys(a, "notes_idx", "stone walls")).first().isEqualTo("n1");
    }

    private List<String> builds(Path lake, String index) throws IOException {
        try (Stream<Path> dirs =
                Files.list(lake.resolve("_indexes").resolve(index).resolve("builds"))) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        }
    }
}
