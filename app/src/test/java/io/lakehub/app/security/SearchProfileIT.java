package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Search profiles (ADR 0041) through the HTTP API with the hashing provider: only an admin creates or
 * deletes one; a profile bound to a governance view lets a role not cleared for the dataset's PII search
 * the index and get the view's redacted rows (no raw chunk, no row the view hides); an index outside the
 * profile is refused with 403 naming the bindings; activation warms the profile's index.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SearchProfileIT.Sensitivity.class)
class SearchProfileIT {
    private static final Path HOME = TestHomes.create("profiles");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "admin-key-profile-4e1b7d9a2c";
    static final String AGENT_KEY = "agent-key-profile-8a3f5c0e6b";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.pii.hash-key", () -> "profile-test-key-0123456789abcdef");
        registry.add("lakehub.security.api-keys.root.key-sha256", () -> ApiKeys.hashHex(ADMIN_KEY));
        registry.add("lakehub.security.api-keys.root.role", () -> "admin");
        registry.add("lakehub.security.api-keys.agent.key-sha256", () -> ApiKeys.hashHex(AGENT_KEY));
        registry.add("lakehub.security.api-keys.agent.role", () -> "agent");
        registry.add("lakehub.security.roles.agent.clearances", () -> "PHONE");
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "128");
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

    private void ingest(String dataset, String csv) throws Exception {
        Path file = Files.writeString(HOME.resolveSibling("profiles-" + dataset + ".csv"), csv);
        Response r = call(
                "POST",
                "/api/ingest",
                ADMIN_KEY,
                "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void index(String name, String dataset, String text) throws Exception {
        Response created = call(
                "POST",
                "/api/indexes",
                ADMIN_KEY,
                "{\"name\": \"" + name + "\", \"dataset\": \"" + dataset + "\", \"key_column\": \"id\","
                        + " \"text_column\": \"" + text + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String job = call("POST", "/api/indexes/" + name + "/refresh", ADMIN_KEY, null)
                .json()
                .path("job")
                .asText();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !call("GET", "/api/jobs/" + job, ADMIN_KEY, null)
                        .json()
                        .path("status")
                        .asText()
                        .matches("queued|running"));
        assertThat(call("GET", "/api/jobs/" + job, ADMIN_KEY, null)
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    void aProfileScopesSearchesAndServesRowsThroughItsView() throws Exception {
        ingest(
                "people",
                "id,team,bio,email\n"
                        + "1,blue,Sails boats on the fjord,al@example.org\n"
                        + "2,blue,Bakes sourdough bread every morning,bo@example.org\n"
                        + "3,secret,Bakes sourdough bread and rye loaves,cy@example.org\n");
        ingest("notes", "id,body\n1,Quarterly sourdough budget\n");
        index("people_idx", "people", "bio");
        index("notes_idx", "notes", "body");
        Response view = call(
                "POST",
                "/api/views",
                ADMIN_KEY,
                "{\"name\": \"people_safe\", \"base\": \"people\", \"columns\": [\"id\", \"team\", \"email\"],"
                        + " \"row_filter\": \"team <> 'secret'\", \"redactions\": {\"email\": \"mask\"}}");
        assertThat(view.status()).as(view.body()).isEqualTo(201);

        String profile = "{\"id\": \"support_bot\", \"datasets\": [\"people_safe\"], \"indexes\": [\"people_idx\"],"
                + " \"defaults\": {\"k\": 5, \"mode\": \"vector\"}}";
        Response refused = call("POST", "/api/profiles", AGENT_KEY, profile);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).contains("admin");
        Response unbound = call(
                "POST",
                "/api/profiles",
                ADMIN_KEY,
                "{\"id\": \"bad\", \"datasets\": [\"people_safe\"], \"indexes\": [\"notes_idx\"]}");
        assertThat(unbound.status()).isEqualTo(400);
        assertThat(unbound.error()).contains("notes_idx").contains("notes");
        Response created = call("POST", "/api/profiles", ADMIN_KEY, profile);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("defaults").path("k").asInt()).isEqualTo(5);
        assertThat(call("POST", "/api/profiles", ADMIN_KEY, profile).status()).isEqualTo(409);
        assertThat(call("GET", "/api/profiles", AGENT_KEY, null)
                        .json()
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo("support_bot");
        assertThat(call("GET", "/api/profiles/support_bot", AGENT_KEY, null)
                        .json()
                        .path("indexes")
                        .get(0)
                        .asText())
                .isEqualTo("people_idx");

        // The agent's role may not read people.email: the index itself is closed to it, the profile is not.
        String query = "{\"query\": \"sourdough bread\"}";
        assertThat(call("POST", "/api/indexes/people_idx/search", AGENT_KEY, query)
                        .status())
                .isEqualTo(403);
        Response found = call("POST", "/api/profiles/support_bot/search", AGENT_KEY, query);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode hit : found.json().path("hits")) {
            keys.add(hit.path("key").asText());
            assertThat(hit.path("chunk").isNull()).as(hit.toString()).isTrue();
            assertThat(hit.path("row").has("bio")).isFalse();
            assertThat(hit.path("row").path("email").asText())
                    .doesNotContain("@")
                    .endsWith(".org");
        }
        assertThat(keys).first().isEqualTo("2");
        assertThat(keys).doesNotContain("3"); // the view hides the secret team's rows
        assertThat(found.body()).doesNotContain("bo@example.org").doesNotContain("cy@example.org");

        Response outside = call(
                "POST",
                "/api/profiles/support_bot/search",
                AGENT_KEY,
                "{\"query\": \"sourdough\", \"index\": \"notes_idx\"}");
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.error()).contains("people_idx").contains("people_safe");

        Response activated = call("POST", "/api/profiles/support_bot/activate", AGENT_KEY, null);
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        JsonNode warmed = activated.json().path("warmed").get(0);
        assertThat(warmed.path("index").asText()).isEqualTo("people_idx");
        assertThat(warmed.path("chunks").asLong()).isEqualTo(3);
        assertThat(warmed.path("error").isNull()).isTrue();
        assertThat(activated.json().has("elapsed_ms")).isTrue();

        assertThat(call("DELETE", "/api/profiles/support_bot", AGENT_KEY, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/profiles/support_bot", ADMIN_KEY, null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/api/profiles/support_bot", ADMIN_KEY, null).status())
                .isEqualTo(404);

        // Datasets bound directly: raw rows and chunks, the caller's clearances still apply; several
        // indexes need "index"; the profile's filter is always added.
        Response team = call(
                "POST",
                "/api/profiles",
                ADMIN_KEY,
                "{\"id\": \"team\", \"datasets\": [\"notes\", \"people\"], \"indexes\": [\"notes_idx\", \"people_idx\"],"
                        + " \"defaults\": {\"filter\": \"id <> 2\"}}");
        assertThat(team.status()).as(team.body()).isEqualTo(201);
        Response which = call("POST", "/api/profiles/team/search", ADMIN_KEY, query);
        assertThat(which.status()).isEqualTo(400);
        assertThat(which.error()).contains("notes_idx").contains("people_idx");
        Response notes = call(
                "POST", "/api/profiles/team/search", AGENT_KEY, "{\"query\": \"sourdough\", \"index\": \"notes_idx\"}");
        assertThat(notes.status()).as(notes.body()).isEqualTo(200);
        assertThat(notes.json().path("hits").get(0).path("chunk").asText()).contains("sourdough");
        assertThat(call(
                                "POST",
                                "/api/profiles/team/search",
                                AGENT_KEY,
                                "{\"query\": \"sourdough\", \"index\": \"people_idx\"}")
                        .status())
                .isEqualTo(403);
        Response filtered = call(
                "POST",
                "/api/profiles/team/search",
                ADMIN_KEY,
                "{\"query\": \"sourdough bread\", \"index\": \"people_idx\", \"k\": 3}");
        assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
        List<String> unfiltered = new ArrayList<>();
        for (JsonNode hit : filtered.json().path("hits")) {
            unfiltered.add(hit.path("key").asText());
        }
        assertThat(unfiltered).doesNotContain("2").contains("3");
    }
}
