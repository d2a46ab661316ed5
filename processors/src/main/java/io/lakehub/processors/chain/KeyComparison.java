package io.lakehub.processors.chain;

import java.util.Map;
import java.util.Objects;

/**
 * A periodic key comparison that is due on this run: {@code keys} reads every key the source holds
 * now (only the key columns); the upsert planner hides the dataset's keys that are absent from it
 * and from the run's own rows. {@code properties} are committed with the run's snapshot (when the
 * comparison happened), so that the next run can tell whether the next one is due.
 */
public record KeyComparison(BatchSource keys, Map<String, String> properties) {
    public KeyComparison {
        Objects.requireNonNull(keys, "keys");
        properties = Map.copyOf(properties);
    }
}
