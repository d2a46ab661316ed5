package io.lakehub.schedules;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A maintenance job and when it fires, for {@link PipelineScheduler#syncMaintenance}. A job that is
 * disabled is simply not given: syncing removes it from the job store.
 *
 * @param job the implementation this hub runs when a fire lands on it
 * @param cron a Quartz cron expression; {@code null} means {@link MaintenanceJob#defaultSchedule()}
 * @param timezone the zone the cron is read in; {@code null} means the JVM's default zone
 */
public record MaintenanceSchedule(MaintenanceJob job, String cron, ZoneId timezone) {

    public MaintenanceSchedule {
        Objects.requireNonNull(job, "job");
        if (!JobId.ID.matcher(String.valueOf(job.id())).matches()) {
            throw new IllegalArgumentException("Maintenance job "
                    + job.getClass().getName() + " has the invalid id '"
                    + job.id() + "': an id is a lower-case letter followed by up to 62 lower-case letters, digits,"
                    + " '_' or '-'.");
        }
        cron = cron == null || cron.isBlank() ? job.defaultSchedule() : cron;
        // Validated now, naming the job, rather than at the first fire.
        try {
            new org.quartz.CronExpression(cron);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(
                    "Maintenance job " + job.id() + ": '" + cron + "' is not a valid Quartz cron expression ("
                            + e.getMessage() + ")",
                    e);
        }
    }

    /** On the job's default schedule, in the JVM's zone. */
    public static MaintenanceSchedule byDefault(MaintenanceJob job) {
        return new MaintenanceSchedule(job, null, null);
    }

    /**
     * As a Quartz trigger: a missed fire (every hub down at the time) runs once as soon as a hub is
     * back, then the job keeps to its schedule.
     */
    ScheduleSpec spec() {
        return new ScheduleSpec(job.id(), cron, timezone, MisfirePolicy.FIRE_ONCE_NOW);
    }
}
