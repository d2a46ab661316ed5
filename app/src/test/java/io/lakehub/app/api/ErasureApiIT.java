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
 * Erasure through the HTTP API on the real back ends: 202 with the rows already invisible, the state
 * followed to {@code erased}, verify before and after, errors naming the column, the audit journal
 * keeping hashes only.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureApiIT {
    private static final Path HOME = TestHomes.create("erasure");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANN = "ann.erasure@example.com";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.pii.hash-key", () -> "api-test-key-0123456789abcdef");
    }

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    @Test
    void anErasureIsInvisibleAtOnceThenErasedAndVerified() throws Exception {
        StringBuilder csv = new StringBuilder("id,email,amount\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append(i)
                    .append(',')
                    .append(i % 100 == 0 ? ANN : "u" + i + "@example.com")
                    .append(',')
                    .append(i)
                    .append('\n');
        }
        Path file = Files.writeString(HOME.resolveSibling("erasure-customers.csv"), csv.toString());
        Response ingested = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"customers\"}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        assertThat(verify("customers", ANN).path("erased").asBoolean()).isFalse();

        Response accepted = http().post(
                        "/api/datasets/customers/erasures",
                        "{\"key_column\": \"email\", \"values\": [\"" + ANN + "\"], \"reason\": \"GDPR request 7\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode erasure = accepted.json();
        assertThat(erasure.path("state").asText()).isIn("invisible", "erased");
        assertThat(accepted.body()).doesNotContain(ANN);
        assertThat(count("SELECT count(*) FROM customers WHERE email = '" + ANN + "'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(990);

        long id = erasure.path("id").asLong();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(http().get("/api/datasets/customers/erasures/" + id)
                                .json()
                                .path("state")
                                .asText())
                        .isEqualTo("erased"));
        JsonNode done = http().get("/api/datasets/customers/erasures/" + id).json();
        assertThat(done.path("rows_hidden").asLong()).isEqualTo(10);
        assertThat(done.path("rows_removed").asLong()).isEqualTo(10);
        assertThat(done.path("files_rewritten").asInt()).isEqualTo(1);
        JsonNode verified = verify("customers", ANN);
        assertThat(verified.path("erased").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("files_scanned").asInt()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customers")).isEqualTo(990);

        String audit = http().get("/api/audit?limit=50").body();
        assertThat(audit).contains("dataset.erasure").contains("value_hmacs").doesNotContain(ANN);
    }

    @Test
    void badRequestsNameWhatIsWrong() throws Exception {
        Path file = Files.writeString(HOME.resolveSibling("erasure-small.csv"), "id,email\n1,x@example.com\n");
        http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"small\"}");

        Response noColumn =
                http().post("/api/datasets/small/erasures", "{\"key_column\": \"mail\", \"values\": [\"x\"]}");
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.error()).contains("no column 'mail'").contains("email");

        Response noValues = http().post("/api/datasets/small/erasures", "{\"key_column\": \"email\", \"values\": []}");
        assertThat(noValues.status()).isEqualTo(400);

        assertThat(http().post("/api/datasets/nothing_here/erasures", "{\"key_column\": \"a\", \"values\": [\"x\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(http().get("/api/datasets/small/erasures/999999").status()).isEqualTo(404);
    }

    private JsonNode verify(String dataset, String value) throws Exception {
        Response r = http().post(
                        "/api/datasets/" + dataset + "/erasures/verify",
                        "{\"value\": " + JSON.writeValueAsString(value) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private long count(String sql) throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rows").get(0).get(0).asLong();
    }
}
