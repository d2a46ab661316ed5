package io.lakehub.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama and OpenAI-compatible providers against a local HTTP server speaking their protocols. */
class HttpEmbeddingProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HashingEmbeddingProvider model = new HashingEmbeddingProvider(16, 3);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/embed", exchange -> answer(exchange, false));
        server.createContext("/v1/embeddings", exchange -> answer(exchange, true));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, boolean openAi) throws IOException {
        requests.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        byte[] out;
        int status = 200;
        if (failWith != 0) {
            status = failWith;
            out = (openAi
                            ? "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}"
                            : "{\"error\":\"model overloaded\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            List<String> texts = new ArrayList<>();
            body.get("input").forEach(t -> texts.add(t.asText()));
            float[][] vectors = model.embed(texts);
            ObjectNode answer = JSON.createObjectNode();
            if (openAi) {
                ArrayNode data = answer.putArray("data");
                // Reversed on purpose: clients must order by "index".
                for (int i = vectors.length - 1; i >= 0; i--) {
                    ObjectNode item = data.addObject();
                    item.put("object", "embedding");
                    item.put("index", i);
                    ArrayNode v = item.putArray("embedding");
                    for (float x : vectors[i]) {
                        v.add(x * 3); // unnormalised: clients normalise
                    }
                }
                answer.put("model", body.get("model").asText());
            } else {
                answer.put("model", body.get("model").asText());
                ArrayNode embeddings = answer.putArray("embeddings");
                for (float[] vector : vectors) {
                    ArrayNode v = embeddings.addArray();
                    for (float x : vector) {
                        v.add(x);
                    }
                }
            }
            out = answer.toString().getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Test
    void ollamaEmbedsInBatchesAndAsksTheDimensionOnce() {
        var provider = new OllamaEmbeddingProvider(
                HttpEmbeddingSettings.of(base, "nomic-embed-text").withBatchSize(2));
        float[][] v = provider.embed(List.of("alpha beta", "gamma", "delta epsilon", "", "東京"));
        assertThat(provider.dimensions()).isEqualTo(16);
        assertThat(v).hasNumberOfRows(5);
        float[][] expected = model.embed(List.of("alpha beta", "gamma", "delta epsilon", "", "東京"));
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(requests.get()).isEqualTo(1 + 3); // one probe, three batches of ≤ 2
        assertThat(authorizations).allMatch(String::isEmpty);
    }

    @Test
    void openAiSendsTheKeyOrdersByIndexAndNormalises() {
        var provider =
                new OpenAiEmbeddingProvider(HttpEmbeddingSettings.of(URI.create(base + "/v1"), "text-embedding-3-small")
                        .withApiKey("sk-test")
                        .withDimensions(16));
        float[][] v = provider.embed(List.of("one", "two words", "three little words"));
        float[][] expected = model.embed(List.of("one", "two words", "three little words"));
        for (int i = 0; i < v.length; i++) {
            assertThat(Vectors.dot(v[i], expected[i])).isGreaterThan(0.9999f);
        }
        assertThat(authorizations).containsOnly("Bearer sk-test");
        assertThat(provider.settings().toString()).doesNotContain("sk-test");
    }

    @Test
    void serverErrorsNameTheServerAndStatusButNotTheTexts() {
        failWith = 503;
        var provider =
                new OpenAiEmbeddingProvider(HttpEmbeddingSettings.of(base, "m").withDimensions(16));
        assertThatThrownBy(() -> provider.embed(List.of("secret customer text")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining(base.toString())
                .hasMessageContaining("503")
                .hasMessageContaining("model overloaded")
                .hasMessageNotContaining("secret customer text");
    }

    @Test
    void aServerThatIsDownIsNamed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + port);
        var provider = new OllamaEmbeddingProvider(HttpEmbeddingSettings.of(down, "m")
                .withDimensions(16)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> provider.embed(List.of("x")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining(down.toString())
                .hasMessageContaining("unreachable");
    }

    @Test
    void aWrongVectorLengthIsRefused() {
        var provider =
                new OllamaEmbeddingProvider(HttpEmbeddingSettings.of(base, "m").withDimensions(384));
        assertThatThrownBy(() -> provider.embed(List.of("x")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("16-d")
                .hasMessageContaining("384-d");
    }
}
