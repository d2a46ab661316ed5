package io.lakehub.vector.index;

import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ForkJoinPool;

/**
 * A jvector graph over unit-length vectors (dot product = cosine) plus the full-precision vectors, held in memory.
 *
 * <p>Built with {@link GraphIndexBuilder} on a pool as wide as the machine; written in jvector's on-disk format with
 * the vectors inline (so the file alone restores the index); searched with exact scores from the in-memory vectors,
 * the layer-0 beam being {@code k × overquery}. {@link #exactSearch} is the brute-force scan used for very selective
 * filters and as the recall reference. Searches are thread-safe (each uses its own {@link GraphSearcher}).
 */
public final class VectorGraph implements AutoCloseable {

    private static final VectorTypeSupport VTS =
            VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private final List<VectorFloat<?>> vectors;
    private final RandomAccessVectorValues ravv;
    private final int dimension;
    private final ImmutableGraphIndex graph;
    private final ReaderSupplier reader;

    private VectorGraph(List<VectorFloat<?>> vectors, int dimension, ImmutableGraphIndex graph, ReaderSupplier reader) {
        this.vectors = vectors;
        this.dimension = dimension;
        this.ravv = new ListRandomAccessVectorValues(vectors, dimension);
        this.graph = graph;
        this.reader = reader;
    }

    /** Wraps a float array as a jvector vector (no copy). */
    public static VectorFloat<?> wrap(float[] v) {
        return VTS.createFloatVector(v);
    }

    /**
     * Builds a graph over the vectors (ordinal i = {@code vectors.get(i)}) with all available processors.
     *
     * @param vectors unit-length vectors of one dimension, at least one
     */
    public static VectorGraph build(List<VectorFloat<?>> vectors, int dimension, GraphParams params) {
        return build(vectors, dimension, params, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #build(List, int, GraphParams)} with {@code threads} build threads. */
    public static VectorGraph build(List<VectorFloat<?>> vectors, int dimension, GraphParams params, int threads) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("a graph needs at least one vector");
        }
        List<VectorFloat<?>> list = List.copyOf(vectors);
        RandomAccessVectorValues values = new ListRandomAccessVectorValues(list, dimension);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try (GraphIndexBuilder builder = new GraphIndexBuilder(
                BuildScoreProvider.randomAccessScoreProvider(values, SIMILARITY),
                dimension,
                params.maxDegree(),
                params.beamWidth(),
                params.neighborOverflow(),
                params.alpha(),
                params.hierarchy(),
                false, // refineFinalGraph: a second pass jvector's own code calls unnecessary for high dimensions
                pool,
                pool)) {
            ImmutableGraphIndex graph = builder.build(values);
            return new VectorGraph(list, dimension, graph, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the graph builder", e);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Opens a graph file written by {@link #write}, reading its inline vectors into memory (no re-embedding). The
     * graph's layer 0 stays on disk (memory-mapped); close the result to release the file.
     */
    public static VectorGraph load(Path file) throws IOException {
        ReaderSupplier reader = ReaderSupplierFactory.open(file);
        try {
            OnDiskGraphIndex graph = OnDiskGraphIndex.load(reader);
            int n = graph.getIdUpperBound();
            List<VectorFloat<?>> vectors = new ArrayList<>(n);
            try (OnDiskGraphIndex.View view = graph.getView()) {
                for (int i = 0; i < n; i++) {
                    VectorFloat<?> stored = view.getVector(i);
                    vectors.add(stored.copy());
                }
            }
            return new VectorGraph(vectors, graph.getDimension(), graph, reader);
        } catch (IOException | RuntimeException e) {
            try {
                reader.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Writes the graph and its vectors in jvector's on-disk format to {@code file} (replacing it). */
    public void write(Path file) throws IOException {
        Files.deleteIfExists(file);
        OnDiskGraphIndex.write(graph, ravv, file);
    }

    public int size() {
        return vectors.size();
    }

    public int dimension() {
        return dimension;
    }

    /** The stored vector of an ordinal (shared, do not modify). */
    public VectorFloat<?> vector(int ordinal) {
        return vectors.get(ordinal);
    }

    /** The dot product of the query with an ordinal's vector. */
    public float score(VectorFloat<?> query, int ordinal) {
        return VectorUtil.dotProduct(query, vectors.get(ordinal));
    }

    /** Heap bytes of the graph and the vectors (approximate). */
    public long ramBytesUsed() {
        return graph.ramBytesUsed() + (long) vectors.size() * (dimension * 4L + 32);
    }

    /**
     * The {@code k} nearest accepted ordinals by graph search, best first; the layer-0 beam is
     * {@code max(k, beam)}. Scores are exact dot products.
     */
    public List<ScoredOrdinal> search(VectorFloat<?> query, int k, int beam, Bits accept) {
        var ssp = DefaultSearchScoreProvider.exact(query, SIMILARITY, ravv);
        SearchResult result;
        try (GraphSearcher searcher = new GraphSearcher(graph)) {
            result = searcher.search(ssp, k, Math.max(k, beam), 0f, 0f, accept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a graph searcher", e);
        }
        SearchResult.NodeScore[] nodes = result.getNodes();
        List<ScoredOrdinal> out = new ArrayList<>(nodes.length);
        for (SearchResult.NodeScore node : nodes) {
            out.add(new ScoredOrdinal(node.node, score(query, node.node)));
        }
        out.sort((a, b) -> Float.compare(b.score(), a.score()));
        return out;
    }

    /** The exact {@code k} nearest accepted ordinals by scanning every vector, best first. */
    public List<ScoredOrdinal> exactSearch(VectorFloat<?> query, int k, Bits accept) {
        return exactSearch(query, k, accept, 0, vectors.size());
    }

    /** As {@link #exactSearch(VectorFloat, int, Bits)} over the ordinals {@code [from, to)} only. */
    public List<ScoredOrdinal> exactSearch(VectorFloat<?> query, int k, Bits accept, int from, int to) {
        PriorityQueue<ScoredOrdinal> heap = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(a.score(), b.score()));
        for (int i = from; i < to; i++) {
            if (!accept.get(i)) {
                continue;
            }
            float s = VectorUtil.dotProduct(query, vectors.get(i));
            if (heap.size() < k) {
                heap.add(new ScoredOrdinal(i, s));
            } else if (s > heap.peek().score()) {
                heap.poll();
                heap.add(new ScoredOrdinal(i, s));
            }
        }
        ScoredOrdinal[] out = heap.toArray(new ScoredOrdinal[0]);
        Arrays.sort(out, (a, b) -> Float.compare(b.score(), a.score()));
        return List.of(out);
    }

    @Override
    public void close() throws IOException {
        try {
            graph.close();
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
