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
 */
public record JobContext(long runId, TriggerKind trigger, String node, Instant scheduledFor) {

    public Optional<Instant> scheduledForTime() {
        return Optional.ofNullable(scheduledFor);
    }
}
