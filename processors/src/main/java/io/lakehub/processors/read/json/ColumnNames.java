package io.lakehub.processors.read.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Column names for JSON keys that differ only in case. SQL over the lake resolves column names
 * case-insensitively, so a dataset cannot hold both {@code Name} and {@code name}; rather than
 * refusing the file, every key keeps its own column and the keys are named in order of first
 * appearance: the first keeps its name, a later one whose name is taken (ignoring case) gets the
 * smallest suffix {@code _1}, {@code _2}, ... that is free (ignoring case), as DuckDB's
 * {@code read_json} does. See ADR 0016.
 */
final class ColumnNames {
    private ColumnNames() {}

    /** The identity of a name: its lower-case form, as the lake compares column names. */
    static String identity(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The column names for {@code keys} (distinct as given), in the same order, distinct ignoring case. */
    static List<String> distinctIgnoringCase(List<String> keys) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>(keys.size());
        for (String key : keys) {
            String name = key;
            for (int n = 1; !taken.add(identity(name)); n++) {
                name = key + "_" + n;
            }
            names.add(name);
        }
        return names;
    }

    /** {@code key→column} pairs for the lineage fact, e.g. {@code Name→Name_1, ID→ID_1}. */
    static String describe(Map<String, String> renamed) {
        return renamed.entrySet().stream()
                .map(e -> e.getKey() + "→" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
