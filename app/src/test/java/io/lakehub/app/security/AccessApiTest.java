package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Access control on a hub with its real back ends (H2 catalog, DuckDB) and two API keys: an admin and
 * an analyst cleared for PHONE only, over a dataset whose email column is EMAIL and phone column
 * PHONE (a test {@link ColumnSensitivity}, as detection will supply).
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AccessApiTest.Sensitivity.class)
class AccessApiTest {
    private static final Path HOME = TestHomes.create("access");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "admin-key-7f3a9c1e5b2d4f6a";
    static final String ANALYST_KEY = "analyst-key-0c8e2a4b6d1f3e5a";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.security.api-keys.root.key-sha256", () -> ApiKeys.hashHex(ADMIN_KEY));
        registry.add("lakehub.security.api-keys.root.role", () -> "admin");
        registry.add("lakehub.security.api-keys.analyst.key-sha256", () -> ApiKeys.hashHex(ANALYST_KEY));
        registry.add("lakehub.security.roles.analyst.clearances", () -> "PHONE");
        registry.add("lakehub.pii.hash-key", () -> "test-hash-key-5e1d9a7c3b");
    }

    /** people.email is EMAIL and people.phone is PHONE. */
    @TestConfiguration
    static class Sensitivity {
        @Bean
        ColumnSensitivity testSensitivity() {
            return dataset ->
                    dataset.value().equals("people") || dataset.value().equals("contacts")
                            ? Map.of("email", "EMAIL", "phone", "PHONE")
                            : Map.of();
        }
    }

    @LocalServerPort
    int port;

    private HubHttp http() {
        return new HubHttp(port);
    }

    private Response call(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(http().uri(path));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http().send(b.build());
    }

    private Response sql(String key, String sql) throws Exception {
        return call("POST", "/api/sql", key, JSON.writeValueAsString(Map.of("sql", sql)));
    }

    @BeforeEach
    void people() throws Exception {
        Path csv = HOME.resolveSibling("people.csv");
        if (Files.exists(csv)) {
            return;
        }
        Files.writeString(
                csv, "id,name,email,phone\n1,Al,al@example.org,+1 202 555 0101\n2,Bo,bo@example.org,+1 202 555 0102\n");
        Response r = call(
                "POST",
                "/api/ingest",
                ADMIN_KEY,
                "{\"path\": " + JSON.writeValueAsString(csv.toString()) + ", \"dataset\": \"people\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void theApiNeedsAValidKeyButWebhooksHealthAndTheConsoleDoNot() throws Exception {
        Response none = call("GET", "/api/datasets", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("requires an API key").contains("Authorization: Bearer");
        assertThat(call("GET", "/api/datasets", "wrong-key-000000000", null).status())
                .isEqualTo(401);
        assertThat(call("GET", "/api/datasets", ADMIN_KEY, null).status()).isEqualTo(200);
        Response xApiKey = http().send(HttpRequest.newBuilder(http().uri("/api/datasets"))
                .header("X-Api-Key", ANALYST_KEY)
                .GET()
                .build());
        assertThat(xApiKey.status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health", null, null).status()).isIn(200, 503);
        assertThat(call("GET", "/actuator/prometheus", null, null).status()).isIn(401, 404);
        assertThat(call("GET", "/", null, null).status()).isEqualTo(200);
        // A webhook is not refused for the key (its pipeline does not exist: 404, not 401).
        assertThat(call("POST", "/api/webhooks/nope", null, "{}").status()).isNotEqualTo(401);
    }

    @Test
    void aRoleWithoutClearanceCannotSelectAPiiColumnNamedOrByStar() throws Exception {
        Response named = sql(ANALYST_KEY, "SELECT id, email FROM people");
        assertThat(named.status()).isEqualTo(403);
        assertThat(named.error())
                .contains("Role 'analyst'")
                .contains("column email (EMAIL) of dataset people")
                .contains("POST /api/views");
        Response star = sql(ANALYST_KEY, "SELECT * FROM people");
        assertThat(star.status()).isEqualTo(403);
        assertThat(star.error()).contains("column email (EMAIL) of dataset people");
        assertThat(sql(ANALYST_KEY, "SELECT count(*) FROM people WHERE email = 'al@example.org'")
                        .status())
                .isEqualTo(403);
        assertThat(sql(ANALYST_KEY, "SELECT * FROM read_parquet('" + HOME + "/lake/people/*.parquet')")
                        .status())
                .isEqualTo(403);

        Response cleared = sql(ANALYST_KEY, "SELECT id, name, phone FROM people ORDER BY id");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().path("row_count").asLong()).isEqualTo(2);
        assertThat(sql(ANALYST_KEY, "SELECT * EXCLUDE (email) FROM people").status())
                .isEqualTo(403); // conservative: EXCLUDE names the column
        Response admin = sql(ADMIN_KEY, "SELECT * FROM people");
        assertThat(admin.status()).isEqualTo(200);
    }

    @Test
    void viewsShareRedactedColumnsWithRolesThatAreNotCleared() throws Exception {
        Response created = call("POST", "/api/views", ADMIN_KEY, """
                {"name": "people_masked", "base": "people", "columns": ["id", "email", "phone", "name"],
                 "row_filter": "id < 10 AND email <> 'nobody@example.org'",
                 "redactions": {"email": "mask", "phone": "hash", "name": null}}
                """);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("created_by").asText()).isEqualTo("admin");

        Response read = sql(ANALYST_KEY, "SELECT id, email, phone, name FROM people_masked ORDER BY id");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode first = read.json().path("rows").get(0);
        assertThat(first.get(1).asText()).isEqualTo("**********.org");
        assertThat(first.get(2).asText())
                .hasSize(64)
                .isEqualTo(Redactions.hmac("test-hash-key-5e1d9a7c3b").apply("+1 202 555 0101"));
        assertThat(first.get(3).isNull()).isTrue();

        assertThat(call("GET", "/api/views/people_masked", ANALYST_KEY, null)
                        .json()
                        .path("redactions")
                        .path("email")
                        .asText())
                .isEqualTo("mask");
        assertThat(call("GET", "/api/views", ANALYST_KEY, null).json().toString())
                .contains("people_masked");

        // The analyst may not share what it may not read, even redacted.
        Response denied = call(
                "POST",
                "/api/views",
                ANALYST_KEY,
                "{\"name\": \"mine\", \"base\": \"people\", \"redactions\": {\"email\": \"mask\"}}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.error()).contains("email");
        assertThat(call("DELETE", "/api/views/people_masked", ANALYST_KEY, null).status())
                .isEqualTo(403);

        assertThat(call(
                                "POST",
                                "/api/views",
                                ADMIN_KEY,
                                "{\"name\": \"people_masked\", \"base\": \"people\", \"columns\": [\"id\"]}")
                        .status())
                .isEqualTo(409);
        assertThat(call("DELETE", "/api/views/people_masked", ADMIN_KEY, null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/api/views/people_masked", ADMIN_KEY, null).status())
                .isEqualTo(404);
        assertThat(sql(ANALYST_KEY, "SELECT * FROM people_masked").status()).isEqualTo(400);
    }

    @Test
    void aRowFilterGoesThroughTheSqlGuardAndTheCreatorsClearances() throws Exception {
        Response refused = call(
                "POST",
                "/api/views",
                ADMIN_KEY,
                "{\"name\": \"sneaky\", \"base\": \"people\", \"columns\": [\"id\"],"
                        + " \"row_filter\": \"(SELECT count(*) FROM query('SELECT 1')) > 0\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("query() is not allowed");

        Response injected = call(
                "POST",
                "/api/views",
                ADMIN_KEY,
                "{\"name\": \"sneaky\", \"base\": \"people\", \"columns\": [\"id\"],"
                        + " \"row_filter\": \"true); DROP VIEW people; SELECT (1\"}");
        assertThat(injected.status()).isEqualTo(400);

        Response subquery = call(
                "POST",
                "/api/views",
                ANALYST_KEY,
                "{\"name\": \"sneaky\", \"base\": \"people\", \"columns\": [\"id\"],"
                        + " \"row_filter\": \"id IN (SELECT id FROM people WHERE email LIKE 'a%')\"}");
        assertThat(subquery.status()).isEqualTo(403);
        assertThat(subquery.error()).contains("column email (EMAIL) of dataset people");

        Response badColumn = call(
                "POST",
                "/api/views",
                ADMIN_KEY,
                "{\"name\": \"sneaky\", \"base\": \"people\", \"columns\": [\"nope\"]}");
        assertThat(badColumn.status()).isEqualTo(400);
        assertThat(badColumn.error()).contains("'nope'").contains("columns are [id, name, email, phone]");
    }

    @Test
    void everyQueryIsAuditedWithRoleDatasetsAndPiiColumnsButNoValuesOrSql() throws Exception {
        assertThat(sql(ADMIN_KEY, "SELECT name FROM people WHERE email = 'al@example.org'")
                        .status())
                .isEqualTo(200);
        assertThat(sql(ANALYST_KEY, "SELECT email FROM people WHERE name = 'Bo'")
                        .status())
                .isEqualTo(403);

        JsonNode events = call("GET", "/api/audit?limit=50", ADMIN_KEY, null).json();
        List<JsonNode> queries = new ArrayList<>();
        events.path("events").forEach(e -> {
            if (e.path("action").asText().equals("sql.query")) {
                queries.add(e);
            }
        });
        String all = events.toString();
        assertThat(all).doesNotContain("al@example.org").doesNotContain("'Bo'").doesNotContain("SELECT");
        JsonNode ok = queries.stream()
                .map(e -> e.path("details"))
                .filter(d -> d.path("role").asText().equals("admin")
                        && d.path("pii_columns").size() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(ok.path("outcome").asText()).isEqualTo("ok");
        assertThat(ok.path("datasets").toString()).isEqualTo("[\"people\"]");
        assertThat(ok.path("pii_columns").toString()).isEqualTo("{\"people\":[\"email\"]}");
        JsonNode denied = queries.stream()
                .map(e -> e.path("details"))
                .filter(d -> d.path("outcome").asText().equals("denied"))
                .findFirst()
                .orElseThrow();
        assertThat(denied.path("role").asText()).isEqualTo("analyst");
        assertThat(denied.path("key").asText()).isEqualTo("analyst");
        assertThat(denied.path("pii_columns").toString()).isEqualTo("{\"people\":[\"email\"]}");
    }

    @Test
    void aBrowserPageFromAnotherOriginCannotPostEvenWithAKey() throws Exception {
        Response r = http().send(HttpRequest.newBuilder(http().uri("/api/sql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1\"}"))
                .build());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error()).contains("Cross-origin request refused");
        Response sameOrigin = http().send(HttpRequest.newBuilder(http().uri("/api/sql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1\"}"))
                .build());
        assertThat(sameOrigin.status()).isEqualTo(200);
    }
}
