package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The growth trigger of the autotune agent ({@code lakehub.vector.autotune.growth-fraction}): an index
 * whose rows grow by more than the fraction is tuned without a request, the trials journalled — checked right
 * after the refresh that added the rows, not only at the next periodic check.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AutotuneTriggerIT {
    private static final Path HOME = TestHomes.create("autotune-trigger");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "32");
        registry.add("lakehub.vector.autotune.growth-fraction", () -> "0.5");
        // The periodic check only records the baseline when the index's job is scheduled: the run below is
        // started by the check right after the refresh that brought the rows.
        registry.add("lakehub.vector.autotune.check-interval", () -> "1h");
        registry.add("lakehub.vector.autotune.trials", () -> "2");
    }

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private void ingest(int from, int to) throws Exception {
        StringBuilder csv = new StringBuilder("id,body\n");
        for (int i = from; i <= to; i++) {
            csv.append(i)
                    .append(",row ")
                    .append(i)
                    .append(i % 3 == 0 ? " harbour lights" : " mountain bread")
                    .append('\n');
        }
        Path file = Files.writeString(HOME.resolveSibling("trigger-" + from + ".csv"), csv.toString());
        Response r = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"grow\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void refresh() throws Exception {
        String job = http().post("/api/indexes/grow_idx/refresh", "{}")
                .json()
                .path("job")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http().get("/api/jobs/" + job)
                        .json()
                        .path("status")
                        .asText()
                        .equals("succeeded"));
    }

    @Test
    void anIndexWhoseRowsGrewIsTunedWithoutARequest() throws Exception {
        ingest(1, 10);
        Response created = http().post(
                        "/api/indexes",
                        "{\"name\": \"grow_idx\", \"dataset\": \"grow\", \"key_column\": \"id\", \"text_column\": \"body\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        refresh();
        ingest(11, 40);
        refresh(); // 40 rows: more than 1.5 × any baseline this hub can have taken (0 or 10)

        await().atMost(Duration.ofSeconds(40)).until(() -> {
            JsonNode trials = http().get("/api/indexes/grow_idx/trials").json();
            return trials.size() >= 2
                    && trials.get(trials.size() - 1).path("status").asText().equals("completed");
        });
        JsonNode trials = http().get("/api/indexes/grow_idx/trials").json();
        assertThat(trials.get(0).path("evalset").asText()).startsWith("auto_");
        JsonNode sets = http().get("/api/indexes/grow_idx/evalsets").json();
        assertThat(sets.get(0).path("origin").asText()).isEqualTo("generated");
        assertThat(sets.get(0).path("created_by").asText()).isEqualTo("autotune");
    }
}
