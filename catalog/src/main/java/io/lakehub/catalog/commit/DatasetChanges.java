package io.lakehub.catalog.commit;

import java.util.List;

/**
 * What a dataset's commits after one snapshot changed, up to a later one: what a reader that follows
 * the dataset incrementally (the Iceberg publisher) reads instead of the whole history and file list,
 * so that its cost follows the commits since its last visit, not the dataset's age.
 *
 * @param after the snapshot the reader already shows
 * @param upTo the snapshot the reader brings itself to
 * @param snapshots the dataset's snapshots in {@code (after, upTo]}, oldest first
 * @param schemaVersionAfter the schema version of snapshot {@code after}
 * @param addedFiles the files those snapshots added that are still live in {@code upTo} (data files and
 *     delete markers), oldest first
 * @param removedEarlierFiles how many files live in {@code after} those snapshots removed (compaction,
 *     replacement); a reader that cannot remove files falls back to reading everything when not zero
 */
public record DatasetChanges(
        long after,
        long upTo,
        List<Snapshot> snapshots,
        int schemaVersionAfter,
        List<DataFile> addedFiles,
        long removedEarlierFiles) {

    public DatasetChanges {
        snapshots = List.copyOf(snapshots);
        addedFiles = List.copyOf(addedFiles);
    }
}
