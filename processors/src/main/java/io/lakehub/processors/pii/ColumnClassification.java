package io.lakehub.processors.pii;

import java.util.Objects;

/**
 * What the scan concluded about one column.
 *
 * @param column the column name, as the source spelled it
 * @param pii the kind of personal data the column holds, {@code null} when it holds none
 * @param confidence 0..1: for a PII column, how sure the scan is that the column holds that type;
 *     for a non-PII column ({@code pii == null}), how sure it is that the column holds no PII (0 when
 *     nothing was sampled). See docs/pii.md for how it is computed.
 * @param sampled how many non-null values were examined
 * @param matches how many of them matched {@code pii} (whole value, or for a free-text column, cells
 *     that embed it); for a non-PII column, the matches of the most likely type, 0 if none
 */
public record ColumnClassification(String column, PiiType pii, double confidence, long sampled, long matches) {

    public ColumnClassification {
        Objects.requireNonNull(column, "column");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Column '" + column + "': confidence " + confidence + " is not in 0..1");
        }
        if (sampled < 0 || matches < 0 || matches > sampled) {
            throw new IllegalArgumentException(
                    "Column '" + column + "': " + matches + " matches of " + sampled + " sampled values is impossible");
        }
    }

    /** Whether the column holds personal data ({@code pii != null}). */
    public boolean isPii() {
        return pii != null;
    }

    /** {@code matches / sampled}, 0 when nothing was sampled. */
    public double matchRatio() {
        return sampled == 0 ? 0 : (double) matches / sampled;
    }
}
