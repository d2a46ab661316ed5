package io.lakehub.catalog.schema;

import io.lakehub.catalog.commit.UpsertColumns;
import java.util.HashMap;
import java.util.Map;

/**
 * Stable field ids of a dataset's columns, as Parquet files and Iceberg tables carry them (ADR 0039).
 *
 * <p>A column's id is its 1-based position in the dataset's schema. That is the order in which the
 * columns first appeared in the dataset's schema history, and it never changes: a commit's schema is
 * always {@link SchemaEvolution#merge merged} into the current one, which keeps every current column
 * in its place (widening a type keeps it too) and appends new columns after them; no operation removes
 * or reorders a column. A list column's element has the id {@link #elementId}.
 *
 * <p>A file is written before its commit: a column the dataset does not have yet gets the id it will
 * have once the commit appends it (the dataset's size, plus its rank among the file's new columns).
 * The hidden upsert columns get none (readers by id skip them).
 */
public final class FieldIds {

    /** Element ids are this plus their list column's id: apart from every column id. */
    public static final int ELEMENT_ID_OFFSET = 1_000_000;

    private FieldIds() {}

    /** The id of a list column's element. */
    public static int elementId(int columnId) {
        return ELEMENT_ID_OFFSET + columnId;
    }

    /** The ids of a dataset schema's columns: their positions, from 1. Keys are {@link LakeSchema#key}. */
    public static Map<String, Integer> of(LakeSchema dataset) {
        return forFile(dataset, dataset);
    }

    /**
     * The ids of the columns of a file about to be committed to a dataset.
     *
     * @param dataset the dataset's current schema, or null when the dataset does not exist yet
     * @param file the schema of the file
     * @return id per {@link LakeSchema#key column key}; hidden upsert columns have none
     */
    public static Map<String, Integer> forFile(LakeSchema dataset, LakeSchema file) {
        Map<String, Integer> ids = new HashMap<>();
        int size = 0;
        if (dataset != null) {
            for (LakeField f : dataset.fields()) {
                ids.put(LakeSchema.key(f.name()), ++size);
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (LakeField f : file.fields()) {
            if (UpsertColumns.isReserved(f.name())) {
                continue;
            }
            String k = LakeSchema.key(f.name());
            Integer id = ids.get(k);
            if (id == null) {
                id = ++size;
                ids.put(k, id);
            }
            out.put(k, id);
        }
        return out;
    }
}
