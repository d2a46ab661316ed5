package io.lakehub.vector.search;

import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.ScoredOrdinal;
import io.lakehub.vector.index.VectorIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches a {@link VectorIndex}: embeds the query with the index's provider, then vector or hybrid search on the
 * current snapshot. Thread-safe; one instance per index is enough.
 *
 * <p>Filtered searches pass the allowed row keys: their chunks form an accept-set that the graph search honours
 * while it walks the graph (the top k are k accepted chunks, never a post-filtered top k); when the accept-set holds
 * at most {@link SearchParams#exactScanSelectivity()} of the chunks, the accepted chunks are scanned exactly instead.
 */
public final class VectorSearcher {

    /** The most overquery a filtered graph search uses (see {@link #nearestChunks}). */
    public static final int FILTERED_OVERQUERY_CAP = 4;

    private final VectorIndex index;
    private final SearchParams params;

    public VectorSearcher(VectorIndex index, SearchParams params) {
        this.index = index;
        this.params = params;
    }

    public VectorSearcher(VectorIndex index) {
        this(index, SearchParams.DEFAULT.withOverquery(index.graphParams().overquery()));
    }

    public SearchParams params() {
        return params;
    }

    /** The index searched. */
    public VectorIndex index() {
        return index;
    }

    /**
     * Runs the search.
     *
     * @return at most k hits, one per row key (its best chunk), best first
     * @throws IllegalArgumentException if k is out of range (naming the range)
     */
    public List<SearchHit> search(SearchRequest request) {
        if (request.k() < 1 || request.k() > params.maxK()) {
            throw new IllegalArgumentException("k must be between 1 and " + params.maxK() + ", got " + request.k());
        }
        float[] query = index.provider().embed(List.of(request.query()))[0];
        index.markUsed();
        try (IndexSnapshot snapshot = index.snapshot()) {
            return request.mode() == SearchMode.HYBRID
                    ? hybrid(snapshot, request, query)
                    : vector(snapshot, request, query);
        }
    }

    /**
     * Nearest chunks to a query vector (chunk level, several per key possible), best first: the primitive under
     * {@link #search}, also used by benchmarks.
     */
    public List<ScoredOrdinal> nearestChunks(
            IndexSnapshot snapshot, float[] query, int n, IndexSnapshot.AcceptSet accept) {
        if (accept.cardinality() == 0 || snapshot.size() == 0) {
            return List.of();
        }
        boolean exact = snapshot.size() <= params.exactScanBelow()
                || accept.cardinality() <= params.exactScanSelectivity() * snapshot.size()
                || accept.cardinality() <= n;
        if (exact) {
            return snapshot.exactSearch(query, n, accept.bits());
        }
        if (accept.cardinality() == snapshot.size()) {
            return snapshot.graphSearch(query, n, n * params.overquery(), accept.bits());
        }
        // With a filter jvector fills the beam with accepted nodes only, so it already walks about
        // 1/selectivity times more of the graph: a larger beam costs much and gains nothing (measured at 10%:
        // recall@10 1.000 with a beam of 4k, while 20k and 50k only got slower).
        return snapshot.graphSearch(query, n, n * Math.min(params.overquery(), FILTERED_OVERQUERY_CAP), accept.bits());
    }

    private List<SearchHit> vector(IndexSnapshot snapshot, SearchRequest request, float[] query) {
        IndexSnapshot.AcceptSet accept = acceptSet(snapshot, request);
        int k = request.k();
        // Several chunks of one row may come first: ask for more chunks until k distinct rows are found.
        int n = Math.min(snapshot.size(), k * 2);
        while (true) {
            List<ScoredOrdinal> chunks = nearestChunks(snapshot, query, n, accept);
            List<SearchHit> hits = onePerKey(snapshot, chunks, k, null);
            if (hits.size() >= k || chunks.size() < n || n >= accept.cardinality()) {
                return hits;
            }
            n = Math.min(snapshot.size(), n * 4);
        }
    }

    private List<SearchHit> hybrid(IndexSnapshot snapshot, SearchRequest request, float[] query) {
        IndexSnapshot.AcceptSet accept = acceptSet(snapshot, request);
        int candidates = Math.max(50, request.k() * params.overquery());
        List<ScoredOrdinal> byVector = nearestChunks(snapshot, query, candidates, accept);
        List<ScoredOrdinal> byKeyword = accept.cardinality() == 0
                ? List.of()
                : Bm25.of(snapshot).search(request.query(), candidates, accept.bits());
        Map<Integer, Float> fused = new HashMap<>();
        for (List<ScoredOrdinal> ranking : List.of(byVector, byKeyword)) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                fused.merge(ranking.get(rank).ordinal(), 1f / (params.rrfK() + rank + 1), Float::sum);
            }
        }
        List<ScoredOrdinal> ranked = new ArrayList<>(fused.size());
        fused.forEach((ord, score) -> ranked.add(new ScoredOrdinal(ord, score)));
        ranked.sort((a, b) -> a.score() != b.score()
                ? Float.compare(b.score(), a.score())
                : Integer.compare(a.ordinal(), b.ordinal()));
        return onePerKey(snapshot, ranked, request.k(), null);
    }

    private static IndexSnapshot.AcceptSet acceptSet(IndexSnapshot snapshot, SearchRequest request) {
        return request.allowedKeys() == null ? snapshot.acceptAll() : snapshot.acceptKeys(request.allowedKeys());
    }

    private static List<SearchHit> onePerKey(IndexSnapshot s, List<ScoredOrdinal> chunks, int k, Set<String> seen0) {
        Set<String> seen = seen0 == null ? new HashSet<>() : seen0;
        List<SearchHit> hits = new ArrayList<>(k);
        for (ScoredOrdinal c : chunks) {
            String key = s.key(c.ordinal());
            if (seen.add(key)) {
                hits.add(new SearchHit(key, s.chunkIndex(c.ordinal()), s.text(c.ordinal()), c.score()));
                if (hits.size() == k) {
                    break;
                }
            }
        }
        return hits;
    }
}
