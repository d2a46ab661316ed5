package io.lakehub.catalog;

import java.util.regex.Pattern;

/**
 * A validated dataset name. The name doubles as a folder under the lake and as a DuckDB view name,
 * so the rule is strict: a lower-case letter, then up to 62 lower-case letters, digits or
 * underscores. Anything else ({@code ../x}, quotes, spaces, upper case) is refused before it can
 * reach a path or a SQL string.
 */
public record DatasetName(String value) implements Comparable<DatasetName> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public DatasetName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidDatasetNameException("Invalid dataset name " + quoteForMessage(value)
                    + ": a dataset name is a lower-case letter followed by up to 62 lower-case letters,"
                    + " digits or underscores (pattern [a-z][a-z0-9_]{0,62}).");
        }
        if (value.startsWith("lakehub_")) {
            throw new InvalidDatasetNameException("Invalid dataset name '" + value
                    + "': names starting with 'lakehub_' are reserved for the hub's own views"
                    + " (lakehub_audit).");
        }
    }

    public static DatasetName of(String value) {
        return new DatasetName(value);
    }

    public static boolean isValid(String value) {
        try {
            new DatasetName(value);
            return true;
        } catch (InvalidDatasetNameException e) {
            return false;
        }
    }

    private static String quoteForMessage(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder sb = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
    }

    @Override
    public int compareTo(DatasetName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
