package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.OllamaEmbeddingProvider;
import io.lakehub.vector.embed.OpenAiEmbeddingProvider;
import org.junit.jupiter.api.Test;

/** {@code lakehub.vector.provider} and its settings make the provider they name, or fail naming the setting. */
class EmbeddingProvidersTest {

    @Test
    void hashingHasTheConfiguredDimensionsAndSeed() {
        VectorProperties p = new VectorProperties();
        p.setProvider(" Hashing ");
        p.setDimensions(64);
        p.setHashingSeed(7);
        try (EmbeddingProvider provider = EmbeddingProviders.create(p, name -> null)) {
            assertThat(provider.dimensions()).isEqualTo(64);
            assertThat(provider.modelName()).isEqualTo("feature-hashing");
            assertThat(provider.modelVersion()).contains("7");
        }
    }

    @Test
    void httpProvidersNeedABaseUrlAndModel() {
        VectorProperties p = new VectorProperties();
        p.setProvider("ollama");
        assertThatThrownBy(() -> EmbeddingProviders.create(p, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lakehub.vector.base-url")
                .hasMessageContaining("lakehub.vector.model");
        p.setBaseUrl("http://127.0.0.1:9");
        p.setModel("nomic-embed-text");
        p.setDimensions(768);
        try (EmbeddingProvider provider = EmbeddingProviders.create(p, name -> null)) {
            assertThat(provider).isInstanceOf(OllamaEmbeddingProvider.class);
        }
        p.setProvider("openai");
        p.setApiKeyEnv("LAKEHUB_TEST_EMBED_KEY");
        try (EmbeddingProvider provider = EmbeddingProviders.create(p, name -> "sk-test")) {
            assertThat(provider).isInstanceOf(OpenAiEmbeddingProvider.class);
            assertThat(provider.describe()).doesNotContain("sk-test");
        }
    }

    @Test
    void anUnknownProviderIsNamed() {
        VectorProperties p = new VectorProperties();
        p.setProvider("word2vec");
        assertThatThrownBy(() -> EmbeddingProviders.create(p, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lakehub.vector.provider")
                .hasMessageContaining("word2vec")
                .hasMessageContaining("onnx, ollama, openai, hashing");
    }

    @Test
    void policiesAreParsed() {
        assertThat(HubIndexes.cronOf("cron: 0 0/5 * * * ?")).isEqualTo("0 0/5 * * * ?");
        assertThat(HubIndexes.cronOf("manual")).isNull();
        assertThat(HubIndexes.cronOf(null)).isNull();
        assertThat(HubIndexes.ident("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(HubIndexes.literal("it's")).isEqualTo("'it''s'");
    }
}
