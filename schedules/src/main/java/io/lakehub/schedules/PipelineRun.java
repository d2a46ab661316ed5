package io.lakehub.schedules;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the run history.
 *
 * @param id run id, unique in the catalog database
 * @param pipeline pipeline id
 * @param trigger what started it
 * @param node the hub (Quartz instance id) that ran or skipped it
 * @param scheduledFor the cron fire time it answers; {@code null} unless {@code trigger} is CRON
 * @param startedAt when it started (for a skip: when the fire was refused)
 * @param endedAt when it ended; {@code null} while RUNNING
 * @param status where it stands
 * @param rows rows committed
 * @param error why it failed or was skipped; {@code null} otherwise
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
        String error) {

    public Optional<Instant> scheduledForTime() {
        return Optional.ofNullable(scheduledFor);
    }
}
