package io.lakehub.catalog.query;

import java.util.List;

/**
 * Rows of a query, in the shape of {@code POST /api/sql}: {@code
 * {"columns":[{"name","type"}],"rows":[[...]],"row_count":n}}. Values are JSON-friendly Java
 * objects: Boolean, Long/Integer, Double, BigDecimal, String (dates and timestamps as ISO-8601),
 * List and Map for nested values, or null.
 *
 * @param truncated true when the engine stopped at its row limit
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    public long rowCount() {
        return rows.size();
    }

    /** A result column; {@code type} is DuckDB's type name, e.g. {@code BIGINT}, {@code VARCHAR}. */
    public record Column(String name, String type) {}
}
