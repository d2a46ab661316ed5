package io.lakehub.schedules;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the run history: a run of a pipeline or of a maintenance job.
 *
 * @param id run id, unique in the catalog database
 * @param pipeline the job's id: the pipeline id, or for a maintenance job its {@link
 *     MaintenanceJob#id()} (see {@code kind})
 * @param trigger what started it
 * @param node the hub (Quartz instance id) that ran or skipped it
 * @param scheduledFor the cron fire time it answers; {@code null} unless {@code trigger} is CRON
 * @param startedAt when it started (for a skip: when the fire was refused)
 * @param endedAt when it ended; {@code null} while RUNNING
 * @param status where it stands
 * @param rows rows committed
 * @param error why it failed or was skipped; {@code null} otherwise
 * @param kind whether it is a pipeline or a maintenance job
 * @param result a short account of what the run did ("deleted 3 orphan files"); {@code null} when
 *     the job gave none
 */
public record PipelineRun(
        long id,
        String pipeline,
        TriggerKind trigger,
        String node,
        Instant scheduledFor,
        Instant startedAt,
        Instant endedAt,
        RunStatus status,
        long rows,
        String error,
        JobKind kind,
        String result) {

    /**
     * The SLF4J MDC key holding the run's id (as text) on the thread that executes the run, while it
     * runs: a log appender can tell a run's own lines from the rest of the hub's log.
     */
    public static final String LOG_KEY = "lakehub.run";

    public Optional<Instant> scheduledForTime() {
        return Optional.ofNullable(scheduledFor);
    }

    /** The job this is a run of. */
    public JobId job() {
        return new JobId(kind, pipeline);
    }
}
