package io.lakehub.vector.embed;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to call an embedding server.
 *
 * @param baseUrl the server, e.g. {@code http://127.0.0.1:11434} (Ollama) or {@code https://api.example.com} (an
 *     OpenAI-compatible server; a base ending in {@code /v1} is accepted too)
 * @param model the model name the server knows
 * @param apiKey the bearer token, or {@code null} for none (never logged; see {@link #withApiKeyFromEnv})
 * @param dimensions the model's vector length, or 0 to ask the server once (embedding a probe text)
 * @param batchSize texts per request
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for one request's answer
 */
public record HttpEmbeddingSettings(
        URI baseUrl,
        String model,
        String apiKey,
        int dimensions,
        int batchSize,
        Duration connectTimeout,
        Duration requestTimeout) {

    public HttpEmbeddingSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (dimensions < 0) {
            throw new IllegalArgumentException("dimensions must be ≥ 0 (0 = ask the server), got " + dimensions);
        }
    }

    /** Defaults: no key, dimensions asked from the server, 64 texts per request, 5 s to connect, 60 s to answer. */
    public static HttpEmbeddingSettings of(URI baseUrl, String model) {
        return new HttpEmbeddingSettings(baseUrl, model, null, 0, 64, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** These settings with the API key read from the named environment variable (no key if it is unset or empty). */
    public HttpEmbeddingSettings withApiKeyFromEnv(String variable) {
        String value = System.getenv(variable);
        return withApiKey(value == null || value.isBlank() ? null : value);
    }

    public HttpEmbeddingSettings withApiKey(String key) {
        return new HttpEmbeddingSettings(baseUrl, model, key, dimensions, batchSize, connectTimeout, requestTimeout);
    }

    public HttpEmbeddingSettings withDimensions(int dims) {
        return new HttpEmbeddingSettings(baseUrl, model, apiKey, dims, batchSize, connectTimeout, requestTimeout);
    }

    public HttpEmbeddingSettings withTimeouts(Duration connect, Duration request) {
        return new HttpEmbeddingSettings(baseUrl, model, apiKey, dimensions, batchSize, connect, request);
    }

    public HttpEmbeddingSettings withBatchSize(int size) {
        return new HttpEmbeddingSettings(baseUrl, model, apiKey, dimensions, size, connectTimeout, requestTimeout);
    }

    @Override
    public String toString() {
        return "HttpEmbeddingSettings[" + baseUrl + ", model " + model + (apiKey == null ? "" : ", with API key") + "]";
    }
}
