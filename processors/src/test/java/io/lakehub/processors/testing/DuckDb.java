package io.lakehub.processors.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Parquet files back through an in-memory DuckDB, the engine that queries the lake. */
public final class DuckDb {
    private DuckDb() {}

    /** Rows of {@code sql}, values as Java objects (TIMESTAMPTZ as Instant, DATE as LocalDate). */
    public static List<List<Object>> query(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof OffsetDateTime t) {
                            v = t.toInstant();
                        } else if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate();
                        } else if (v instanceof LocalDate) {
                            // already right
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB query failed: " + sql, e);
        }
    }

    /** Column name to DuckDB type of the files matching {@code glob}. */
    public static Map<String, String> types(Path glob) {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : query("DESCRIBE SELECT * FROM read_parquet('" + glob + "')")) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }
}
