package io.lakehub.catalog.commit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PII scan's result for one column (ADR 0028, ADR 0037), as the catalog stores it with the
 * schema version of the commit that recorded it. Never a value.
 *
 * @param column the column's name as scanned
 * @param pii the entity type ({@code EMAIL}, ...), {@code null} when the scan found no PII
 * @param confidence 0..1, how sure the scan is of {@code pii} (or of "not PII")
 * @param sampled non-null values the scan examined
 * @param matches values (or free-text cells) that matched {@code pii}
 * @param matchRatio {@code matches / sampled}
 * @param action the policy that acted on the column ({@code mask}, {@code hash}, {@code drop},
 *     {@code quarantine}), {@code null} for {@code flag}
 * @param schemaVersion the dataset's schema version the result belongs to (0 before the commit)
 * @param snapshotId the snapshot whose commit recorded it (0 before the commit)
 */
public record ColumnClassification(
        String column,
        String pii,
        double confidence,
        long sampled,
        long matches,
        double matchRatio,
        String action,
        int schemaVersion,
        long snapshotId) {

    /**
     * Prefix of the snapshot properties the PII step reports per column: {@code
     * step.pii.column.<name>.pii|confidence|sampled|matches|matchRatio|action}.
     */
    public static final String PROPERTY_PREFIX = "step.pii.column.";

    private static final String[] FIELDS = {".pii", ".confidence", ".sampled", ".matches", ".matchRatio", ".action"};

    /**
     * The results a commit's properties carry ({@link #PROPERTY_PREFIX}), in property order; a
     * column whose {@code .pii} property is missing is skipped, a malformed number reads as 0.
     * {@code schemaVersion} and {@code snapshotId} are 0: the commit fills them in.
     */
    public static List<ColumnClassification> fromProperties(Map<String, String> properties) {
        Map<String, Map<String, String>> byColumn = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(PROPERTY_PREFIX)) {
                continue;
            }
            for (String f : FIELDS) {
                if (k.endsWith(f) && k.length() > PROPERTY_PREFIX.length() + f.length()) {
                    String column = k.substring(PROPERTY_PREFIX.length(), k.length() - f.length());
                    byColumn.computeIfAbsent(column, c -> new LinkedHashMap<>()).put(f, e.getValue());
                    break;
                }
            }
        }
        List<ColumnClassification> all = new ArrayList<>(byColumn.size());
        byColumn.forEach((column, p) -> {
            String pii = p.get(".pii");
            if (pii == null) {
                return;
            }
            all.add(new ColumnClassification(
                    column,
                    pii.isBlank() || pii.equalsIgnoreCase("none") ? null : pii.toUpperCase(Locale.ROOT),
                    number(p.get(".confidence")),
                    whole(p.get(".sampled")),
                    whole(p.get(".matches")),
                    number(p.get(".matchRatio")),
                    p.get(".action"),
                    0,
                    0));
        });
        return all;
    }

    private static double number(String text) {
        try {
            double d = text == null ? 0 : Double.parseDouble(text);
            return Double.isFinite(d) ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long whole(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
