package io.lakehub.catalog.commit;

/**
 * What a commit did to the rows a query sees, as recorded on its snapshot. An append inserts all of
 * its rows; an upsert inserts keys the dataset did not show, updates keys it did and deletes keys
 * (soft deletes, keys the source no longer has) that it did; a compaction changes nothing visible.
 *
 * @param inserted rows with a key not visible before this commit
 * @param updated keys visible before this commit that now show a new version
 * @param deleted keys visible before this commit that this commit hides
 */
public record RowChanges(long inserted, long updated, long deleted) {
    public static final RowChanges NONE = new RowChanges(0, 0, 0);

    public RowChanges {
        if (inserted < 0 || updated < 0 || deleted < 0) {
            throw new IllegalArgumentException("Row change counts cannot be negative: inserted " + inserted
                    + ", updated " + updated + ", deleted " + deleted);
        }
    }

    public static RowChanges inserted(long rows) {
        return new RowChanges(rows, 0, 0);
    }
}
