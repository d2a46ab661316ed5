package io.lakehub.catalog.schema;

/**
 * Which column names a dataset may hold, and how to show one that it may not.
 *
 * <p>A name holding a control character (U+0000 to U+001F, or U+007F) is refused: such a name is
 * never what the source meant (a UTF-16 file read as 8-bit, a corrupt export), it cannot be typed in
 * a query, and a NUL ends DuckDB's SQL text early, so a view naming it cannot even be parsed.
 */
public final class ColumnNames {

    private ColumnNames() {}

    /** True for U+0000 to U+001F and U+007F. */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    /** The index of the first control character in {@code name}, or -1 when there is none. */
    public static int firstControlCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (isControl(name.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code name} with every control character written as a Java-style escape ({@code col\u0000 2}),
     * so that a message can show it without corrupting a terminal, a log line or a SQL statement.
     * Backslashes are left as they are.
     */
    public static String printable(String name) {
        if (firstControlCharacter(name) < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 12);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
