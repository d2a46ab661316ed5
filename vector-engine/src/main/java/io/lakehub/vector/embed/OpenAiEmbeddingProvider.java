package io.lakehub.vector.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An OpenAI-compatible {@code POST /v1/embeddings} ({@code {"model":…, "input":[…]}} →
 * {@code {"data":[{"index":i, "embedding":[…]},…]}}), with the API key as a bearer token when one is set. Answers are
 * put back in input order by their {@code index}.
 */
public final class OpenAiEmbeddingProvider extends HttpEmbeddingProvider {

    public OpenAiEmbeddingProvider(HttpEmbeddingSettings settings) {
        super(
                settings,
                resolve(
                        settings.baseUrl(),
                        settings.baseUrl().getPath().replaceAll("/+$", "").endsWith("/v1")
                                ? "/embeddings"
                                : "/v1/embeddings"));
    }

    @Override
    protected String protocol() {
        return "OpenAI-compatible";
    }

    @Override
    protected List<float[]> parse(JsonNode answer, int expected) {
        JsonNode data = answer.get("data");
        if (data == null || !data.isArray()) {
            throw new EmbeddingException(describe() + " answered without a data array");
        }
        float[][] ordered = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= ordered.length || ordered[index] != null) {
                throw new EmbeddingException(describe() + " answered with a bad or repeated index " + index);
            }
            ordered[index] = vector(item.get("embedding"));
        }
        return new ArrayList<>(Arrays.asList(ordered));
    }
}
