package io.lakehub.catalog.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of uniquely named columns. Immutable. Names are unique ignoring case, because SQL
 * (DuckDB) resolves column names case-insensitively: a dataset cannot hold both {@code Email} and
 * {@code email}.
 */
public record LakeSchema(List<LakeField> fields) {

    public LakeSchema {
        fields = List.copyOf(fields);
        Map<String, String> seen = new HashMap<>();
        for (LakeField f : fields) {
            String earlier = seen.putIfAbsent(key(f.name()), f.name());
            if (earlier != null) {
                throw new IllegalArgumentException(
                        earlier.equals(f.name())
                                ? "Duplicate column name '" + f.name() + "'"
                                : "Columns '" + earlier + "' and '" + f.name() + "' differ only in case; SQL treats"
                                        + " column names case-insensitively, so one dataset cannot hold both");
            }
        }
    }

    /** The identity of a column name: its lower-case form. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static LakeSchema of(LakeField... fields) {
        return new LakeSchema(List.of(fields));
    }

    /** The column of this name, ignoring case (names are unique ignoring case). */
    public Optional<LakeField> field(String name) {
        String k = key(name);
        return fields.stream().filter(f -> key(f.name()).equals(k)).findFirst();
    }

    public int size() {
        return fields.size();
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        fields.forEach(f -> names.add(f.name()));
        return names;
    }
}
