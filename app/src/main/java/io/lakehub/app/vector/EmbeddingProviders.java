package io.lakehub.app.vector;

import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.embed.HttpEmbeddingSettings;
import io.lakehub.vector.embed.OllamaEmbeddingProvider;
import io.lakehub.vector.embed.OnnxMiniLmEmbeddingProvider;
import io.lakehub.vector.embed.OpenAiEmbeddingProvider;
import java.net.URI;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Makes the embedding provider {@code lakehub.vector.provider} names. */
public final class EmbeddingProviders {
    private EmbeddingProviders() {}

    /**
     * @param env reads environment variables (the API key of an OpenAI-compatible server)
     * @throws IllegalArgumentException naming the setting at fault
     */
    public static EmbeddingProvider create(VectorProperties p, UnaryOperator<String> env) {
        String kind = p.getProvider() == null ? "" : p.getProvider().trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "onnx" -> OnnxMiniLmEmbeddingProvider.create();
            case "hashing" -> new HashingEmbeddingProvider(p.getDimensions(), p.getHashingSeed());
            case "ollama", "openai" -> {
                if (p.getBaseUrl() == null
                        || p.getBaseUrl().isBlank()
                        || p.getModel() == null
                        || p.getModel().isBlank()) {
                    throw new IllegalArgumentException("lakehub.vector.provider=" + kind
                            + " needs lakehub.vector.base-url and lakehub.vector.model");
                }
                HttpEmbeddingSettings settings = HttpEmbeddingSettings.of(URI.create(p.getBaseUrl()), p.getModel())
                        .withDimensions(Math.max(0, p.getDimensions()));
                if (p.getApiKeyEnv() != null && !p.getApiKeyEnv().isBlank()) {
                    settings = settings.withApiKey(env.apply(p.getApiKeyEnv()));
                }
                yield kind.equals("ollama")
                        ? new OllamaEmbeddingProvider(settings)
                        : new OpenAiEmbeddingProvider(settings);
            }
            default ->
                throw new IllegalArgumentException("lakehub.vector.provider: unknown provider '" + p.getProvider()
                        + "' (known: onnx, ollama, openai, hashing)");
        };
    }
}
