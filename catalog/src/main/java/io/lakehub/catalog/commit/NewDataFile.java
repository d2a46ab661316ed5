package io.lakehub.catalog.commit;

import java.util.List;

/**
 * A Parquet file already written and renamed into place under the dataset's folder, not yet
 * referenced by any snapshot. Until the commit that names it succeeds, it is an orphan and will be
 * swept.
 *
 * @param relativePath path relative to the lake root, with '/' separators, e.g. {@code people/0001-....parquet}
 */
public record NewDataFile(String relativePath, long rowCount, long sizeBytes, List<ColumnStats> stats) {
    public NewDataFile {
        stats = List.copyOf(stats);
    }
}
