package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.schedules.JobId;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.UnknownJobException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs, pipelines and maintenance alike: {@code GET /api/jobs} (each with kind, schedule, next
 * fires and last run) and {@code POST /api/jobs/{id}/run[?kind=pipeline|maintenance]} (202 with the
 * run; follow it with {@code GET /api/runs/{run_id}}).
 */
@RestController
public class JobController {
    private final HubJobs jobs;
    private final HubPipelines pipelines;

    public JobController(HubJobs jobs, HubPipelines pipelines) {
        this.jobs = jobs;
        this.pipelines = pipelines;
    }

    @GetMapping("/api/jobs")
    public List<JobDocument> jobs() {
        return jobs.jobs();
    }

    /**
     * Runs the job now, in the background: 202 with the run (RUNNING, or SKIPPED when one is in
     * progress). {@code kind} is needed only when a pipeline and a maintenance job share the id.
     */
    @PostMapping("/api/jobs/{id}/run")
    public ResponseEntity<RunAccepted> run(@PathVariable String id, @RequestParam(required = false) String kind) {
        JobId job = jobs.resolve(id, kind);
        PipelineRun run =
                job.kind() == JobKind.PIPELINE ? pipelines.runNow(job.id(), TriggerKind.MANUAL) : jobs.runNow(job);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunAccepted.of(run));
    }

    @ExceptionHandler(UnknownJobException.class)
    ResponseEntity<ApiError> unknown(UnknownJobException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }
}
