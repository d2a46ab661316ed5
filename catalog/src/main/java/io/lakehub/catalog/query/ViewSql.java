package io.lakehub.catalog.query;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
     * hold narrower types. A schema column that no file holds (DuckDB matches names ignoring case)
     * is a typed NULL; the others are referenced through the source alias, so DuckDB never resolves
     * them to an alias of the same select list. A dataset without files is an empty relation with
     * the schema's columns.
     *
     * @param fileColumns lower-cased names of the columns the files hold, see {@link #describeFiles}
     */
    static String createView(String dataset, LakeSchema schema, List<String> absolutePaths, Set<String> fileColumns) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            String source =
                    fileColumns.contains(f.name().toLowerCase(Locale.ROOT)) ? "src." + identifier(f.name()) : "NULL";
            columns.add("CAST(" + source + " AS " + f.duckDbType() + ") AS " + identifier(f.name()));
        }
        String view = "CREATE OR REPLACE VIEW " + identifier(dataset) + " AS SELECT " + columns;
        if (absolutePaths.isEmpty()) {
            return view + " LIMIT 0";
        }
        return view + " FROM " + readParquet(absolutePaths) + " AS src";
    }

    /** A query whose result lists the columns the files hold, as DuckDB will read them in the view. */
    static String describeFiles(List<String> absolutePaths) {
        return "DESCRIBE SELECT * FROM " + readParquet(absolutePaths);
    }

    private static String readParquet(List<String> absolutePaths) {
        StringJoiner files = new StringJoiner(", ", "[", "]");
        absolutePaths.forEach(p -> files.add(literal(p)));
        return "read_parquet(" + files + ", union_by_name = true)";
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

    private static String typedNulls(LakeSchema schema) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            columns.add("CAST(NULL AS " + f.duckDbType() + ") AS " + identifier(f.name()));
        }
        return columns.toString();
    }
}
