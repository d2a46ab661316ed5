package io.lakehub.catalog.query;

import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.UpsertColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The merge-on-read rule of upsert datasets (ADR 0009) as DuckDB SQL, for writers that must see
 * what a query sees: the upsert planner (which keys are visible before a commit) and compaction
 * (the rows to rewrite). The SQL views use the same text, so the three never disagree.
 */
public final class MergeOnRead {

    private MergeOnRead() {}

    /**
     * A DuckDB query of the rows a query of these live files sees: one per key, the newest, deleted
     * keys dropped; every column the data files hold, the hidden ones included. Empty when there is
     * no data file.
     *
     * @param lakeRoot the lake folder the files' relative paths resolve against
     * @param key the dataset's key columns
     * @param liveFiles the live files of one snapshot (data and delete markers)
     * @param filesHoldDeletedColumn whether any data file holds {@code _lakehub_deleted}
     */
    public static Optional<String> visibleRows(
            Path lakeRoot, List<String> key, List<DataFile> liveFiles, boolean filesHoldDeletedColumn) {
        TreeMap<Long, List<String>> data = new TreeMap<>();
        TreeMap<Long, List<String>> markers = new TreeMap<>();
        Path root = lakeRoot.toAbsolutePath().normalize();
        for (DataFile f : liveFiles) {
            Path p = root.resolve(f.relativePath()).normalize();
            if (!p.startsWith(root)) {
                throw new IllegalArgumentException("The data file " + f.relativePath() + " lies outside the lake");
            }
            (f.isDeleteMarkers() ? markers : data)
                    .computeIfAbsent(f.addedSnapshotId(), k -> new ArrayList<>())
                    .add(p.toString());
        }
        return Optional.ofNullable(ViewSql.mergedRows(key, groups(data, markers), filesHoldDeletedColumn));
    }

    /** The data files' paths as a DuckDB {@code read_parquet(...)} (union by name) call. */
    public static String readParquet(List<String> absolutePaths) {
        return ViewSql.readParquetCall(absolutePaths);
    }

    /**
     * The lower-cased names of the columns the files hold, as DuckDB reads them through {@link
     * #readParquet} (union by name).
     */
    public static java.util.Set<String> fileColumns(java.sql.Statement st, List<String> absolutePaths)
            throws java.sql.SQLException {
        java.util.Set<String> columns = new java.util.HashSet<>();
        try (java.sql.ResultSet rs = st.executeQuery(ViewSql.describeFiles(absolutePaths))) {
            while (rs.next()) {
                columns.add(rs.getString("column_name").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return columns;
    }

    /**
     * Each schema column, in schema order, cast to its DuckDB type as the views cast it: {@code
     * alias}'s column of that name, or NULL where the files hold none ({@link #fileColumns}).
     */
    public static String typedColumns(
            io.lakehub.catalog.schema.LakeSchema schema, java.util.Set<String> fileColumns, String alias) {
        return ViewSql.typedColumns(schema, fileColumns, alias);
    }

    /** A double-quoted DuckDB identifier. */
    public static String identifier(String name) {
        return ViewSql.identifier(name);
    }

    /** A single-quoted DuckDB string literal. */
    public static String literal(String text) {
        return ViewSql.literal(text);
    }

    /** True when this lower-cased column name is one of the hidden {@link UpsertColumns}. */
    static boolean hidden(String column) {
        return UpsertColumns.isReserved(column);
    }

    /** Snapshot groups oldest first; a single group when there are no markers. */
    static List<ViewSql.SnapshotFiles> groups(TreeMap<Long, List<String>> data, TreeMap<Long, List<String>> markers) {
        if (markers.isEmpty()) {
            List<String> all = new ArrayList<>();
            data.values().forEach(all::addAll);
            return List.of(new ViewSql.SnapshotFiles(0, all, List.of()));
        }
        TreeMap<Long, ViewSql.SnapshotFiles> groups = new TreeMap<>();
        java.util.Set<Long> ids = new java.util.HashSet<>(data.keySet());
        ids.addAll(markers.keySet());
        for (Long id : ids) {
            groups.put(
                    id,
                    new ViewSql.SnapshotFiles(
                            id, data.getOrDefault(id, List.of()), markers.getOrDefault(id, List.of())));
        }
        return new ArrayList<>(groups.values());
    }
}
