/**
 * Chunking: a row's text cut into overlapping, sentence-aligned pieces that fit the embedding model's window, each
 * with a SHA-256 {@link io.lakehub.vector.chunk.ContentHash} so a refresh can tell new, changed and removed chunks
 * without re-embedding.
 *
 * <p>Sizes are in characters (not model tokens): cheap, deterministic and independent of the provider, so the same
 * chunks — and hashes — serve any model. The defaults (480 characters, 80 overlap) stay under the 128 word pieces
 * all-MiniLM-L6-v2's tokenizer keeps for English prose. See ADR 0034.
 */
package io.lakehub.vector.chunk;
