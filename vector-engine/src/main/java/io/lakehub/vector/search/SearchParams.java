package io.lakehub.vector.search;

/**
 * Search-time settings (no rebuild needed to change them).
 *
 * @param overquery the graph search's layer-0 beam as a multiple of k (≥ 1)
 * @param exactScanSelectivity a filter accepting at most this fraction of the chunks is answered by an exact scan of
 *     the accepted chunks instead of a graph search (0 … 1)
 * @param exactScanBelow indexes with at most this many chunks are always scanned exactly
 * @param rrfK the constant of reciprocal rank fusion, {@code 1 / (rrfK + rank)} (60 in the original paper)
 * @param maxK the largest k accepted
 */
public record SearchParams(int overquery, double exactScanSelectivity, int exactScanBelow, int rrfK, int maxK) {

    /** Overquery 5, exact scan at ≤ 2% selectivity or ≤ 2,000 chunks, RRF k 60, k ≤ 1,000. */
    public static final SearchParams DEFAULT = new SearchParams(5, 0.02, 2_000, 60, 1_000);

    public SearchParams {
        if (overquery < 1) {
            throw new IllegalArgumentException("overquery must be ≥ 1, got " + overquery);
        }
        if (!(exactScanSelectivity >= 0 && exactScanSelectivity <= 1)) {
            throw new IllegalArgumentException("exact-scan selectivity must be in [0, 1], got " + exactScanSelectivity);
        }
        if (exactScanBelow < 0 || rrfK < 1 || maxK < 1) {
            throw new IllegalArgumentException("exactScanBelow ≥ 0, rrfK ≥ 1 and maxK ≥ 1 are required");
        }
    }

    public SearchParams withOverquery(int value) {
        return new SearchParams(value, exactScanSelectivity, exactScanBelow, rrfK, maxK);
    }

    public SearchParams withExactScan(double selectivity, int below) {
        return new SearchParams(overquery, selectivity, below, rrfK, maxK);
    }
}
