package io.lakehub.app.text;

import io.lakehub.app.api.document.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How values look in plain text: the command line's tables and CSV, and the text answers of {@code
 * POST /api/sql}.
 */
public final class Cells {
    /** Longest cell a text table shows before cutting it. */
    public static final int MAX_TABLE_CELL = 80;

    private Cells() {}

    /** For a text table: NULL for null, nested values as JSON, control characters escaped, long text cut. */
    public static String table(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = plain(value)
                .replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t");
        return text.length() > MAX_TABLE_CELL ? text.substring(0, MAX_TABLE_CELL - 3) + "..." : text;
    }

    /** For CSV: empty for null, nested values as JSON, everything else verbatim. */
    public static String csv(Object value) {
        return value == null ? "" : plain(value);
    }

    /** Whether a column of this DuckDB type holds numbers (right-aligned in a table). */
    public static boolean isNumeric(String duckDbType) {
        String t = duckDbType == null ? "" : duckDbType.toUpperCase(Locale.ROOT);
        return t.matches("(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)");
    }

    private static String plain(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Json.write(value);
        }
        return value.toString();
    }

    /** 1536 -> "1.5 KiB". */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The value's text, or {@code -} for null. */
    public static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
