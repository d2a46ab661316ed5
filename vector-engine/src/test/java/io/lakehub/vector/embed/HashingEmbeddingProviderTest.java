package io.lakehub.vector.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbeddingProviderTest {

    @Test
    void sameSeedSameVectorsSharedWordsCloser() {
        var a = new HashingEmbeddingProvider(64, 1);
        var b = new HashingEmbeddingProvider(64, 1);
        List<String> texts = List.of("river mountain ledger", "river mountain harbor", "copper violet meadow", "");
        float[][] va = a.embed(texts);
        assertThat(va).isDeepEqualTo(b.embed(texts));
        assertThat(Vectors.dot(va[0], va[1])).isGreaterThan(Vectors.dot(va[0], va[2]));
        for (float[] v : va) {
            assertThat(Vectors.dot(v, v)).isCloseTo(1f, within(1e-5f));
        }
        assertThat(new HashingEmbeddingProvider(64, 2).embed(texts)[0]).isNotEqualTo(va[0]);
    }
}
