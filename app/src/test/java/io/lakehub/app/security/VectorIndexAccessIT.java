package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Vector index search respects the column clearances (ADR 0030): a hit returns the whole row, so a role not
 * cleared for a PII column of the indexed dataset gets 403, naming the column; an admin searches.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(VectorIndexAccessIT.Sensitivity.class)
class VectorIndexAccessIT {
    private static final Path HOME = TestHomes.create("vector-access");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "admin-key-vector-7f3a9c1e5b2d";
    static final String ANALYST_KEY = "analyst-key-vector-0c8e2a4b6d";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.security.api-keys.root.key-sha256", () -> ApiKeys.hashHex(ADMIN_KEY));
        registry.add("lakehub.security.api-keys.root.role", () -> "admin");
        registry.add("lakehub.security.api-keys.analyst.key-sha256", () -> ApiKeys.hashHex(ANALYST_KEY));
        registry.add("lakehub.security.roles.analyst.clearances", () -> "PHONE");
        registry.add("lakehub.vector.provider", () -> "hashing");
    }

    /** people.email is EMAIL. */
    @TestConfiguration
    static class Sensitivity {
        @Bean
        ColumnSensitivity testSensitivity() {
            return dataset -> dataset.value().equals("people") ? Map.of("email", "EMAIL") : Map.of();
        }
    }

    @LocalServerPort
    int port;

    private Response call(String method, String path, String key, String json) throws Exception {
        HubHttp http = new HubHttp(port);
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).header("Authorization", "Bearer " + key);
        if (json != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build());
    }

    @Test
    void aRoleNotClearedForAColumnOfTheDatasetCannotSearchItsIndex() throws Exception {
        Path csv = Files.writeString(
                HOME.resolveSibling("vector-people.csv"),
                "id,bio,email\n1,Sails boats on the fjord,al@example.org\n2,Bakes sourdough bread,bo@example.org\n");
        Response ingested = call(
                "POST",
                "/api/ingest",
                ADMIN_KEY,
                "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"people\"}");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);

        Response denied = call(
                "POST",
                "/api/indexes",
                ANALYST_KEY,
                "{\"name\": \"mail_idx\", \"dataset\": \"people\", \"key_column\": \"id\", \"text_column\": \"email\"}");
        assertThat(denied.status()).isEqualTo(403);

        Response created = call(
                "POST",
                "/api/indexes",
                ADMIN_KEY,
                "{\"name\": \"people_idx\", \"dataset\": \"people\", \"key_column\": \"id\", \"text_column\": \"bio\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String job = call("POST", "/api/indexes/people_idx/refresh", ADMIN_KEY, null)
                .json()
                .path("job")
                .asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> call("GET", "/api/jobs/" + job, ADMIN_KEY, null)
                        .json()
                        .path("status")
                        .asText()
                        .equals("succeeded"));

        String query = "{\"query\": \"sourdough bread\", \"k\": 1}";
        Response analyst = call("POST", "/api/indexes/people_idx/search", ANALYST_KEY, query);
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.error()).contains("Role 'analyst'").contains("email");
        Response admin = call("POST", "/api/indexes/people_idx/search", ADMIN_KEY, query);
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.json().path("hits").get(0).path("key").asText()).isEqualTo("2");
        assertThat(admin.json().path("hits").get(0).path("row").path("email").asText())
                .isEqualTo("bo@example.org");
    }
}
