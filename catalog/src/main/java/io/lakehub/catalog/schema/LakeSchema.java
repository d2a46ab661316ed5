package io.lakehub.catalog.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An ordered list of uniquely named columns. Immutable. */
public record LakeSchema(List<LakeField> fields) {

    public LakeSchema {
        fields = List.copyOf(fields);
        Set<String> seen = new HashSet<>();
        for (LakeField f : fields) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("Duplicate column name '" + f.name() + "'");
            }
        }
    }

    public static LakeSchema of(LakeField... fields) {
        return new LakeSchema(List.of(fields));
    }

    public Optional<LakeField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
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
