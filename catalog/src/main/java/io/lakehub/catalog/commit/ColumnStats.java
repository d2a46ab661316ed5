package io.lakehub.catalog.commit;

/**
 * Statistics of one column in one data file. Min and max are rendered as text (ISO-8601 for dates
 * and timestamps) and are {@code null} for columns where ordering is meaningless (JSON, BINARY) or
 * when every value is null.
 */
public record ColumnStats(String column, long nullCount, String min, String max) {}
