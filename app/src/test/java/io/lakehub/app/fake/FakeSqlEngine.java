package io.lakehub.app.fake;

import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.query.SqlRefusedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers every SELECT with one fixed result that exercises the value kinds of {@link
 * QueryResult}; {@code DROP ...} is refused and anything else fails like a DuckDB parser error.
 * The real DuckDB engine is exercised by the *IT tests.
 */
public final class FakeSqlEngine implements SqlEngine {
    public static final List<QueryResult.Column> COLUMNS = List.of(
            new QueryResult.Column("id", "BIGINT"),
            new QueryResult.Column("name", "VARCHAR"),
            new QueryResult.Column("price", "DECIMAL(10,2)"),
            new QueryResult.Column("tags", "VARCHAR[]"));

    public static final List<List<Object>> ROWS = List.of(
            List.of(1L, "Ada, \"the\" first", new BigDecimal("12.50"), List.of("a", "b")),
            Arrays.asList(2L, null, null, List.of()),
            Arrays.asList(10L, "multi\nline", new BigDecimal("3.00"), List.of(Map.of("k", 1))));

    private final int maxRows;
    private boolean closed;

    public FakeSqlEngine(int maxRows) {
        this.maxRows = maxRows;
    }

    @Override
    public QueryResult query(String sql) {
        String s = sql.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("drop")) {
            throw new SqlRefusedException("Only read-only queries are allowed; DROP was refused.");
        }
        if (!s.startsWith("select")) {
            throw new QueryFailedException(
                    "Parser Error: syntax error at or near \"" + s.split("\\s+")[0] + "\"", null);
        }
        List<List<Object>> rows = new ArrayList<>(ROWS.subList(0, Math.min(maxRows, ROWS.size())));
        return new QueryResult(COLUMNS, rows, ROWS.size() > maxRows);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
