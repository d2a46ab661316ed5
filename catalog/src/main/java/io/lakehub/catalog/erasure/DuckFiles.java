package io.lakehub.catalog.erasure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB over single lake files, as the erasure rewrite and verification read them. */
final class DuckFiles {

    private DuckFiles() {}

    static Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** One file exactly as written: no hive columns from its folder names, no schema merging. */
    static String read(Path file) {
        return "read_parquet(" + ErasureMatch.literal(file.toString()) + ", hive_partitioning = false)";
    }

    /** The file's columns, name and DuckDB type. */
    static List<String[]> columns(Connection duck, Path file) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + read(file))) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString("column_name"), rs.getString("column_type")});
            }
        }
        return columns;
    }

    static List<ErasureMatch.Column> matchColumns(List<String[]> columns) {
        return columns.stream().map(c -> new ErasureMatch.Column(c[0])).toList();
    }

    static long count(Connection duck, String sql) throws SQLException {
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Flushes a file's content, or a folder's entries, to the device. */
    static void fsync(Path path, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
            // Some file systems cannot open a folder for syncing; the rename is still atomic there.
        }
    }
}
