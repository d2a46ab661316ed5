package io.lakehub.processors.upsert;

import java.time.Duration;

/**
 * When {@link Compactor#compactIfNeeded} rewrites an upsert dataset: once its live delete markers
 * reach {@code minMarkerRows} rows or {@code minMarkerRatio} of its visible rows (each marker costs
 * every query a hash probe), or once it has {@code minFiles} live data files (each snapshot adds a
 * group to the view).
 *
 * @param minMarkerRows live marker rows that trigger a compaction
 * @param minMarkerRatio live marker rows per visible row that trigger a compaction
 * @param minFiles live data files that trigger a compaction
 * @param removedFileGrace how long files a compaction removed stay on disk for queries still reading
 *     them, before {@link io.lakehub.catalog.Catalog#expireRemovedFiles} deletes them
 */
public record CompactionThresholds(long minMarkerRows, double minMarkerRatio, int minFiles, Duration removedFileGrace) {

    public CompactionThresholds {
        if (minMarkerRows < 1
                || minMarkerRatio <= 0
                || minFiles < 2
                || removedFileGrace == null
                || removedFileGrace.isNegative()) {
            throw new IllegalArgumentException("Compaction thresholds need min marker rows >= 1, a min marker ratio"
                    + " > 0, min files >= 2 and a grace period >= 0; got " + minMarkerRows + ", " + minMarkerRatio
                    + ", " + minFiles + ", " + removedFileGrace);
        }
    }

    /** 100,000 marker rows or 10% of the visible rows, or 32 data files; removed files kept 1 hour. */
    public static CompactionThresholds defaults() {
        return new CompactionThresholds(100_000, 0.10, 32, Duration.ofHours(1));
    }
}
