package io.lakehub.catalog.query;

/**
 * How the SQL engine runs queries.
 *
 * @param maxRows rows returned at most per query; a result with more rows is cut there and marked
 *     truncated
 * @param threads DuckDB worker threads; 0 lets DuckDB use one per core
 * @param memoryLimit DuckDB memory limit such as {@code "2GB"}; {@code null} keeps DuckDB's default
 *     (80% of RAM). Larger intermediate results spill to a private temporary folder.
 */
public record QuerySettings(int maxRows, int threads, String memoryLimit) {

    public static final int DEFAULT_MAX_ROWS = 10_000;

    public QuerySettings {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (DuckDB default) or positive, got " + threads);
        }
        if (memoryLimit != null && memoryLimit.isBlank()) {
            memoryLimit = null;
        }
    }

    /** 10,000 rows, DuckDB's default threads and memory limit. */
    public static QuerySettings defaults() {
        return new QuerySettings(DEFAULT_MAX_ROWS, 0, null);
    }
}
