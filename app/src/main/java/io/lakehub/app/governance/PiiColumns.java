package io.lakehub.app.governance;

import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.StepChain;
import io.lakehub.processors.governance.PiiStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each column's PII result as {@code GET /api/datasets/{name}} and {@code ./lakehub dataset NAME}
 * show it: read from the {@code step.pii.column.<name>.*} properties of the newest snapshot that
 * recorded one for the column (committed in the same transaction as that snapshot's data).
 */
public final class PiiColumns {
    private static final String PREFIX = StepChain.PROPERTY_PREFIX + PiiStep.NAME + ".column.";

    private PiiColumns() {}

    /**
     * @param snapshots the dataset's snapshots, newest first
     * @return {@code columns} with their scan results filled in where one was recorded
     */
    public static List<DatasetColumn> withScan(List<DatasetColumn> columns, List<Snapshot> snapshots) {
        List<DatasetColumn> result = new ArrayList<>(columns.size());
        for (DatasetColumn c : columns) {
            DatasetColumn filled = c;
            for (Snapshot s : snapshots) {
                Map<String, String> p = s.properties();
                String key = findColumn(p, c.name());
                if (key != null) {
                    String at = PREFIX + key + ".";
                    filled = new DatasetColumn(
                            c.name(),
                            c.type(),
                            c.nullable(),
                            p.get(at + "pii"),
                            number(p.get(at + "confidence")),
                            whole(p.get(at + "sampled")),
                            number(p.get(at + "matchRatio")),
                            whole(p.get(at + "matches")),
                            s.id(),
                            p.get(at + "action"));
                    break;
                }
            }
            result.add(filled);
        }
        return result;
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
