package io.lakehub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.testing.cluster.HubFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls the vector index cluster tests make on a hub ({@code 127.0.0.1:port}): ingest rows,
 * create, refresh and search an index, wait for a job. Each asserts the status its call must answer.
 * Public for the crash tests of other packages that drive an index over HTTP.
 */
public final class VectorIndexCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private int files;

    /** @param dir where the CSV files of {@link #ingest} are written (the test's directory) */
    public VectorIndexCalls(Path dir) {
        this.dir = dir;
    }

    /** Ingests {@code rows} ({@code id,body}) into {@code dataset} from a new CSV file. */
    public void ingest(int port, String dataset, String... rows) throws Exception {
        Path file = Files.writeString(
                dir.resolve(dataset + "-" + (++files) + ".csv"), "id,body\n" + String.join("\n", rows) + "\n");
        HttpResponse<String> r = HubFixture.post(
                port, "/api/ingest", JSON.writeValueAsString(Map.of("path", file.toString(), "dataset", dataset)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Creates the index {@code definition} (a JSON document) describes. */
    public void create(int port, String definition) throws Exception {
        HttpResponse<String> r = HubFixture.post(port, "/api/indexes", definition);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** Requests a refresh of {@code index}; the id of its job. */
    public String refresh(int port, String index) {
        try {
            HttpResponse<String> r = HubFixture.post(port, "/api/indexes/" + index + "/refresh", "{}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            return JSON.readTree(r.body()).path("job").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for the job to finish through the hub that runs it; it must have succeeded. */
    public JsonNode job(int port, String id) throws Exception {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        !get(port, "/api/jobs/" + id).path("status").asText().matches("queued|running"));
        JsonNode done = get(port, "/api/jobs/" + id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        return done;
    }

    /** The keys of the (at most 3) nearest hits of {@code query} in {@code index}, nearest first. */
    public List<String> keys(int port, String index, String query) throws Exception {
        HttpResponse<String> r = HubFixture.post(
                port, "/api/indexes/" + index + "/search", JSON.writeValueAsString(Map.of("query", query, "k", 3)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(r.body()).path("hits")) {
            keys.add(hit.path("key").asText());
        }
        return keys;
    }

    /** GETs {@code path}, its body as JSON. */
    public JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(HubFixture.get(port, path).body());
    }
}
