package io.lakehub.vector.chunk;

/**
 * One piece of a row's text.
 *
 * @param index the chunk's position in its row (0, 1, …)
 * @param text the chunk's text (stripped of surrounding white space)
 * @param hash the SHA-256 of {@code text}: with the row key and index it identifies the chunk's content
 */
public record Chunk(int index, String text, ContentHash hash) {}
