package io.lakehub.processors.chain;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Step} found while processing one ingest, e.g. how many values it changed or (later)
 * how many PII values a scan saw per column. Recorded with the commit, in the same transaction as the
 * data: in the snapshot's properties as {@code step.<name>.<key>} and in the {@code dataset.commit}
 * audit event's details under {@code steps.<name>}. Never put data values here: the audit journal
 * and snapshot properties are readable by everyone who can read the catalog.
 *
 * @param findings key to value; keys are short words ({@code droppedColumns}, {@code rows}), sorted
 *     when recorded
 */
public record StepReport(Map<String, String> findings) {

    private static final StepReport NONE = new StepReport(Map.of());

    public StepReport {
        for (String key : findings.keySet()) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("A step report key may not be empty");
            }
        }
        findings = Map.copyOf(new TreeMap<>(findings));
    }

    /** No findings: nothing is recorded for the step. */
    public static StepReport none() {
        return NONE;
    }

    public static StepReport of(String key, Object value) {
        return new StepReport(Map.of(key, String.valueOf(value)));
    }

    public static StepReport of(String k1, Object v1, String k2, Object v2) {
        return new StepReport(Map.of(k1, String.valueOf(v1), k2, String.valueOf(v2)));
    }

    public boolean isEmpty() {
        return findings.isEmpty();
    }
}
