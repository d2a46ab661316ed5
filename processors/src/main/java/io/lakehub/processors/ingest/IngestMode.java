package io.lakehub.processors.ingest;

import java.util.Locale;

/** How an ingest writes into its dataset. */
public enum IngestMode {
    /** The rows are added to the dataset. */
    APPEND,
    /**
     * Rows replace earlier rows with the same key ({@link IngestRequest#key()}); merge-on-read. Built
     * by the {@link CommitPlanner} the {@link Ingestor} was given; the append-only planner refuses it.
     */
    UPSERT;

    /** {@code append} or {@code upsert}, as in the YAML and endpoint options. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code append} or {@code upsert} (any case).
     *
     * @throws IllegalArgumentException naming the expected values
     */
    public static IngestMode parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (IngestMode m : values()) {
            if (m.name().equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mode; expected append or upsert");
    }
}
