package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;

/**
 * A JSON/NDJSON record past the inference sample has a key that no sampled record had, with a
 * non-null value. The batches already returned have no column for it, so the read cannot go on.
 *
 * <p>Deliberately not a {@link ValueMismatchException}: there is no existing column to widen. The
 * caller may read the file again with the key declared as a type override ({@link #key()} to
 * {@link #suggested()} in {@link ReadOptions#typeOverrides()}); the JSON readers add an overridden
 * key that the sample did not contain as an extra column after the sampled ones. Without such a
 * retry this is the refusal, and its message tells the user how to declare the column.
 */
public class NewColumnException extends ReadFailedException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final LakeType suggested;

    public NewColumnException(String file, long line, long record, String key, LakeType suggested, long sampled) {
        super(
                file + ": line " + line + " (record " + record + "): key '" + key + "' first appears after the "
                        + sampled + " records the columns were inferred from; declare it with a type override ("
                        + key + "=" + suggested.displayName() + ") to read it as a column",
                line,
                key);
        this.key = key;
        this.suggested = suggested;
    }

    /** The key that has no column. */
    public String key() {
        return key;
    }

    /** The type of its first non-null value. */
    public LakeType suggested() {
        return suggested;
    }
}
