package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.PipelineRun;
import java.time.Instant;

/**
 * One pipeline run ({@code GET /api/runs/{id}}, and the last run in {@code GET /api/schedules}).
 *
 * @param trigger {@code cron}, {@code manual}, {@code webhook} or {@code file}
 * @param node the hub that ran (or skipped) it
 * @param scheduledFor ISO-8601 cron fire time the run answers; null unless the trigger is cron
 * @param startedAt ISO-8601
 * @param endedAt ISO-8601; null while running
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code skipped}
 * @param rows rows committed
 * @param error why it failed or was skipped; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunDocument(
        long id,
        String pipeline,
        String trigger,
        String node,
        String scheduledFor,
        String startedAt,
        String endedAt,
        String status,
        long rows,
        String error) {

    public static RunDocument of(PipelineRun run) {
        return new RunDocument(
                run.id(),
                run.pipeline(),
                Documents.lower(run.trigger()),
                run.node(),
                iso(run.scheduledFor()),
                iso(run.startedAt()),
                iso(run.endedAt()),
                Documents.lower(run.status()),
                run.rows(),
                run.error());
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
