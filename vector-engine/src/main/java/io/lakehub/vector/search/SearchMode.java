package io.lakehub.vector.search;

/** How a query is matched. */
public enum SearchMode {
    /** By meaning: cosine similarity of the query's vector with the chunks' vectors. */
    VECTOR,
    /** Keyword relevance (BM25 over the chunk texts) and vector similarity, fused by reciprocal rank. */
    HYBRID
}
