package io.lakehub.catalog.query;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;
import java.util.StringJoiner;

/**
 * The DuckDB statements that define a dataset's view. Every name and path is quoted, so column names
 * with spaces, quotes or any other character reach DuckDB intact.
 */
final class ViewSql {

    private ViewSql() {}

    /** A double-quoted DuckDB identifier. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted DuckDB string literal. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /**
     * The view over a snapshot's files: each schema column, in schema order, cast to its DuckDB type.
     *
     * <p>The files are read with {@code union_by_name} because older files may lack newer columns or
     * hold narrower types. They are unioned by name with an empty relation that has every schema
     * column, so a column that no live file holds yet is NULL rather than a binder error, and a
     * dataset without files is the same empty relation. Column references are qualified with the
     * source alias so DuckDB never resolves them to an alias of the same select list.
     */
    static String createView(String dataset, LakeSchema schema, List<String> absolutePaths) {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW ")
                .append(identifier(dataset))
                .append(" AS SELECT ")
                .append(castColumns(schema))
                .append(" FROM (SELECT * FROM (SELECT ")
                .append(typedNulls(schema))
                .append(" LIMIT 0)");
        if (!absolutePaths.isEmpty()) {
            StringJoiner files = new StringJoiner(", ", "[", "]");
            absolutePaths.forEach(p -> files.add(literal(p)));
            sql.append(" UNION ALL BY NAME SELECT * FROM read_parquet(")
                    .append(files)
                    .append(", union_by_name = true)");
        }
        return sql.append(") AS src").toString();
    }

    /**
     * A stand-in view with the dataset's columns whose every use fails with {@code message}: it keeps
     * one unreadable dataset from failing queries over the others, and says why it is unreadable.
     */
    static String createFailingView(String dataset, LakeSchema schema, String message) {
        return "CREATE OR REPLACE VIEW " + identifier(dataset) + " AS SELECT " + typedNulls(schema) + " WHERE error("
                + literal(message) + ") IS NULL";
    }

    static String dropView(String dataset) {
        return "DROP VIEW IF EXISTS " + identifier(dataset);
    }

    private static String castColumns(LakeSchema schema) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            columns.add("CAST(src." + identifier(f.name()) + " AS " + f.type().duckDbType() + ") AS "
                    + identifier(f.name()));
        }
        return columns.toString();
    }

    private static String typedNulls(LakeSchema schema) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            columns.add("CAST(NULL AS " + f.type().duckDbType() + ") AS " + identifier(f.name()));
        }
        return columns.toString();
    }
}
