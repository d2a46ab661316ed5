package io.lakehub.vector.tune;

import io.lakehub.vector.index.IndexSnapshot;
import java.util.List;
import java.util.Set;

/**
 * An {@link EvaluationSet} resolved against one snapshot (texts embedded, filters turned into accept-sets, truth cut
 * at k), ready for any number of trials on that snapshot's graph or on candidate graphs built from its vectors (same
 * ordinals).
 *
 * @param fingerprint the evaluation set's {@link EvaluationSet#fingerprint()}
 * @param k the cut-off of recall@k
 * @param chunks the size of the snapshot it was prepared on (trials check it)
 * @param queries in the set's order
 */
public record PreparedEvaluation(String fingerprint, int k, int chunks, List<PreparedQuery> queries) {

    public PreparedEvaluation {
        queries = List.copyOf(queries);
    }

    /**
     * @param id the query's id
     * @param vector the query vector
     * @param accept the filter's accept-set (all chunks when unfiltered)
     * @param truth the expected keys (at most k)
     */
    public record PreparedQuery(String id, float[] vector, IndexSnapshot.AcceptSet accept, Set<String> truth) {}
}
