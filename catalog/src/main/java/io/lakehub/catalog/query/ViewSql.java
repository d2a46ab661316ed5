package io.lakehub.catalog.query;

import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.schema.ColumnNames;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.ArrayList;
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
        if (absolutePaths.isEmpty()) {
            return selectFrom(dataset, schema, fileColumns, null) + " LIMIT 0";
        }
        return selectFrom(dataset, schema, fileColumns, readParquet(absolutePaths) + " AS src");
    }

    /**
     * The files a view of an upsert dataset reads, grouped by the snapshot that added them (ADR 0009).
     *
     * @param snapshotId the snapshot that added these files
     * @param dataPaths its data files (may be empty)
     * @param markerPaths its delete-marker files (may be empty)
     */
    record SnapshotFiles(long snapshotId, List<String> dataPaths, List<String> markerPaths) {}

    /**
     * The view of an upsert dataset (ADR 0009): one row per key, the newest, deletes hidden. Each
     * snapshot's data files are read together and lose, by an equality anti join on the key, every
     * key that a newer snapshot's markers name, and, by an anti join on key and {@code
     * _lakehub_row}, the rows its own markers name (earlier versions of a key within one commit).
     * Equality joins only: DuckDB runs them as hash joins. Rows flagged {@code _lakehub_deleted}
     * are dropped last. Without markers the view is the plain one with that filter.
     *
     * @param groups oldest snapshot first
     * @param fileColumns lower-cased names of the columns the data files hold
     */
    static String createUpsertView(
            String dataset, LakeSchema schema, List<String> key, List<SnapshotFiles> groups, Set<String> fileColumns) {
        String merged = mergedRows(key, groups, fileColumns.contains(UpsertColumns.DELETED));
        if (merged == null) {
            return selectFrom(dataset, schema, fileColumns, null) + " LIMIT 0";
        }
        return selectFrom(dataset, schema, fileColumns, "(" + merged + ") AS src");
    }

    /**
     * A query of the visible rows of an upsert dataset, with every column the files hold (the hidden
     * ones included), or {@code null} when there are no data files.
     *
     * @param filterDeleted whether the files hold {@code _lakehub_deleted} (then rows flagged are dropped)
     */
    static String mergedRows(List<String> key, List<SnapshotFiles> groups, boolean filterDeleted) {
        StringJoiner parts = new StringJoiner(" UNION ALL BY NAME ");
        for (int g = 0; g < groups.size(); g++) {
            SnapshotFiles group = groups.get(g);
            if (group.dataPaths().isEmpty()) {
                continue;
            }
            List<String> newer = new ArrayList<>();
            for (SnapshotFiles later : groups.subList(g + 1, groups.size())) {
                newer.addAll(later.markerPaths());
            }
            String part = "SELECT * FROM " + readParquet(group.dataPaths()) + " AS d";
            if (!newer.isEmpty()) {
                part = "SELECT d.* FROM (" + part + ") AS d ANTI JOIN (SELECT " + columns(key, null) + " FROM "
                        + readParquet(newer) + ") AS m ON " + keyMatch(key, null);
            }
            if (!group.markerPaths().isEmpty()) {
                String row = identifier(UpsertColumns.ROW);
                part = "SELECT d.* FROM (" + part + ") AS d ANTI JOIN (SELECT " + columns(key, row) + " FROM "
                        + readParquet(group.markerPaths()) + " WHERE " + row + " IS NOT NULL) AS m ON "
                        + keyMatch(key, row);
            }
            parts.add(part);
        }
        if (parts.length() == 0) {
            return null;
        }
        String merged = "SELECT * FROM (" + parts + ") AS merged";
        if (filterDeleted) {
            merged += " WHERE merged." + identifier(UpsertColumns.DELETED) + " IS NOT TRUE";
        }
        return merged;
    }

    private static String columns(List<String> key, String extra) {
        StringJoiner j = new StringJoiner(", ");
        key.forEach(k -> j.add(identifier(k)));
        if (extra != null) {
            j.add(extra);
        }
        return j.toString();
    }

    private static String keyMatch(List<String> key, String extra) {
        StringJoiner j = new StringJoiner(" AND ");
        key.forEach(k -> j.add("d." + identifier(k) + " = m." + identifier(k)));
        if (extra != null) {
            j.add("d." + extra + " = m." + extra);
        }
        return j.toString();
    }

    /**
     * {@code CREATE OR REPLACE VIEW} selecting each schema column, in schema order, cast to its DuckDB
     * type, from {@code from} (a relation aliased {@code src}, or {@code null} for no rows).
     */
    private static String selectFrom(String dataset, LakeSchema schema, Set<String> fileColumns, String from) {
        String view = "CREATE OR REPLACE VIEW " + identifier(dataset) + " AS SELECT "
                + typedColumns(schema, fileColumns, "src");
        return from == null ? view : view + " FROM " + from;
    }

    /**
     * Each schema column, in schema order, cast to its DuckDB type: {@code alias}'s column of that name,
     * or NULL where the files hold none ({@code fileColumns}, lower-cased).
     */
    static String typedColumns(LakeSchema schema, Set<String> fileColumns, String alias) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            String source = fileColumns.contains(f.name().toLowerCase(Locale.ROOT))
                    ? alias + "." + identifier(f.name())
                    : "NULL";
            columns.add("CAST(" + source + " AS " + f.duckDbType() + ") AS " + identifier(f.name()));
        }
        return columns.toString();
    }

    /** A query whose result lists the columns the files hold, as DuckDB will read them in the view. */
    static String describeFiles(List<String> absolutePaths) {
        return "DESCRIBE SELECT * FROM " + readParquet(absolutePaths);
    }

    static String readParquetCall(List<String> absolutePaths) {
        return readParquet(absolutePaths);
    }

    private static String readParquet(List<String> absolutePaths) {
        StringJoiner files = new StringJoiner(", ", "[", "]");
        absolutePaths.forEach(p -> files.add(literal(p)));
        return "read_parquet(" + files + ", union_by_name = true)";
    }

    /**
     * A stand-in view with the dataset's columns whose every use fails with {@code message}: it keeps
     * one unreadable dataset from failing queries over the others, and says why it is unreadable.
     * Column names and the message are written with control characters escaped ({@link
     * ColumnNames#printable}), so that the stand-in can be built even for the names that made the
     * real view impossible.
     */
    static String createFailingView(String dataset, LakeSchema schema, String message) {
        return "CREATE OR REPLACE VIEW " + identifier(dataset) + " AS SELECT " + typedNulls(schema) + " WHERE error("
                + literal(ColumnNames.printable(message)) + ") IS NULL";
    }

    /**
     * The last resort when even {@link #createFailingView} cannot be built (for example two column
     * names that become equal once escaped): a one-column stand-in that fails with {@code message}.
     */
    static String createBareFailingView(String dataset, String message) {
        return "CREATE OR REPLACE VIEW " + identifier(dataset) + " AS SELECT CAST(NULL AS VARCHAR) AS \"unreadable\""
                + " WHERE error(" + literal(ColumnNames.printable(message)) + ") IS NULL";
    }

    /** The schema of the in-memory tables holding merged upsert datasets. */
    static final String MERGED_SCHEMA = "lakehub_merged";

    /** The visible rows of an upsert dataset, merged once into an in-memory table (see {@link QuerySettings}). */
    static String createMergedTable(
            String dataset, List<String> key, List<SnapshotFiles> groups, Set<String> fileColumns) {
        String merged = mergedRows(key, groups, fileColumns.contains(UpsertColumns.DELETED));
        return "CREATE OR REPLACE TABLE " + MERGED_SCHEMA + "." + identifier(dataset) + " AS " + merged;
    }

    static String createMergedSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + MERGED_SCHEMA;
    }

    /** The view over {@link #createMergedTable}'s table. */
    static String createViewOverMerged(String dataset, LakeSchema schema, Set<String> fileColumns) {
        return selectFrom(dataset, schema, fileColumns, MERGED_SCHEMA + "." + identifier(dataset) + " AS src");
    }

    static String dropMergedTable(String dataset) {
        return "DROP TABLE IF EXISTS " + MERGED_SCHEMA + "." + identifier(dataset);
    }

    static String dropView(String dataset) {
        return "DROP VIEW IF EXISTS " + identifier(dataset);
    }

    private static String typedNulls(LakeSchema schema) {
        StringJoiner columns = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            columns.add("CAST(NULL AS " + f.duckDbType() + ") AS " + identifier(ColumnNames.printable(f.name())));
        }
        return columns.toString();
    }
}
