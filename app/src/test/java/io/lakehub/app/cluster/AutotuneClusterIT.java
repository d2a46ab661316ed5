package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autotune agent on two hubs (JVMs of their own, one PostgreSQL catalog, one lake, clustered
 * scheduler; ADR 0048): the index's cron is one Quartz job, each fire runs on exactly one hub; a
 * promotion recorded in the catalog and a rollback made through hub A are put in force by hub B on
 * its next search, which does not fail.
 */
class AutotuneClusterIT {
    /** The log line of a run a cron fire started, with the fire's due time. */
    private static final Pattern CRON_RUN =
            Pattern.compile("Autotune of vector index docs_idx started \\(cron [^,]*, due (\\S+)\\)");

    /** The cron fires every 2 s, one trial per run. */
    private static final Map<String, String> ENV = Map.of(
            "LAKEHUB_VECTOR_PROVIDER", "hashing",
            "LAKEHUB_VECTOR_DIMENSIONS", "32",
            "LAKEHUB_VECTOR_AUTOTUNE_CRON", "*/2 * * * * ?",
            "LAKEHUB_VECTOR_AUTOTUNE_TRIALS", "1");

    private final Path temp;

    @RegisterExtension
    final HubCluster cluster;

    private final VectorIndexCalls vectors;

    AutotuneClusterIT(@TempDir Path temp) {
        this.temp = temp;
        this.cluster = new HubCluster("lh_agentjob_", temp);
        this.vectors = new VectorIndexCalls(temp);
    }

    @Test
    void eachCronFireRunsOnOneHubAndPromotionsReachTheOtherHub() throws Exception {
        Path lake = temp.resolve("shared-lake");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines: []\n");
        int[] ports = cluster.startHealthy(lake, config, ENV, "a", "b");
        int a = ports[0];
        int b = ports[1];

        vectors.ingest(a, "docs", "1,the river runs past the old mill", "2,a falcon over the meadow", "3,glacier ice");
        vectors.create(a, """
                {"name": "docs_idx", "dataset": "docs", "key_column": "id", "text_column": "body"}""");
        vectors.job(a, vectors.refresh(a, "docs_idx"));
        assertThat(vectors.keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2"); // B has it open

        // The cron fires every 2 s; each fire time is run by one hub only, across the cluster.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> cronRuns().size() >= 4);
        List<String> fires = cronRuns();
        assertThat(fires).as("due times of cron runs on A and B").doesNotHaveDuplicates();

        // A promotion recorded in the catalog (as hub A's agent records it) is used by B's next search.
        JsonNode index = vectors.get(a, "/api/indexes/docs_idx");
        String graph = String.format(
                java.util.Locale.ROOT,
                "m=%d,beam=%d,overflow=%s,alpha=%s,hier=%b",
                index.path("max_degree").asInt(),
                index.path("beam_width").asInt(),
                Float.toString((float) index.path("neighbor_overflow").asDouble()),
                Float.toString((float) index.path("alpha").asDouble()),
                index.path("hierarchy").asBoolean());
        String live = graph + ";oq=" + index.path("overquery").asInt() + ",exact=0.02";
        String promoted = graph + ";oq=" + (index.path("overquery").asInt() + 4) + ",exact=0.5";
        try (Connection c = DriverManager.getConnection(cluster.catalogUrl(), "postgres", "");
                PreparedStatement ps = c.prepareStatement("INSERT INTO vector_promotion (index_name, seq, action,"
                        + " parameters, previous, trial_seq, reason, actor, promoted_at)"
                        + " VALUES ('docs_idx', 1, 'promote', ?, ?, NULL, 'test', 'ADMIN', ?)")) {
            ps.setString(1, promoted);
            ps.setString(2, live);
            ps.setLong(3, System.currentTimeMillis() * 1000);
            ps.executeUpdate();
        }
        assertThat(vectors.keys(b, "docs_idx", "falcon meadow")).first().isEqualTo("2");
        assertThat(log("b")).contains("Vector index docs_idx: put promote " + promoted + " in force (promotion 1");

        // A rollback through hub A: B's next search is back on the previous parameters.
        HttpResponse<String> rolledBack =
                HubFixture.post(a, "/api/indexes/docs_idx/rollback", "{\"reason\": \"test\"}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(200);
        assertThat(vectors.keys(b, "docs_idx", "glacier")).first().isEqualTo("3");
        assertThat(log("b")).contains("Vector index docs_idx: put rollback " + live + " in force");
    }

    /** The due times of the cron runs both hubs started, from their logs. */
    private List<String> cronRuns() throws IOException {
        List<String> due = new ArrayList<>();
        for (String node : List.of("a", "b")) {
            Matcher m = CRON_RUN.matcher(log(node));
            while (m.find()) {
                due.add(m.group(1));
            }
        }
        return due;
    }

    private String log(String node) throws IOException {
        Path file = temp.resolve(node + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
