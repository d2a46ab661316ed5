package io.lakehub.vector.search;

/**
 * One row found.
 *
 * @param key the row key
 * @param chunk the position of the row's best chunk
 * @param text the best chunk's text
 * @param score cosine similarity for {@link SearchMode#VECTOR}; the fused reciprocal-rank score for
 *     {@link SearchMode#HYBRID} (higher is better in both)
 */
public record SearchHit(String key, int chunk, String text, float score) {}
