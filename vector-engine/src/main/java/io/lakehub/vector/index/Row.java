package io.lakehub.vector.index;

/**
 * A source row as the index sees it.
 *
 * @param key the row's key (the dataset's key column as text); {@code null} is refused by a refresh, naming the row
 * @param text the text to embed; {@code null} or blank gives the row no chunks (it is still tracked)
 */
public record Row(String key, String text) {}
