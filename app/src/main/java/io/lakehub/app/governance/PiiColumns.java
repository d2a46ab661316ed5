package io.lakehub.app.governance;

import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.catalog.commit.ColumnClassification;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.StepChain;
import io.lakehub.processors.governance.PiiStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each column's PII result as {@code GET /api/datasets/{name}} and {@code ./lakehub dataset NAME}
 * show it: the newest result the catalog stored for the column with its schema version ({@code
 * column_classification}, ADR 0037, written in the transaction of the commit whose data was
 * scanned). For a column without one (data committed before the catalog kept the table) it falls
 * back to the {@code step.pii.column.<name>.*} properties of the newest snapshot that recorded one.
 */
public final class PiiColumns {
    private static final String PREFIX = StepChain.PROPERTY_PREFIX + PiiStep.NAME + ".column.";

    static {
        if (!PREFIX.equals(ColumnClassification.PROPERTY_PREFIX)) {
            throw new IllegalStateException("The PII step's report prefix " + PREFIX
                    + " differs from the one the catalog reads, " + ColumnClassification.PROPERTY_PREFIX);
        }
    }

    private PiiColumns() {}

    /**
     * @param stored the catalog's newest result per column ({@code Catalog#columnClassifications})
     * @param snapshots the dataset's snapshots, newest first (the fallback)
     * @return {@code columns} with their scan results filled in where one was recorded
     */
    public static List<DatasetColumn> withScan(
            List<DatasetColumn> columns, List<ColumnClassification> stored, List<Snapshot> snapshots) {
        Map<String, ColumnClassification> byKey = new HashMap<>();
        for (ColumnClassification c : stored) {
            byKey.putIfAbsent(LakeSchema.key(c.column()), c);
        }
        List<DatasetColumn> result = new ArrayList<>(columns.size());
        for (DatasetColumn c : columns) {
            ColumnClassification s = byKey.get(LakeSchema.key(c.name()));
            result.add(
                    s == null
                            ? fromSnapshots(c, snapshots)
                            : new DatasetColumn(
                                    c.name(),
                                    c.type(),
                                    c.nullable(),
                                    s.pii() == null ? "none" : s.pii(),
                                    s.confidence(),
                                    s.sampled(),
                                    s.matchRatio(),
                                    s.matches(),
                                    s.snapshotId(),
                                    s.action(),
                                    s.schemaVersion()));
        }
        return result;
    }

    /**
     * @param snapshots the dataset's snapshots, newest first
     * @return {@code columns} with the results their snapshots' properties record
     */
    public static List<DatasetColumn> withScan(List<DatasetColumn> columns, List<Snapshot> snapshots) {
        return withScan(columns, List.of(), snapshots);
    }

    private static DatasetColumn fromSnapshots(DatasetColumn c, List<Snapshot> snapshots) {
        for (Snapshot s : snapshots) {
            Map<String, String> p = s.properties();
            String key = findColumn(p, c.name());
            if (key != null) {
                String at = PREFIX + key + ".";
                return new DatasetColumn(
                        c.name(),
                        c.type(),
                        c.nullable(),
                        p.get(at + "pii"),
                        number(p.get(at + "confidence")),
                        whole(p.get(at + "sampled")),
                        number(p.get(at + "matchRatio")),
                        whole(p.get(at + "matches")),
                        s.id(),
                        p.get(at + "action"),
                        s.schemaVersion());
            }
        }
        return c;
    }

    /** The column's name as the scan recorded it (names match ignoring case), or null. */
    private static String findColumn(Map<String, String> properties, String column) {
        if (properties.containsKey(PREFIX + column + ".pii")) {
            return column;
        }
        String wanted = LakeSchema.key(column);
        for (String k : properties.keySet()) {
            if (k.startsWith(PREFIX) && k.endsWith(".pii")) {
                String name = k.substring(PREFIX.length(), k.length() - ".pii".length());
                if (LakeSchema.key(name).equals(wanted)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static Double number(String text) {
        try {
            return text == null ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long whole(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The CLI's {@code pii} cell: {@code EMAIL 0.97 (hash)}, {@code -} without PII or scan. */
    public static String cell(DatasetColumn c) {
        if (c.pii() == null || c.pii().equals("none")) {
            return "-";
        }
        return c.pii()
                + (c.confidence() == null ? "" : String.format(Locale.ROOT, " %.2f", c.confidence()))
                + (c.piiAction() == null ? "" : " (" + c.piiAction() + ")");
    }
}
