package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.JobSchedule;
import java.time.Instant;
import java.util.List;

/**
 * One job in {@code GET /api/jobs}: a pipeline or a maintenance job.
 *
 * @param id the job's id (unique within its kind)
 * @param kind {@code pipeline} or {@code maintenance}
 * @param description what a run of a maintenance job does; null for pipelines
 * @param schedule Quartz cron expression; null for a job that runs only on demand (or is disabled)
 * @param timezone zone of the cron; null when unscheduled
 * @param state {@code active}, {@code paused}, {@code on demand} or {@code disabled} (a maintenance
 *     job turned off in the configuration: not scheduled, not runnable)
 * @param nextFireTimes ISO-8601, up to three; empty when paused, unscheduled or disabled
 * @param lastRun the most recently started run, or null
 * @param progress how far the run in progress on this hub has got: what a maintenance job reports,
 *     or a pipeline run's current ingest (bytes of its file, rows); null when no run is in progress
 *     here or it reports nothing now
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobDocument(
        String id,
        String kind,
        String description,
        String schedule,
        String timezone,
        String state,
        List<String> nextFireTimes,
        RunDocument lastRun,
        ProgressDocument progress) {

    public static final String DISABLED = "disabled";

    public static JobDocument of(JobSchedule s) {
        return of(s, null);
    }

    /** The job with the progress of its run in progress (null when none). */
    public static JobDocument of(JobSchedule s, ProgressDocument progress) {
        return new JobDocument(
                s.job().id(),
                Documents.lower(s.job().kind()),
                s.description(),
                s.cron(),
                s.timezone() == null ? null : s.timezone().getId(),
                s.cron() == null ? "on demand" : s.paused() ? "paused" : "active",
                s.nextFireTimes().stream().map(Instant::toString).toList(),
                s.lastRun().map(RunDocument::of).orElse(null),
                progress);
    }

    /** A maintenance job that the configuration turned off, with its last run from before. */
    public static JobDocument disabled(String id, String description, RunDocument lastRun) {
        return new JobDocument(id, "maintenance", description, null, null, DISABLED, List.of(), lastRun, null);
    }

    /** The next fire time, or null. */
    public String nextFire() {
        return nextFireTimes.isEmpty() ? null : nextFireTimes.get(0);
    }
}
