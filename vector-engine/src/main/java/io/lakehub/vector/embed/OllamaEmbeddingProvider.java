package io.lakehub.vector.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Ollama's {@code POST /api/embed} ({@code {"model":…, "input":[…]}} → {@code {"embeddings":[[…],…]}}), one request
 * per batch of texts.
 */
public final class OllamaEmbeddingProvider extends HttpEmbeddingProvider {

    public OllamaEmbeddingProvider(HttpEmbeddingSettings settings) {
        super(settings, resolve(settings.baseUrl(), "/api/embed"));
    }

    @Override
    protected String protocol() {
        return "Ollama";
    }

    @Override
    protected List<float[]> parse(JsonNode answer, int expected) {
        return vectors(answer.get("embeddings"));
    }
}
