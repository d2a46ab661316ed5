package io.lakehub.catalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which relative paths the {@code data_file} table records, live or historical. A commit asks so as
 * not to record a path twice; the orphan sweep asks so as never to delete a file the catalog names.
 */
final class DataFilePaths {
    private DataFilePaths() {}

    /** The subset of {@code paths} that some {@code data_file} row names. */
    static Set<String> recorded(Connection c, List<String> paths) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        for (List<String> chunk : SqlLists.chunks(paths)) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT relative_path FROM data_file WHERE relative_path IN ("
                            + SqlLists.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
