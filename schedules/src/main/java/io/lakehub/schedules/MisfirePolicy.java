package io.lakehub.schedules;

import org.quartz.CronTrigger;
import org.quartz.Trigger;

/**
 * What a cron trigger does about fire times it missed (hub down, all worker threads busy, or the
 * schedule paused) by more than the scheduler's misfire threshold. Constant names match {@code
 * io.lakehub.routes.pipeline.Misfire} so the app maps one to the other by name.
 */
public enum MisfirePolicy {
    /** Default: run once as soon as possible for all the missed times, then keep to the schedule. */
    FIRE_ONCE_NOW(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW),
    /** Forget the missed times; the next run is the next regular fire time. */
    SKIP(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING),
    /**
     * Fire once for every missed time, one after another; with single-flight, fires that find the
     * previous catch-up run still going are recorded as SKIPPED.
     */
    FIRE_ALL(Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);

    private final int quartzInstruction;

    MisfirePolicy(int quartzInstruction) {
        this.quartzInstruction = quartzInstruction;
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
