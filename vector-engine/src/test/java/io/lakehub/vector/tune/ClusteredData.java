package io.lakehub.vector.tune;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.embed.Vectors;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.Row;
import io.lakehub.vector.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded clustered data set behind a real {@link VectorIndex}: row {@code p<i>} has the text {@code "p<i>"}, which
 * the provider maps to a unit vector near one of {@code clusters} random centres (other texts fall back to feature
 * hashing). One chunk per row, so ordinal i is row {@code p<i>}.
 */
final class ClusteredData {

    final int dimensions;
    final List<Row> rows = new ArrayList<>();
    final Map<String, float[]> vectors = new HashMap<>();
    final EmbeddingProvider provider;

    ClusteredData(int n, int dimensions, int clusters, long seed) {
        this.dimensions = dimensions;
        Random random = new Random(seed);
        float[][] centres = new float[clusters][dimensions];
        for (float[] c : centres) {
            for (int d = 0; d < dimensions; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(clusters)];
            float[] v = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                v[d] = centre[d] + (float) random.nextGaussian() * 0.3f;
            }
            String key = "p" + i;
            rows.add(new Row(key, key));
            vectors.put(key, Vectors.normalize(v));
        }
        HashingEmbeddingProvider fallback = new HashingEmbeddingProvider(dimensions, seed);
        this.provider = new EmbeddingProvider() {
            @Override
            public String modelName() {
                return "clustered-test";
            }

            @Override
            public String modelVersion() {
                return "seed" + seed;
            }

            @Override
            public int dimensions() {
                return dimensions;
            }

            @Override
            public float[][] embed(List<String> texts) {
                float[][] out = new float[texts.size()][];
                for (int i = 0; i < out.length; i++) {
                    float[] v = vectors.get(texts.get(i).strip());
                    out[i] = v != null ? v.clone() : fallback.embed(List.of(texts.get(i)))[0];
                }
                return out;
            }
        };
    }

    /** A refreshed index over the rows in {@code dir}, built with {@code graph}. */
    VectorIndex index(Path dir, GraphParams graph) throws IOException {
        VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, graph);
        index.refresh(rows, "snapshot-1");
        return index;
    }
}
