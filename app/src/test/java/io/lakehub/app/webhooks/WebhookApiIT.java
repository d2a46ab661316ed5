package io.lakehub.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.schedules.pipeline.Secret;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/webhooks/{pipeline}} on the real back ends (embedded H2 catalog, DuckDB): every
 * body kind lands, every refusal has its status and writes nothing, idempotency keys answer retries
 * without writing twice (also when concurrent), concurrent requests share commits and land exactly
 * once, and the trigger webhook accepts a signed form-encoded body.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookApiIT {
    private static final Path HOME = TestHomes.create("webhooks");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by the build (failsafe environmentVariables), like a deployment would. */
    private static final Secret SECRET = new Secret(System.getenv("LAKEHUB_TEST_TRIGGER_SECRET"), "test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(HOME.resolveSibling("nightly"));
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: events
                      from: webhook
                      into: events
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                    - id: shaped
                      from: webhook
                      into: shaped
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                      steps:
                        - drop-columns: [secret_note]
                    - id: keyed
                      from: webhook
                      into: keyed
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                    - id: crowd
                      from: webhook
                      into: crowd
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                    - id: typed
                      from: webhook
                      into: typed
                      webhook: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                    - id: nightly
                      from: "file:%s?noop=true"
                      into: nightly
                      schedule: "0 0 3 * * ?"
                      trigger: { secret: "${LAKEHUB_TEST_TRIGGER_SECRET}" }
                """.formatted(
                        HOME.resolveSibling("nightly").toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.webhooks.max-body-size", () -> "64KB");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Test
    void aSignedJsonObjectIsCommittedBeforeThe202AndGoesThroughTheSteps() throws Exception {
        Response r = signed("shaped", "application/json", "{\"id\": 1, \"name\": \"a\", \"secret_note\": \"x\"}", null);

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("accepted").asLong()).isEqualTo(1);
        assertThat(r.json().path("duplicate").asBoolean()).isFalse();
        long snapshot = r.json().path("snapshot").asLong();
        // Durable at the answer: the snapshot is the dataset's, without waiting.
        DatasetInfo info = catalog.dataset(DatasetName.of("shaped")).orElseThrow();
        assertThat(info.currentSnapshotId()).isGreaterThanOrEqualTo(snapshot);
        assertThat(info.schema().fields().stream().map(f -> f.name()).toList()).containsExactly("id", "name");
        assertThat(rows("SELECT id, name FROM shaped").toString()).isEqualTo("[[1,\"a\"]]");
    }

    @Test
    void arraysNdjsonAndCsvLandWithABearerToken() throws Exception {
        Response array =
                bearer("events", "application/json", "[{\"k\": \"array\", \"n\": 1}, {\"k\": \"array\", \"n\": 2}]");
        Response ndjson = bearer(
                "events", "application/x-ndjson", "{\"k\": \"ndjson\", \"n\": 3}\n\n{\"k\": \"ndjson\", \"n\": 4}\n");
        Response csv = bearer("events", "text/csv; charset=utf-8", "k,n\ncsv,5\n\"c,sv\",6\n");

        assertThat(array.status()).as(array.body()).isEqualTo(202);
        assertThat(array.json().path("accepted").asLong()).isEqualTo(2);
        assertThat(ndjson.status()).as(ndjson.body()).isEqualTo(202);
        assertThat(ndjson.json().path("accepted").asLong()).isEqualTo(2);
        assertThat(csv.status()).as(csv.body()).isEqualTo(202);
        assertThat(csv.json().path("accepted").asLong()).isEqualTo(2);
        assertThat(rows("SELECT k, CAST(n AS BIGINT) FROM events ORDER BY CAST(n AS BIGINT)")
                        .toString())
                .isEqualTo("[[\"array\",1],[\"array\",2],[\"ndjson\",3],[\"ndjson\",4],[\"csv\",5],[\"c,sv\",6]]");
    }

    @Test
    void everyRefusalHasItsStatusAndWritesNothing() throws Exception {
        String body = "{\"id\": 1}";
        Response wrongSignature = http().send(request("typed", "application/json", body)
                .header(WebhookAuthentication.SIGNATURE_HEADER, "sha256=" + "0".repeat(64))
                .build());
        Response noAuth = http().send(request("typed", "application/json", body).build());
        Response wrongToken = http().send(request("typed", "application/json", body)
                .header("Authorization", "Bearer nope")
                .build());
        Response malformed = signed("typed", "application/x-ndjson", "{\"id\": 1}\n{\"id\": 2,,}\n", null);
        Response notObject = signed("typed", "application/json", "[{\"id\": 1}, 2]", null);
        Response ragged = signed("typed", "text/csv", "id,name\n1,a\n2,b,c\n", null);
        Response unsupported = signed("typed", "application/xml", "<id>1</id>", null);
        Response tooLarge = signed("typed", "application/json", "{\"pad\": \"" + "x".repeat(70_000) + "\"}", null);
        Response unknown = signed("nope", "application/json", body, null);
        Response notWebhook = signed("nightly", "application/json", body, null);
        Response badKey = signed("typed", "application/json", body, "x".repeat(201));

        assertThat(wrongSignature.status()).isEqualTo(401);
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).contains("Line 2, column 10 (byte offset 19)");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.error()).contains("element 1").contains("line 1, column 13");
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.error()).contains("Line 3 has 3 field(s); the header has 2");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notWebhook.status()).isEqualTo(404);
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(catalog.dataset(DatasetName.of("typed"))).isEmpty();

        // A request whose events conflict with the dataset's types is refused alone: 422.
        assertThat(signed("typed", "application/json", "{\"id\": 1}", null).status())
                .isEqualTo(202);
        Response conflict = signed("typed", "application/json", "{\"id\": {\"nested\": true}}", null);
        assertThat(conflict.status()).as(conflict.body()).isIn(202, 422);
        assertThat(rows("SELECT count(*) FROM typed").get(0).get(0).asLong())
                .isEqualTo(conflict.status() == 202 ? 2 : 1);
    }

    @Test
    void aRetriedIdempotencyKeyIsAnsweredLikeTheFirstAndWritesNothing() throws Exception {
        Response first = signed("keyed", "application/json", "[{\"n\": 1}, {\"n\": 2}]", "delivery-1");
        Response retry = signed("keyed", "application/json", "[{\"n\": 1}, {\"n\": 2}]", "delivery-1");

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(retry.status()).as(retry.body()).isEqualTo(202);
        assertThat(retry.json().path("duplicate").asBoolean()).isTrue();
        assertThat(retry.json().path("accepted").asLong()).isEqualTo(2);
        assertThat(retry.json().path("snapshot").asLong())
                .isEqualTo(first.json().path("snapshot").asLong());
        assertThat(rows("SELECT count(*) FROM keyed").get(0).get(0).asLong()).isEqualTo(2);

        // Sixteen concurrent deliveries of one new key: one writes, all are acknowledged.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> signed("keyed", "application/json", "{\"n\": 3}", "delivery-2")));
            }
            Set<Long> snapshots = new HashSet<>();
            int duplicates = 0;
            for (Future<Response> f : answers) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                snapshots.add(r.json().path("snapshot").asLong());
                duplicates += r.json().path("duplicate").asBoolean() ? 1 : 0;
            }
            assertThat(snapshots).hasSize(1);
            assertThat(duplicates).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("SELECT count(*) FROM keyed").get(0).get(0).asLong()).isEqualTo(3);
    }

    @Test
    void concurrentRequestsShareCommitsAndLandExactlyOnce() throws Exception {
        int clients = 16;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit((Callable<Integer>) () -> {
                    int accepted = 0;
                    for (int i = 0; i < each; i++) {
                        Response r = signed(
                                "crowd",
                                "application/json",
                                "{\"client\": " + client + ", \"seq\": " + i + ", \"pad\": \"" + "p".repeat(900)
                                        + "\"}",
                                null);
                        assertThat(r.status()).as(r.body()).isEqualTo(202);
                        accepted += (int) r.json().path("accepted").asLong();
                    }
                    return accepted;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(clients * each);
        } finally {
            pool.shutdownNow();
        }
        JsonNode counts = rows("SELECT count(*), count(DISTINCT (client, seq)) FROM crowd")
                .get(0);
        assertThat(counts.get(0).asLong()).isEqualTo(clients * each);
        assertThat(counts.get(1).asLong()).isEqualTo(clients * each);
        assertThat(catalog.snapshots(DatasetName.of("crowd")).size())
                .as("requests share commits")
                .isLessThan(clients * each);
    }

    @Test
    void theTriggerWebhookAcceptsASignedFormEncodedBody() throws Exception {
        byte[] body = "action=run&who=curl+user&note=a%20b".getBytes(StandardCharsets.UTF_8);
        Response r = http().send(HttpRequest.newBuilder(http().uri("/api/pipelines/nightly/trigger"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(WebhookAuthentication.SIGNATURE_HEADER, WebhookAuthentication.signatureFor(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());

        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    private Response signed(String pipeline, String contentType, String body, String key) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = request(pipeline, contentType, body)
                .header(WebhookAuthentication.SIGNATURE_HEADER, WebhookAuthentication.signatureFor(SECRET, bytes));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http().send(b.build());
    }

    private Response bearer(String pipeline, String contentType, String body) throws Exception {
        return http().send(request(pipeline, contentType, body)
                .header("Authorization", "Bearer " + System.getenv("LAKEHUB_TEST_TRIGGER_SECRET"))
                .build());
    }

    private HttpRequest.Builder request(String pipeline, String contentType, String body) {
        return HttpRequest.newBuilder(http().uri("/api/webhooks/" + pipeline))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private JsonNode rows(String sql) throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rows");
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}
