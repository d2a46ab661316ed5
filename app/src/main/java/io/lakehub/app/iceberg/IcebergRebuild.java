package io.lakehub.app.iceberg;

/**
 * What {@code ./lakehub iceberg rebuild} and {@code POST /api/datasets/{name}/iceberg/rebuild} answer.
 *
 * @param dataset the dataset
 * @param table the Iceberg table, {@code lakehub.<dataset>}
 * @param outcome {@code REBUILT}, or {@code DROPPED} when the dataset has no snapshot (or an erasure of
 *     its rows is not rewritten yet)
 * @param snapshots Iceberg snapshots committed
 */
public record IcebergRebuild(String dataset, String table, String outcome, int snapshots) {}
