package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.PipelineRun;

/**
 * The answer (202) to {@code POST /api/pipelines/{id}/run} and {@code .../trigger}: the run that
 * was started, or the SKIPPED run recorded because another run of the pipeline was in progress.
 * Follow it with {@code GET /api/runs/{run_id}}.
 *
 * @param status {@code running} or {@code skipped}
 * @param error for a skipped run, the run that was in progress
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunAccepted(long runId, String pipeline, String status, String error) {

    public static RunAccepted of(PipelineRun run) {
        return new RunAccepted(run.id(), run.pipeline(), Documents.lower(run.status()), run.error());
    }
}
