package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Views survive a restart of the hub (re-registered in DuckDB from the catalog), hashing the same
 * way with the same key; a hub started without the key that a stored view needs refuses to start,
 * naming the key. Anonymous on loopback: no keys configured.
 */
class ViewsRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH_KEY = "restart-hash-key-4b8d2f6a";

    private static ConfigurableApplicationContext start(Path home, String hashKey) {
        // Command-line arguments: they override application.properties (builder properties would not).
        java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("--lakehub.home=" + home, "--server.port=0", "--lakehub.inbox.enabled=false"));
        if (hashKey != null) {
            args.add("--lakehub.pii.hash-key=" + hashKey);
        }
        return new SpringApplicationBuilder(LakehubApplication.class).run(args.toArray(String[]::new));
    }

    private static HubHttp http(ConfigurableApplicationContext context) {
        return new HubHttp(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @Test
    void aViewIsThereAgainAfterARestartAndNeedsItsHashKey() throws Exception {
        Path home = TestHomes.create("views-restart");
        Path csv = Files.writeString(
                Files.createDirectories(home.getParent()).resolve("cards.csv"),
                "id,card\n1,4111111111111111\n2,5500005555555559\n");
        String hashed;
        try (ConfigurableApplicationContext hub = start(home, HASH_KEY)) {
            HubHttp http = http(hub);
            assertThat(http.post(
                                    "/api/ingest",
                                    "{\"path\": " + JSON.writeValueAsString(csv.toString())
                                            + ", \"dataset\": \"cards\"}")
                            .status())
                    .isEqualTo(200);
            Response created = http.post(
                    "/api/views",
                    "{\"name\": \"cards_safe\", \"base\": \"cards\", \"row_filter\": \"id = 1\","
                            + " \"redactions\": {\"card\": \"hash\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Response before = http.post("/api/sql", "{\"sql\": \"SELECT card FROM cards_safe\"}");
            assertThat(before.json().path("row_count").asLong()).isEqualTo(1);
            hashed = before.json().path("rows").get(0).get(0).asText();
            assertThat(hashed).isEqualTo(Redactions.hmac(HASH_KEY).apply("4111111111111111"));
        }

        try (ConfigurableApplicationContext hub = start(home, HASH_KEY)) {
            HubHttp http = http(hub);
            Response after = http.post("/api/sql", "{\"sql\": \"SELECT card FROM cards_safe\"}");
            assertThat(after.status()).as(after.body()).isEqualTo(200);
            assertThat(after.json().path("rows").get(0).get(0).asText()).isEqualTo(hashed);
            assertThat(http.get("/api/views").json().get(0).path("row_filter").asText())
                    .isEqualTo("id = 1");
        }

        assertThatThrownBy(() -> start(home, null))
                .rootCause()
                .hasMessageContaining("cards_safe")
                .hasMessageContaining("lakehub.pii.hash-key")
                .hasMessageContaining("LAKEHUB_PII_HASH_KEY");

        try (ConfigurableApplicationContext hub = start(home, HASH_KEY)) {
            HubHttp http = http(hub);
            assertThat(http.delete("/api/views/cards_safe").status()).isEqualTo(204);
            assertThat(http.get("/api/audit?limit=20").body())
                    .contains("view.create")
                    .contains("view.drop")
                    .doesNotContain("4111111111111111")
                    .doesNotContain("id = 1");
        }
    }
}
