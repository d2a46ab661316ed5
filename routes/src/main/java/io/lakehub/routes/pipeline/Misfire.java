package io.lakehub.routes.pipeline;

import java.util.Locale;

/**
 * What a schedule does about fire times it missed while the hub was down or busy ({@code misfire:}).
 * Constant names match {@code io.lakehub.schedules.MisfirePolicy}; map by name.
 */
public enum Misfire {
    /** {@code fire-once-now} (default): one catch-up run as soon as possible, then the schedule. */
    FIRE_ONCE_NOW,
    /** {@code skip}: forget missed times and wait for the next one. */
    SKIP,
    /** {@code fire-all}: one run per missed time. */
    FIRE_ALL;

    /** The spelling in the configuration file: {@code fire-once-now}, {@code skip}, {@code fire-all}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
