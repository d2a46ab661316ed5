package io.lakehub.schedules;

import java.util.Locale;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

/**
 * What a cron trigger does about fire times it missed (hub down, all worker threads busy, or the
 * schedule paused) by more than the scheduler's misfire threshold. The pipeline configuration's
 * {@code misfire:} key takes these values in their {@link #configName()} spelling.
 */
public enum MisfirePolicy {
    /**
     * {@code fire-once-now}, the default: run once as soon as possible for all the missed times,
     * then keep to the schedule.
     */
    FIRE_ONCE_NOW(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** {@code skip}: forget the missed times; the next run is the next regular fire time. */
    SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING),
    /**
     * {@code fire-all}: fire once for every missed time, one after another; with single-flight,
     * fires that find the previous catch-up run still going are recorded as SKIPPED.
     */
    FIRE_ALL(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);

    private final int quartzInstruction;

    MisfirePolicy(int quartzInstruction) {
        this.quartzInstruction = quartzInstruction;
    }

    /** The spelling in the configuration file and the API: {@code fire-once-now}, {@code skip}, {@code fire-all}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    int quartzInstruction() {
        return quartzInstruction;
    }

    static MisfirePolicy fromQuartz(int instruction) {
        for (MisfirePolicy p : values()) {
            if (p.quartzInstruction == instruction) {
                return p;
            }
        }
        // MISFIRE_INSTRUCTION_SMART_POLICY, which Quartz resolves to fire-once-now for cron triggers.
        return FIRE_ONCE_NOW;
    }
}
