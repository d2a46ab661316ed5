package io.lakehub.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A job, pipeline or maintenance, as the scheduler sees it now: for {@code GET /api/jobs} and
 * {@code ./lakehub jobs}.
 *
 * @param job kind and id
 * @param description what a run of a maintenance job does ({@link MaintenanceJob#describe()});
 *     {@code null} for pipelines, and for a maintenance job stored by another hub but not
 *     registered on this one
 * @param cron its cron expression; {@code null} if it runs only on demand
 * @param timezone the zone of the cron; {@code null} if unscheduled
 * @param misfire misfire policy; {@code null} if unscheduled
 * @param paused whether its schedule is paused (on demand runs still work)
 * @param nextFireTimes up to the next three fire times; empty when paused or unscheduled
 * @param lastRun the most recently started run, if any (may still be RUNNING)
 */
public record JobSchedule(
        JobId job,
        String description,
        String cron,
        ZoneId timezone,
        MisfirePolicy misfire,
        boolean paused,
        List<Instant> nextFireTimes,
        Optional<PipelineRun> lastRun) {

    public JobSchedule {
        nextFireTimes = List.copyOf(nextFireTimes);
    }

    public boolean isScheduled() {
        return cron != null;
    }

    PipelineSchedule toPipelineSchedule() {
        return new PipelineSchedule(job.id(), cron, timezone, misfire, paused, nextFireTimes, lastRun);
    }
}
