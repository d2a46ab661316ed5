package io.lakehub.catalog.query;

import java.time.Duration;

/**
 * How the SQL engine runs queries.
 *
 * @param maxRows rows returned at most per query; a result with more rows is cut there and marked
 *     truncated
 * @param threads DuckDB worker threads; 0 lets DuckDB use one per core
 * @param memoryLimit DuckDB memory limit such as {@code "2GB"}; {@code null} keeps DuckDB's default
 *     (80% of RAM). Larger intermediate results spill to a private temporary folder.
 * @param viewCheckInterval how often a query also checks the catalog for snapshots committed by
 *     other processes ({@link io.lakehub.catalog.Catalog#currentSnapshotIds()}); commits made
 *     through the engine's own catalog reach the views through the catalog's change feed at once.
 *     {@link Duration#ZERO} (the default): every query checks, which a catalog database shared by
 *     several hubs needs for read-your-writes across hubs; a longer interval saves that query when
 *     the hub is the catalog's only writer.
 * @param mergedRowsLimit an upsert dataset with live delete markers and at most this many visible
 *     rows is merged once per snapshot, at view refresh, into an in-memory table that its view reads
 *     (queries then cost what they cost on a compacted dataset; the merge costs once per commit and
 *     the rows take memory); a larger one is merged on every read. 0 (the default): always merge on
 *     read. See ADR 0009.
 */
public record QuerySettings(
        int maxRows, int threads, String memoryLimit, Duration viewCheckInterval, long mergedRowsLimit) {

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
        if (viewCheckInterval == null || viewCheckInterval.isNegative()) {
            throw new IllegalArgumentException("viewCheckInterval must be zero or positive, got " + viewCheckInterval);
        }
        if (mergedRowsLimit < 0) {
            throw new IllegalArgumentException("mergedRowsLimit must be zero or positive, got " + mergedRowsLimit);
        }
    }

    /** Upsert datasets merged on every read. */
    public QuerySettings(int maxRows, int threads, String memoryLimit, Duration viewCheckInterval) {
        this(maxRows, threads, memoryLimit, viewCheckInterval, 0);
    }

    public QuerySettings withMergedRowsLimit(long limit) {
        return new QuerySettings(maxRows, threads, memoryLimit, viewCheckInterval, limit);
    }

    /** Checks the catalog for other processes' commits on every query. */
    public QuerySettings(int maxRows, int threads, String memoryLimit) {
        this(maxRows, threads, memoryLimit, Duration.ZERO);
    }

    public QuerySettings withViewCheckInterval(Duration interval) {
        return new QuerySettings(maxRows, threads, memoryLimit, interval, mergedRowsLimit);
    }

    /** 10,000 rows, DuckDB's default threads and memory limit. */
    public static QuerySettings defaults() {
        return new QuerySettings(DEFAULT_MAX_ROWS, 0, null);
    }
}
