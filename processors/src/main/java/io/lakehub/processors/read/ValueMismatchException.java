package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;

/**
 * A value past the inference sample does not fit the column's chosen type. The ingest reacts by
 * widening that column ({@link #suggested()}) and reading again, unless the type was an explicit
 * override, in which case this is the refusal.
 */
public class ValueMismatchException extends ReadFailedException {
    private static final long serialVersionUID = 1L;

    private final LakeType expected;
    private final LakeType suggested;

    public ValueMismatchException(String file, long line, String column, LakeType expected, LakeType suggested) {
        super(
                file + ": line " + line + ", column '" + column + "': value is not a valid " + expected.displayName(),
                line,
                column);
        this.expected = expected;
        this.suggested = suggested;
    }

    public LakeType expected() {
        return expected;
    }

    /** The narrowest type that holds the offending value (STRING at worst). */
    public LakeType suggested() {
        return suggested;
    }
}
