package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.PipelineSchedule;
import java.time.Instant;
import java.util.List;

/**
 * One pipeline in {@code GET /api/schedules}.
 *
 * @param cron Quartz cron expression; null for a pipeline that runs only on demand or on arrival
 * @param timezone zone of the cron; null when unscheduled
 * @param misfire {@code fire-once-now}, {@code skip} or {@code fire-all}; null when unscheduled
 * @param paused whether the schedule is paused (on-demand runs still work)
 * @param nextFireTimes ISO-8601, up to three; empty when paused or unscheduled
 * @param lastRun the most recently started run, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleDocument(
        String pipeline,
        String cron,
        String timezone,
        String misfire,
        boolean paused,
        List<String> nextFireTimes,
        RunDocument lastRun) {

    public static ScheduleDocument of(PipelineSchedule s) {
        return new ScheduleDocument(
                s.pipelineId(),
                s.cron(),
                s.timezone() == null ? null : s.timezone().getId(),
                s.misfire() == null ? null : s.misfire().configName(),
                s.paused(),
                s.nextFireTimes().stream().map(Instant::toString).toList(),
                s.lastRun().map(RunDocument::of).orElse(null));
    }

    /** This pipeline with another document of its last run (one that carries its progress). */
    public ScheduleDocument withLastRun(RunDocument run) {
        return new ScheduleDocument(pipeline, cron, timezone, misfire, paused, nextFireTimes, run);
    }
}
