package io.lakehub.catalog.query;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Read-only SQL over the lake. */
public interface SqlEngine extends AutoCloseable {

    /**
     * Runs one read-only statement against the datasets' current snapshots.
     *
     * @throws SqlRefusedException when the statement is not allowed
     * @throws QueryFailedException when DuckDB rejects or fails it
     */
    QueryResult query(String sql);

    /**
     * Checks {@code sql} like {@link #query} does, without running it, and says what it would read.
     * Empty when this engine cannot tell (then callers that need to know must refuse).
     *
     * @throws SqlRefusedException when the statement is not allowed
     * @throws QueryFailedException when DuckDB cannot parse it
     */
    default Optional<SqlReferences> references(String sql) {
        return Optional.empty();
    }

    /**
     * Creates or replaces the view {@code name} as {@code select}, a query the caller has already
     * checked with {@link #references}. Queries then read it like a dataset.
     *
     * @throws QueryFailedException when DuckDB refuses the view (unknown column, type error)
     */
    default void defineView(String name, String select) {
        throw new UnsupportedOperationException("This SQL engine has no user views");
    }

    /** Drops the view {@code name} if it exists. */
    default void dropView(String name) {
        throw new UnsupportedOperationException("This SQL engine has no user views");
    }

    /**
     * Registers a scalar SQL function {@code name(VARCHAR) -> VARCHAR} computed in Java (NULL in,
     * NULL out), e.g. a keyed hash whose key must never appear in SQL text.
     */
    default void registerFunction(String name, UnaryOperator<String> function) {
        throw new UnsupportedOperationException("This SQL engine has no Java functions");
    }

    @Override
    void close();
}
