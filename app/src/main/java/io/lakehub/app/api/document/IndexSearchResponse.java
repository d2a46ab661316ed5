package io.lakehub.app.api.document;

import java.util.List;
import java.util.Map;

/**
 * What {@code POST /api/indexes/{name}/search} and {@code ./lakehub search --format json} answer.
 *
 * @param hits the rows found, best first, one per row key
 */
public record IndexSearchResponse(List<Hit> hits) {

    /**
     * One row found.
     *
     * @param key the row's key column, as text
     * @param score cosine similarity (vector mode) or the fused reciprocal-rank score (hybrid): higher is better
     * @param chunk the row's best-matching chunk of text
     * @param row the row's columns, as {@code POST /api/sql} shows values
     */
    public record Hit(String key, double score, String chunk, Map<String, Object> row) {}
}
