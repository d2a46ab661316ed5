package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.PipelineRun;
import java.time.Instant;

/**
 * One run of a pipeline or a maintenance job ({@code GET /api/runs/{id}}, and the last run in
 * {@code GET /api/schedules} and {@code GET /api/jobs}).
 *
 * @param pipeline the pipeline's id; null for a maintenance job's run
 * @param job the job's id, whatever its kind
 * @param trigger {@code cron}, {@code manual}, {@code webhook} or {@code file}
 * @param node the hub that ran (or skipped) it
 * @param scheduledFor ISO-8601 cron fire time the run answers; null unless the trigger is cron
 * @param startedAt ISO-8601
 * @param endedAt ISO-8601; null while running
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code skipped}
 * @param rows rows committed
 * @param error why it failed or was skipped; null otherwise
 * @param kind {@code pipeline} or {@code maintenance}
 * @param result a short account of what the run did ("deleted 3 orphan files"); null when the job
 *     gave none
 * @param progress how far the run has got, while it is running on the hub that answers and reading a
 *     file or polling a database ({@code GET /api/pipelines/{id}/runs}, {@code GET /api/runs/{id}}):
 *     its current ingest's progress; null otherwise
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
        String error,
        String kind,
        String job,
        String result,
        ProgressDocument progress) {

    public static RunDocument of(PipelineRun run) {
        return new RunDocument(
                run.id(),
                run.kind() == JobKind.PIPELINE ? run.pipeline() : null,
                Documents.lower(run.trigger()),
                run.node(),
                iso(run.scheduledFor()),
                iso(run.startedAt()),
                iso(run.endedAt()),
                Documents.lower(run.status()),
                run.rows(),
                run.error(),
                Documents.lower(run.kind()),
                run.pipeline(),
                run.result(),
                null);
    }

    /** This run with the progress of the work it is doing now. */
    public RunDocument withProgress(ProgressDocument progress) {
        return new RunDocument(
                id,
                pipeline,
                trigger,
                node,
                scheduledFor,
                startedAt,
                endedAt,
                status,
                rows,
                error,
                kind,
                job,
                result,
                progress);
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
