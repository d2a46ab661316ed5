package io.lakehub.catalog.commit;

import java.util.Locale;

/**
 * The hidden columns of an upsert dataset's files (see ADR 0009). Data files carry both; delete
 * marker files carry the key columns and {@link #ROW}. Dataset views never show them, and a
 * source column may not use these names.
 */
public final class UpsertColumns {
    /** BIGINT: the row's ordinal within its commit, increasing in source order. */
    public static final String ROW = "_lakehub_row";

    /** BOOLEAN: true when the row deletes its key (a soft delete, or a key the source no longer has). */
    public static final String DELETED = "_lakehub_deleted";

    private UpsertColumns() {}

    /** True for a name reserved for the hidden columns, ignoring case as SQL does. */
    public static boolean isReserved(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.equals(ROW) || c.equals(DELETED);
    }
}
