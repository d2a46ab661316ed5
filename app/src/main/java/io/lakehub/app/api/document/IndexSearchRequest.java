package io.lakehub.app.api.document;

/**
 * Body of {@code POST /api/indexes/{name}/search}.
 *
 * @param query the text to search for
 * @param k how many rows to return (1 to {@code lakehub.vector.max-k}); 10 when absent
 * @param filter a SQL predicate on the dataset's columns; only rows meeting it are candidates (never a
 *     post-filtered top k)
 * @param mode {@code vector} (the default) or {@code hybrid} (BM25 and vector ranks fused by RRF)
 */
public record IndexSearchRequest(String query, Integer k, String filter, String mode) {}
