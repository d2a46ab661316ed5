package io.lakehub.vector.index;

/**
 * One search result at the chunk level.
 *
 * @param ordinal the chunk's ordinal in the index snapshot
 * @param score the cosine similarity (dot product of unit vectors), computed exactly from the stored vectors
 */
public record ScoredOrdinal(int ordinal, float score) {}
