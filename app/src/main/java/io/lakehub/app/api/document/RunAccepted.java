package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.PipelineRun;

/**
 * The answer (202) to {@code POST /api/pipelines/{id}/run}, {@code .../trigger} and {@code POST
 * /api/jobs/{id}/run}: the run that was started, or the SKIPPED run recorded because another run of
 * the job was in progress. Follow it with {@code GET /api/runs/{run_id}}.
 *
 * @param pipeline the pipeline's id; null for a maintenance job
 * @param status {@code running} or {@code skipped}
 * @param error for a skipped run, the run that was in progress
 * @param kind {@code pipeline} or {@code maintenance}
 * @param job the job's id, whatever its kind
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunAccepted(long runId, String pipeline, String status, String error, String kind, String job) {

    public static RunAccepted of(PipelineRun run) {
        return new RunAccepted(
                run.id(),
                run.kind() == JobKind.PIPELINE ? run.pipeline() : null,
                Documents.lower(run.status()),
                run.error(),
                Documents.lower(run.kind()),
                run.pipeline());
    }
}
