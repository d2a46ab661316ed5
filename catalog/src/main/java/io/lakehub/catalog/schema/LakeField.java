package io.lakehub.catalog.schema;

import java.util.Objects;

/** One column of a dataset schema. Column names are kept exactly as the source spelled them. */
public record LakeField(String name, LakeType type, boolean nullable) {
    public LakeField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A column name may not be empty");
        }
    }

    public static LakeField nullable(String name, LakeType type) {
        return new LakeField(name, type, true);
    }
}
