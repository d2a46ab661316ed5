package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;

/** Builds a reader's schema from a source's columns, refusing names the lake cannot hold apart. */
public final class SourceSchemas {
    private SourceSchemas() {}

    /**
     * The schema of these columns.
     *
     * @throws ReadFailedException naming the source when two columns share a name, or differ only in
     *     case (SQL resolves names case-insensitively, so they would be one column)
     */
    public static LakeSchema of(String source, List<LakeField> fields) {
        try {
            return new LakeSchema(fields);
        } catch (IllegalArgumentException e) {
            throw new ReadFailedException(
                    source + ": " + e.getMessage() + "; rename one of them in the source", 0, null, e);
        }
    }
}
