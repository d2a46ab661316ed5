package io.lakehub.app.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.security.ApiKeys;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Detection and access together, with no test double in between: the scan that runs on every ingest
 * classifies a column as EMAIL, and from then on a role without that clearance cannot select it
 * (403 naming it) while an admin can, and other columns stay readable.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScannedPiiAccessTest {
    private static final Path HOME = TestHomes.create("scanned-pii-access");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "admin-key-3b9d7f1a5c2e4a6b";
    private static final String CLERK_KEY = "clerk-key-8a6c4e2b0d9f7a5c";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.security.api-keys.root.key-sha256", () -> ApiKeys.hashHex(ADMIN_KEY));
        registry.add("lakehub.security.api-keys.root.role", () -> "admin");
        registry.add("lakehub.security.api-keys.clerk.key-sha256", () -> ApiKeys.hashHex(CLERK_KEY));
        registry.add("lakehub.security.api-keys.clerk.role", () -> "clerk");
        registry.add("lakehub.security.roles.clerk.clearances", () -> "NONE");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    private Response post(String path, String key, Object body) throws Exception {
        HubHttp http = new HubHttp(port);
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build());
    }

    @Test
    void aColumnTheScanFoundToHoldEmailsIsClosedToARoleWithoutClearance() throws Exception {
        StringBuilder csv = new StringBuilder("id,note,contact\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(",order ").append(i).append(",user").append(i).append("@example.org\n");
        }
        Path file = HOME.resolveSibling("customers.csv");
        Files.writeString(file, csv);
        Response ingest = post("/api/ingest", ADMIN_KEY, Map.of("path", file.toString(), "dataset", "customers"));
        assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);

        // The classification is stored in the catalog with the schema version and shown per column.
        assertThat(catalog.columnClassifications(DatasetName.of("customers")))
                .filteredOn(c -> c.column().equals("contact"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.pii()).isEqualTo("EMAIL");
                    assertThat(c.schemaVersion()).isEqualTo(1);
                    assertThat(c.sampled()).isEqualTo(50);
                    assertThat(c.matchRatio()).isEqualTo(1.0);
                });
        HubHttp http = new HubHttp(port);
        Response detail = http.send(HttpRequest.newBuilder(http.uri("/api/datasets/customers"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .GET()
                .build());
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode contact = null;
        for (JsonNode c : detail.json().path("columns")) {
            if (c.path("name").asText().equals("contact")) {
                contact = c;
            }
        }
        assertThat(contact).as(detail.body()).isNotNull();
        assertThat(contact.path("pii").asText()).isEqualTo("EMAIL");
        assertThat(contact.path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(contact.path("sampled").asLong()).isEqualTo(50);
        assertThat(contact.path("match_ratio").asDouble()).isEqualTo(1.0);
        assertThat(contact.path("pii_schema_version").asInt()).isEqualTo(1);

        Response denied = post("/api/sql", CLERK_KEY, Map.of("sql", "SELECT contact FROM customers"));
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.error()).contains("contact").contains("EMAIL");
        Response star = post("/api/sql", CLERK_KEY, Map.of("sql", "SELECT * FROM customers"));
        assertThat(star.status()).as(star.body()).isEqualTo(403);

        Response allowed = post("/api/sql", CLERK_KEY, Map.of("sql", "SELECT count(*) AS n, max(note) FROM customers"));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        Response admin = post("/api/sql", ADMIN_KEY, Map.of("sql", "SELECT contact FROM customers WHERE id = 7"));
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.body()).contains("user7@example.org");
    }
}
