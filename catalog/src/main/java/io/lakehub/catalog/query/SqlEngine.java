package io.lakehub.catalog.query;

/** Read-only SQL over the lake. */
public interface SqlEngine extends AutoCloseable {

    /**
     * Runs one read-only statement against the datasets' current snapshots.
     *
     * @throws SqlRefusedException when the statement is not allowed
     * @throws QueryFailedException when DuckDB rejects or fails it
     */
    QueryResult query(String sql);

    @Override
    void close();
}
