package io.lakehub.processors.pii;

/**
 * How much of a table the scan looks at.
 *
 * <p>Per column the scan takes the first {@code sampleSize / 2} non-null values, then the other half
 * at seeded random gaps of 1 to {@code 2 * meanGap - 1} rows (mean {@code meanGap}), so a sample of
 * 1,000 covers the first ~50,000 rows of a table without reading each of them; after that, or after
 * {@code maxRows} rows however few values were non-null, the column costs nothing more.
 *
 * @param sampleSize non-null values examined per column, at least 1
 * @param meanGap mean distance in rows between the sampled values of the second half, at least 1
 * @param maxRows rows after which a column stops being sampled even if it is mostly null
 * @param maxCellChars characters of one cell that are examined (the rest of a long cell is not read)
 * @param seed seed of the random gaps: the same table, options and seed give the same sample
 */
public record ScanOptions(int sampleSize, int meanGap, long maxRows, int maxCellChars, long seed) {
    /** The defaults: 1,000 values, mean gap 100 rows, 1,000,000 rows, 4,096 characters, seed 28. */
    public static final ScanOptions DEFAULTS = new ScanOptions(1000, 100, 1_000_000, 4096, 28);

    public ScanOptions {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sampleSize must be at least 1, not " + sampleSize);
        }
        if (meanGap < 1) {
            throw new IllegalArgumentException("meanGap must be at least 1, not " + meanGap);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, not " + maxRows);
        }
        if (maxCellChars < 16) {
            throw new IllegalArgumentException("maxCellChars must be at least 16, not " + maxCellChars);
        }
    }

    /** These options with another sample size. */
    public ScanOptions withSampleSize(int size) {
        return new ScanOptions(size, meanGap, maxRows, maxCellChars, seed);
    }
}
