package io.lakehub.schedules;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link MaintenanceJob} knows about the run it is doing.
 *
 * @param runId the run's id in the history ({@code GET /api/runs/{id}})
 * @param trigger CRON for a scheduled fire, MANUAL for {@code POST /api/jobs/{id}/run}
 * @param node the hub running it
 * @param scheduledFor the cron fire time this run answers; {@code null} unless CRON
 * @param progress where the job reports how far it has got ({@code GET /api/jobs} shows it while
 *     the run is in progress); never null
 */
public record JobContext(long runId, TriggerKind trigger, String node, Instant scheduledFor, Progress progress) {

    public JobContext {
        progress = progress == null ? Progress.NONE : progress;
    }

    /** A context whose progress no one watches. */
    public JobContext(long runId, TriggerKind trigger, String node, Instant scheduledFor) {
        this(runId, trigger, node, scheduledFor, Progress.NONE);
    }

    public Optional<Instant> scheduledForTime() {
        return Optional.ofNullable(scheduledFor);
    }
}
