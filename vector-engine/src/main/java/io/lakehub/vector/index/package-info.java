/**
 * Vector indexes on jvector: {@link io.lakehub.vector.index.VectorGraph} (a jvector graph built in memory with all
 * cores, persisted in jvector's on-disk format with the vectors inline, searched with exact full-precision scores)
 * and {@link io.lakehub.vector.index.VectorIndex} (rows → chunks → vectors, the ordinal ↔ (row key, chunk) mapping
 * and content hashes in its own file, refreshes that embed only new and changed chunks, atomic file replacement,
 * reopening without re-embedding). {@link io.lakehub.vector.index.IndexSignature} says when nothing needs doing.
 *
 * <p>Searches read an immutable {@link io.lakehub.vector.index.IndexSnapshot}; a refresh builds the next one aside
 * and swaps it in, so searches never see a half-built index and a failed refresh leaves the previous one serving.
 * No Spring, no Camel (ADR 0034).
 */
package io.lakehub.vector.index;
