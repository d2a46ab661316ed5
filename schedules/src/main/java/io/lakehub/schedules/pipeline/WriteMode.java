package io.lakehub.schedules.pipeline;

/** How a pipeline writes into its dataset ({@code mode:}). */
public enum WriteMode {
    /** Every run adds its rows. */
    APPEND,
    /**
     * Rows replace earlier rows with the same {@code key}; needs a key. Accepted by the configuration
     * ahead of the writer supporting it: the app decides at start-up whether it can run such a
     * pipeline.
     */
    UPSERT;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
