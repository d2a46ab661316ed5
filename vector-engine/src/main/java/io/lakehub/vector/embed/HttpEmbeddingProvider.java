package io.lakehub.vector.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common part of the HTTP providers: batching, timeouts, errors naming the server and the status (never the
 * texts), vector length checks and normalisation. Subclasses say which path to call and how to read the answer.
 */
public abstract sealed class HttpEmbeddingProvider implements EmbeddingProvider
        permits OllamaEmbeddingProvider, OpenAiEmbeddingProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpEmbeddingSettings settings;
    private final HttpClient client;
    private final URI endpoint;
    private volatile int dimensions;

    protected HttpEmbeddingProvider(HttpEmbeddingSettings settings, URI endpoint) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.dimensions = settings.dimensions();
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The protocol's name in messages ({@code Ollama}, {@code OpenAI-compatible}). */
    protected abstract String protocol();

    /** Reads the vectors of one answer, in the order of the texts sent. */
    protected abstract List<float[]> parse(JsonNode answer, int expected);

    /** The settings this provider was made with. */
    public HttpEmbeddingSettings settings() {
        return settings;
    }

    @Override
    public String modelName() {
        return settings.model();
    }

    /**
     * The protocol's name: servers do not report a model version, so put the version in the model name (e.g.
     * {@code nomic-embed-text:v1.5}) — then the index signature changes when the model does, not when the server
     * moves.
     */
    @Override
    public String modelVersion() {
        return protocol();
    }

    @Override
    public int dimensions() {
        int d = dimensions;
        if (d == 0) {
            d = call(List.of("dimension probe")).get(0).length;
            dimensions = d;
        }
        return d;
    }

    @Override
    public String describe() {
        return settings.model() + " on " + protocol() + " server " + settings.baseUrl();
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        int expected = dimensions();
        for (int start = 0; start < texts.size(); start += settings.batchSize()) {
            List<String> batch = texts.subList(start, Math.min(texts.size(), start + settings.batchSize()));
            List<float[]> vectors = call(batch);
            for (int i = 0; i < vectors.size(); i++) {
                float[] v = vectors.get(i);
                if (v.length != expected) {
                    throw new EmbeddingException(describe() + " returned a " + v.length + "-d vector where " + expected
                            + "-d vectors were expected");
                }
                out[start + i] = Vectors.normalize(v);
            }
        }
        return out;
    }

    private List<float[]> call(List<String> texts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        body.putArray("input")
                .addAll(texts.stream().map(JSON.getNodeFactory()::textNode).toList());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new EmbeddingException(
                    describe() + " did not answer within "
                            + settings.requestTimeout().toSeconds() + " s",
                    e);
        } catch (ConnectException e) {
            throw new EmbeddingException(
                    describe() + " is unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new EmbeddingException(describe() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting for " + describe(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new EmbeddingException(describe() + " answered HTTP " + response.statusCode()
                    + errorDetail(response.body()) + " to " + endpoint.getPath());
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new EmbeddingException(
                    describe() + " answered HTTP " + response.statusCode() + " with a body that is not JSON", e);
        }
        List<float[]> vectors = parse(answer, texts.size());
        if (vectors.size() != texts.size()) {
            throw new EmbeddingException(
                    describe() + " returned " + vectors.size() + " vectors for " + texts.size() + " texts");
        }
        return vectors;
    }

    /** The server's own error message, shortened (it is about the request, not the texts). */
    private static String errorDetail(String body) {
        String message = null;
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node == null ? null : node.get("error");
            if (error != null) {
                message = error.isTextual()
                        ? error.asText()
                        : error.path("message").asText(null);
            }
        } catch (IOException e) {
            // Not JSON: say only that there was no readable error message.
            message = null;
        }
        if (message == null || message.isBlank()) {
            return "";
        }
        return " (\"" + (message.length() > 160 ? message.substring(0, 160) + "…" : message) + "\")";
    }

    /** Reads a JSON array of numbers, naming the server if it is not one. */
    protected final float[] vector(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new EmbeddingException(describe() + " answered without an embedding array");
        }
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    /** A base URL with {@code path} appended (one slash between). */
    protected static URI resolve(URI base, String path) {
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + path);
    }

    /** Lists the vectors of a JSON array of arrays. */
    protected final List<float[]> vectors(JsonNode arrays) {
        if (arrays == null || !arrays.isArray()) {
            throw new EmbeddingException(describe() + " answered without an embeddings array");
        }
        List<float[]> out = new ArrayList<>(arrays.size());
        arrays.forEach(a -> out.add(vector(a)));
        return out;
    }
}
