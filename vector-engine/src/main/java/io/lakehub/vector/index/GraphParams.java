package io.lakehub.vector.index;

/**
 * jvector graph parameters (changing the first five needs a rebuild; {@code overquery} applies at search time).
 *
 * @param maxDegree the most neighbours a node keeps (jvector's M since 3.0)
 * @param beamWidth the search beam while building (efConstruction)
 * @param neighborOverflow how far a node's neighbour list may overflow before it is pruned (≥ 1.0)
 * @param alpha the diversity pruning factor (1.2 suits high-dimensional embeddings)
 * @param hierarchy whether to build HNSW-like upper layers
 * @param overquery the layer-0 search beam as a multiple of k (≥ 1): more recall, more time
 */
public record GraphParams(
        int maxDegree, int beamWidth, float neighborOverflow, float alpha, boolean hierarchy, int overquery) {

    /** Measured on 100K × 384-d (VectorIndexBenchmark): recall@10 ≥ 0.95 under 1 ms per search. */
    public static final GraphParams DEFAULT = new GraphParams(32, 100, 1.2f, 1.2f, true, 5);

    public GraphParams {
        if (maxDegree < 2) {
            throw new IllegalArgumentException("max degree must be ≥ 2, got " + maxDegree);
        }
        if (beamWidth < 1) {
            throw new IllegalArgumentException("beam width must be ≥ 1, got " + beamWidth);
        }
        if (!(neighborOverflow >= 1.0f)) {
            throw new IllegalArgumentException("neighbour overflow must be ≥ 1.0, got " + neighborOverflow);
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
        }
        if (overquery < 1) {
            throw new IllegalArgumentException("overquery must be ≥ 1, got " + overquery);
        }
    }

    public GraphParams withOverquery(int value) {
        return new GraphParams(maxDegree, beamWidth, neighborOverflow, alpha, hierarchy, value);
    }
}
