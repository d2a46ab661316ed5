package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;

/**
 * Infers column types from text values (CSV cells, JSON strings): the narrowest of BOOLEAN, INT,
 * BIGINT, DOUBLE, DATE, TIMESTAMP that holds every non-empty value seen, else STRING.
 */
public final class TypeInference {
    private TypeInference() {}

    /** The narrowest type holding this one non-empty value. */
    public static LakeType narrowest(String value) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The narrowest type holding values of both types (e.g. INT + DOUBLE = DOUBLE, DATE + INT = STRING). */
    public static LakeType union(LakeType a, LakeType b) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Accumulates one column's values; empty strings and nulls count as nulls. */
    public static final class ColumnGuess {
        private LakeType type;

        public void accept(String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            LakeType t = narrowest(value);
            type = type == null ? t : union(type, t);
        }

        /** The inferred type; STRING when every value was null. */
        public LakeType type() {
            return type == null ? LakeType.STRING : type;
        }
    }
}
