package io.lakehub.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxMiniLmEmbeddingProviderTest {

    private static OnnxMiniLmEmbeddingProvider provider;

    @BeforeAll
    static void load() {
        provider = OnnxMiniLmEmbeddingProvider.create(2, 1);
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    @Test
    void matchesLangChain4jForTheSameTexts() {
        List<String> texts = texts();
        float[][] ours = provider.embed(texts);
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        var theirs = reference.embedAll(segments).content();
        assertThat(ours).hasNumberOfRows(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] a = ours[i];
            float[] b = theirs.get(i).vector();
            assertThat(a).hasSize(384);
            assertThat(Vectors.dot(a, a)).isCloseTo(1f, within(1e-4f));
            float cosine = Vectors.dot(a, b) / (float) Math.sqrt(Vectors.dot(b, b));
            assertThat(cosine)
                    .as("cosine for text %d (%d chars)", i, texts.get(i).length())
                    .isGreaterThanOrEqualTo(0.999f);
        }
    }

    @Test
    void similarMeaningsScoreHigherThanUnrelatedOnes() {
        float[][] v = provider.embed(List.of(
                "The invoice was paid by bank transfer.",
                "Payment for the bill arrived through a wire transfer.",
                "Penguins live in the southern hemisphere."));
        assertThat(Vectors.dot(v[0], v[1])).isGreaterThan(Vectors.dot(v[0], v[2]) + 0.2f);
    }

    @Test
    void emptyLongAndNonLatinTextsGetUnitVectors() {
        String longText = "A long text about rivers and mountains. ".repeat(150); // ~900 word pieces, 128 kept
        float[][] v = provider.embed(List.of("", longText, "東京は日本の首都です。", "Привет, мир", "مرحبا بالعالم"));
        for (float[] x : v) {
            assertThat(x).hasSize(384);
            assertThat(Vectors.dot(x, x)).isCloseTo(1f, within(1e-4f));
        }
        assertThat(provider.modelVersion()).startsWith("sha256:");
    }

    @Test
    void aTextsVectorDoesNotDependOnTheOtherTexts() {
        List<String> texts = texts();
        float[][] all = provider.embed(texts);
        for (int i = 0; i < texts.size(); i += 7) {
            float[] alone = provider.embed(List.of(texts.get(i)))[0];
            assertThat(Vectors.dot(alone, all[i])).isGreaterThan(0.9999f);
        }
    }

    private static List<String> texts() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>(List.of(
                "Hello world",
                "The quick brown fox jumps over the lazy dog.",
                "Lakehub ingests CSV files into a Parquet lakehouse.",
                "東京は日本の首都です。",
                "Привет, как дела?",
                "Ünïcödé àccents résumé naïve café",
                "a",
                "What is the refund policy for damaged goods shipped overseas?",
                "A long text about rivers and mountains that goes on. ".repeat(30))); // > 128 word pieces
        String[] words = {
            "data",
            "lake",
            "vector",
            "search",
            "river",
            "invoice",
            "customer",
            "order",
            "shipping",
            "parquet",
            "table",
            "query",
            "refund",
            "delivery",
            "warehouse"
        };
        while (texts.size() < 32) {
            StringBuilder sb = new StringBuilder();
            int n = 3 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(words[random.nextInt(words.length)]).append(i % 9 == 8 ? ". " : " ");
            }
            texts.add(sb.toString().strip());
        }
        return texts;
    }
}
