package io.lakehub.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline as the scheduler sees it now, for {@code GET /api/schedules} and {@code ./lakehub
 * schedules}.
 *
 * @param pipelineId the pipeline
 * @param cron its cron expression; {@code null} if it runs only on demand
 * @param timezone the zone of the cron; {@code null} if unscheduled
 * @param misfire misfire policy; {@code null} if unscheduled
 * @param paused whether its schedule is paused (on demand runs still work)
 * @param nextFireTimes up to the next three fire times; empty when paused or unscheduled
 * @param lastRun the most recently started run, if any (may still be RUNNING)
 */
public record PipelineSchedule(
        String pipelineId,
        String cron,
        ZoneId timezone,
        MisfirePolicy misfire,
        boolean paused,
        List<Instant> nextFireTimes,
        Optional<PipelineRun> lastRun) {

    public PipelineSchedule {
        nextFireTimes = List.copyOf(nextFireTimes);
    }

    public boolean isScheduled() {
        return cron != null;
    }
}
