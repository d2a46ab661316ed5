package io.lakehub.vector.index;

import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.chunk.ContentHash;
import java.io.IOException;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One immutable state of an index: the chunks (ordinal → row key, chunk index, text, content hash), the rows (key →
 * row hash and ordinals) and the graph. Obtained from {@link VectorIndex#snapshot()} and closed after use (the
 * graph's file stays open while any search holds the snapshot, even after a refresh replaced it).
 */
public final class IndexSnapshot implements AutoCloseable {

    /** A row of the snapshot: its text's hash and its chunks' ordinals {@code [first, first + count)}. */
    record RowEntry(ContentHash rowHash, int first, int count) {}

    final long generation;
    final String modelName;
    final String modelVersion;
    final int dimensions;
    final ChunkingParams chunking;
    final GraphParams graphParams;
    final String[] keys;
    final int[] chunkIndexes;
    final String[] texts;
    final ContentHash[] chunkHashes;
    final Map<String, RowEntry> rows;
    final VectorGraph graph;
    final String graphFile;
    final long buildMillis;

    private final AtomicInteger refs = new AtomicInteger(1);
    private final Map<Object, Object> memo = new ConcurrentHashMap<>();

    IndexSnapshot(
            long generation,
            String modelName,
            String modelVersion,
            int dimensions,
            ChunkingParams chunking,
            GraphParams graphParams,
            String[] keys,
            int[] chunkIndexes,
            String[] texts,
            ContentHash[] chunkHashes,
            Map<String, RowEntry> rows,
            VectorGraph graph,
            String graphFile,
            long buildMillis) {
        this.generation = generation;
        this.modelName = modelName;
        this.modelVersion = modelVersion;
        this.dimensions = dimensions;
        this.chunking = chunking;
        this.graphParams = graphParams;
        this.keys = keys;
        this.chunkIndexes = chunkIndexes;
        this.texts = texts;
        this.chunkHashes = chunkHashes;
        this.rows = rows;
        this.graph = graph;
        this.graphFile = graphFile;
        this.buildMillis = buildMillis;
    }

    /** Chunks (= vectors = graph nodes). */
    public int size() {
        return keys.length;
    }

    /** Rows tracked (including rows whose text gave no chunk). */
    public int rowCount() {
        return rows.size();
    }

    public int dimensions() {
        return dimensions;
    }

    public String modelName() {
        return modelName;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public ChunkingParams chunking() {
        return chunking;
    }

    public GraphParams graphParams() {
        return graphParams;
    }

    /** Milliseconds the last graph build took (0 for an empty index). */
    public long buildMillis() {
        return buildMillis;
    }

    /** The row key of a chunk. */
    public String key(int ordinal) {
        return keys[ordinal];
    }

    /** The position of a chunk in its row. */
    public int chunkIndex(int ordinal) {
        return chunkIndexes[ordinal];
    }

    /** The chunk's text. */
    public String text(int ordinal) {
        return texts[ordinal];
    }

    /** The chunk's content hash. */
    public ContentHash chunkHash(int ordinal) {
        return chunkHashes[ordinal];
    }

    /** A copy of the chunk's vector. */
    public float[] vector(int ordinal) {
        VectorFloat<?> v = graph.vector(ordinal);
        float[] out = new float[v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** Whether the row key is in the index. */
    public boolean containsKey(String key) {
        return rows.containsKey(key);
    }

    /**
     * The accept-set of the chunks of the given row keys (keys not in the index are ignored), with its size — what a
     * filter (e.g. an SQL predicate evaluated on the dataset) turns into for a filtered search.
     */
    public AcceptSet acceptKeys(Collection<String> allowed) {
        BitSet bits = new BitSet(size());
        int count = 0;
        for (String key : allowed) {
            RowEntry row = rows.get(key);
            if (row != null && row.count() > 0) {
                bits.set(row.first(), row.first() + row.count());
                count += row.count();
            }
        }
        return new AcceptSet(bits::get, count);
    }

    /** The accept-set of every chunk. */
    public AcceptSet acceptAll() {
        return new AcceptSet(Bits.ALL, size());
    }

    /**
     * An accept-set over ordinals.
     *
     * @param bits which ordinals are accepted
     * @param cardinality how many are (decides between graph search and an exact scan)
     */
    public record AcceptSet(Bits bits, int cardinality) {}

    /** The graph search (see {@link VectorGraph#search}); empty for an empty index. */
    public List<ScoredOrdinal> graphSearch(float[] query, int k, int beam, Bits accept) {
        checkDimensions(query);
        return graph == null ? List.of() : graph.search(VectorGraph.wrap(query), k, beam, accept);
    }

    /** The exact scan (see {@link VectorGraph#exactSearch}); empty for an empty index. */
    public List<ScoredOrdinal> exactSearch(float[] query, int k, Bits accept) {
        checkDimensions(query);
        return graph == null ? List.of() : graph.exactSearch(VectorGraph.wrap(query), k, accept);
    }

    /** Heap bytes of the graph and vectors (approximate; texts not counted). */
    public long ramBytesUsed() {
        return graph == null ? 0 : graph.ramBytesUsed();
    }

    /**
     * A value derived from this snapshot, computed once and kept with it (e.g. the BM25 index of its texts).
     *
     * @param key identifies the kind of value (use a constant)
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, Function<IndexSnapshot, T> compute) {
        return (T) memo.computeIfAbsent(key, k -> compute.apply(this));
    }

    private void checkDimensions(float[] query) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException(
                    "a " + query.length + "-d query against an index of " + dimensions + "-d vectors");
        }
    }

    /** Takes one more reference; false if the snapshot is already released. */
    boolean acquire() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Releases this reference; the last one closes the graph's file. */
    @Override
    public void close() {
        if (refs.decrementAndGet() == 0 && graph != null) {
            try {
                graph.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot close the graph of generation " + generation, e);
            }
        }
    }
}
