package io.lakehub.catalog.query;

import java.util.Map;
import java.util.Set;

/**
 * What one admitted query reads, as DuckDB's parser sees it, for access checks and the query audit.
 * Every name is lower-case (DuckDB's identifiers are case-insensitive). The analysis is
 * conservative: a name counts as read wherever it appears as a column reference, even when it
 * belongs to another table of the query, so a check on it can only refuse too much, never too
 * little.
 *
 * @param tables every table or view name the query names ({@code FROM}, joins, subqueries, CTE
 *     references, {@code DESCRIBE}); schema qualifiers are dropped, so {@code lakehub_merged.people}
 *     counts as {@code people}
 * @param columns every column name referenced anywhere, including each part of a qualified name,
 *     {@code USING (...)} columns and {@code EXCLUDE} lists
 * @param wholeTables tables whose every column the query may read without naming it ({@code *},
 *     {@code COLUMNS(...)}, {@code #1}, a table used as a row value, {@code NATURAL JOIN}, column
 *     aliases {@code t(a, b)}, PIVOT, SUMMARIZE), each with the columns every such star excludes
 * @param tableFunctions table functions called in {@code FROM}, e.g. {@code read_parquet}
 * @param describeOnly true when the query only describes tables ({@code DESCRIBE}): names, no values
 */
public record SqlReferences(
        Set<String> tables,
        Set<String> columns,
        Map<String, Set<String>> wholeTables,
        Set<String> tableFunctions,
        boolean describeOnly) {

    public SqlReferences {
        tables = Set.copyOf(tables);
        columns = Set.copyOf(columns);
        wholeTables = Map.copyOf(wholeTables);
        tableFunctions = Set.copyOf(tableFunctions);
    }

    /**
     * Whether the query may read {@code column} of {@code table}: it names the column, or reads every
     * column of the table without excluding this one.
     */
    public boolean reads(String table, String column) {
        String c = column.toLowerCase(java.util.Locale.ROOT);
        if (columns.contains(c) && !describeOnly) {
            return true;
        }
        Set<String> excluded = wholeTables.get(table.toLowerCase(java.util.Locale.ROOT));
        return excluded != null && !excluded.contains(c);
    }
}
