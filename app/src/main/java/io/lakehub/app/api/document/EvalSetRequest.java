package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/indexes/{name}/evalsets}: either uploaded queries with their expected keys
 * or the options of a generated set.
 *
 * @param id the set's id within the index (like a dataset name); made from the time when absent
 * @param k the cut-off of recall@k (uploaded sets; 10 when absent)
 * @param queries uploaded queries: {@code [{"id", "text" | "vector", "expected": [keys], "filter": [keys]}]}
 * @param generate instead of queries: {@code {"queries": 50, "k": 10, "seed": 42, "texts": false, "noise": 0.0}}
 *     — sampled chunks, truth by an exact scan of the index's vectors
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvalSetRequest(String id, Integer k, JsonNode queries, Generate generate) {

    /**
     * A generated set's options.
     *
     * @param queries how many queries (at most the index's chunks); 50 when absent
     * @param k recall@k cut-off; 10 when absent
     * @param seed the seed of every random choice; 42 when absent
     * @param texts sample chunk texts (embedded) instead of chunk vectors
     * @param noise perturbation (0 = the chunk itself)
     */
    public record Generate(Integer queries, Integer k, Long seed, Boolean texts, Double noise) {}
}
