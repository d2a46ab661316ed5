/**
 * Search over an {@link io.lakehub.vector.index.IndexSnapshot}: top-k by cosine similarity (graph search with a
 * layer-0 beam of k × overquery and exact full-precision scores), filtered search with an accept-set of ordinals
 * inside the graph search — switching to an exact scan when the accept-set is very selective, never post-filtering —
 * and hybrid search fusing {@link io.lakehub.vector.search.Bm25} keyword ranks with vector ranks by reciprocal rank
 * fusion. {@link io.lakehub.vector.search.VectorSearcher} is the entry point; results are one hit per row key (its best
 * chunk), best first. No Spring, no Camel (ADR 0034).
 */
package io.lakehub.vector.search;
