package io.lakehub.catalog.commit;

/**
 * What {@link io.lakehub.catalog.Catalog#drop} removed.
 *
 * @param name the dataset
 * @param snapshots how many snapshots its history held
 * @param rows rows in its current snapshot
 * @param files data files the catalog recorded for it, live and historical
 * @param filesDeleted of those, how many were deleted from the lake right away
 * @param filesLeft how many could not be deleted now; the orphan sweep removes them (the catalog no
 *     longer references them)
 */
public record DroppedDataset(String name, long snapshots, long rows, int files, int filesDeleted, int filesLeft) {}
