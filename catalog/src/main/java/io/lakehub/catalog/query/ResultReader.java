package io.lakehub.catalog.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBResultSetMetaData;

/** Reads a DuckDB result into a {@link QueryResult}, stopping at the row limit. */
final class ResultReader {

    private ResultReader() {}

    /**
     * Reads at most {@code maxRows} rows. The driver streams the result, so a huge result is neither
     * materialised nor fully computed when the limit cuts it.
     */
    static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<QueryResult.Column> columns = new ArrayList<>(n);
        DuckDBColumnType[] types = new DuckDBColumnType[n];
        for (int i = 0; i < n; i++) {
            String typeName = md.getColumnTypeName(i + 1);
            columns.add(new QueryResult.Column(md.getColumnLabel(i + 1), typeName));
            types[i] = DuckDBResultSetMetaData.TypeNameToType(typeName);
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                row.add(value(rs, i + 1, types[i]));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return new QueryResult(List.copyOf(columns), Collections.unmodifiableList(rows), truncated);
    }

    private static Object value(ResultSet rs, int column, DuckDBColumnType type) throws SQLException {
        return switch (type) {
            // java.sql.Timestamp would pass through the JVM's time zone and shift wall-clock times
            // that fall into a daylight-saving gap; LocalDateTime keeps them exact.
            case TIMESTAMP, TIMESTAMP_MS, TIMESTAMP_NS, TIMESTAMP_S -> {
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                yield t == null ? null : JsonValues.localDateTime(t);
            }
            case TIMESTAMP_WITH_TIME_ZONE -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                yield t == null ? null : JsonValues.instant(t.toInstant());
            }
            default -> JsonValues.of(rs.getObject(column));
        };
    }
}
