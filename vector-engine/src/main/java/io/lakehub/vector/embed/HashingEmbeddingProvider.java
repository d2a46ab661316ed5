package io.lakehub.vector.embed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic feature hashing: each lower-cased word (letters and digits) and each word bigram adds ±1 to a bucket
 * chosen by a seeded hash. Texts sharing words get similar vectors, so it stands in for a model in fast tests; it has
 * no notion of meaning. An empty text gets a fixed unit vector derived from the seed.
 */
public final class HashingEmbeddingProvider implements EmbeddingProvider {

    private final int dimensions;
    private final long seed;

    /**
     * @param dimensions the vector length (≥ 2)
     * @param seed the hashing seed; the same seed gives the same vectors in every run
     */
    public HashingEmbeddingProvider(int dimensions, long seed) {
        if (dimensions < 2) {
            throw new IllegalArgumentException("feature hashing needs at least 2 dimensions, got " + dimensions);
        }
        this.dimensions = dimensions;
        this.seed = seed;
    }

    @Override
    public String modelName() {
        return "feature-hashing";
    }

    @Override
    public String modelVersion() {
        return "1-seed" + seed;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embedOne(texts.get(i));
        }
        return out;
    }

    private float[] embedOne(String text) {
        float[] v = new float[dimensions];
        String previous = null;
        int n = text.length();
        int i = 0;
        boolean any = false;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                String word = text.substring(start, i).toLowerCase(Locale.ROOT);
                add(v, word, 1f);
                if (previous != null) {
                    add(v, previous + ' ' + word, 0.5f);
                }
                previous = word;
                any = true;
            }
        }
        if (!any) {
            add(v, "\u0000empty", 1f);
        }
        return Vectors.normalize(v);
    }

    private void add(float[] v, String feature, float weight) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        int bucket = (int) Math.floorMod(h, (long) dimensions);
        v[bucket] += (h & (1L << 40)) != 0 ? weight : -weight;
    }
}
