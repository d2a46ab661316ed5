package io.lakehub.vector.search;

import java.util.Collection;
import java.util.Objects;

/**
 * A search.
 *
 * @param query the query text
 * @param k how many rows to return (1 … {@link SearchParams#maxK()})
 * @param mode vector or hybrid
 * @param allowedKeys the row keys a filter allows (e.g. those matching an SQL predicate), or {@code null} for all
 */
public record SearchRequest(String query, int k, SearchMode mode, Collection<String> allowedKeys) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
    }

    /** A vector search over all rows. */
    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, k, SearchMode.VECTOR, null);
    }

    public SearchRequest withMode(SearchMode value) {
        return new SearchRequest(query, k, value, allowedKeys);
    }

    public SearchRequest withAllowedKeys(Collection<String> keys) {
        return new SearchRequest(query, k, mode, keys);
    }
}
