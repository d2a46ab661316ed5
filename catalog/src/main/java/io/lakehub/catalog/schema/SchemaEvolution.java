package io.lakehub.catalog.schema;

import java.util.List;

/**
 * The result of merging an incoming schema into a dataset's current schema: the schema to record
 * (equal to the current one when nothing changed) and a human-readable line per change.
 *
 * @param schema the merged schema; current columns keep their order, new columns follow
 * @param changes one line per change, e.g. {@code "added column email (string)"} or
 *     {@code "widened column age from int to bigint"}; empty when unchanged
 */
public record SchemaEvolution(LakeSchema schema, List<String> changes) {

    public SchemaEvolution {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /**
     * Merges {@code incoming} into {@code current}.
     *
     * <ul>
     *   <li>a column only in {@code incoming} is added, nullable;
     *   <li>a column only in {@code current} stays (it will be null for the new rows);
     *   <li>equal types stay; INT to BIGINT, INT or BIGINT to DOUBLE widen the dataset column; a
     *       narrower incoming type (INT into BIGINT) is accepted without change;
     *   <li>any other difference widens to STRING when {@code widenToString} is set, otherwise
     *       {@link IncompatibleSchemaException} names the column and both types.
     * </ul>
     *
     * @param dataset the dataset name, for the error message
     * @param current the dataset's current schema, or {@code null} for a new dataset
     */
    public static SchemaEvolution merge(
            String dataset, LakeSchema current, LakeSchema incoming, boolean widenToString) {
        throw new UnsupportedOperationException("implemented by the catalog work");
    }
}
