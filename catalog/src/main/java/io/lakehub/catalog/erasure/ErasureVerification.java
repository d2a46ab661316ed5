package io.lakehub.catalog.erasure;

import java.util.List;

/**
 * What {@link ErasureVerifier} found for one value. Never holds the value.
 *
 * @param dataset the dataset checked (its companions were checked too)
 * @param datasets the dataset and the companions checked
 * @param filesScanned files read: every file the catalog records for them (any snapshot) that is
 *     on disk, and every other file in their folders
 * @param filesContaining the files where the value was found, and where in each
 * @param catalogStatistics recorded file statistics (catalog rows) quoting the value
 * @param pendingErasures unfinished erasures that still hold the value in the catalog
 * @param erased true when nothing was found
 */
public record ErasureVerification(
        String dataset,
        List<String> datasets,
        int filesScanned,
        List<Finding> filesContaining,
        int catalogStatistics,
        int pendingErasures,
        boolean erased) {

    /**
     * A file holding the value.
     *
     * @param path relative to the lake root
     * @param known whether the catalog records it (false: an orphan, e.g. left by a crashed writer)
     * @param where {@code values} (decoded column values), {@code statistics} (Parquet row-group
     *     min/max), {@code bytes} (the raw bytes of the file), {@code unreadable} (not Parquet)
     */
    public record Finding(String path, boolean known, List<String> where) {}
}
