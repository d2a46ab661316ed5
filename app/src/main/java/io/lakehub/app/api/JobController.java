package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.IngestDocument;
import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.progress.IngestsInProgress;
import io.lakehub.schedules.JobId;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.UnknownJobException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
 * run; follow it with {@code GET /api/runs/{run_id}}); and the background work under way, {@code GET
 * /api/ingests} (every ingest in progress on this hub, with its progress).
 */
@RestController
@Tag(name = "Jobs", description = "Pipelines and maintenance jobs alike, with schedules and last runs")
public class JobController {
    private final HubJobs jobs;
    private final HubPipelines pipelines;
    private final IngestsInProgress ingests;

    public JobController(HubJobs jobs, HubPipelines pipelines, IngestsInProgress ingests) {
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.ingests = ingests;
    }

    @Operation(
            summary = "List the ingests in progress on this hub, with their progress",
            description = "Inbox files, pipeline runs' files and database polls, ingests through the API: what each"
                    + " reads into which dataset, and how far it has got (bytes of the file's size while the file is"
                    + " read, else rows read; rate and ETA when a total is known). Empty when the hub is idle.")
    @ApiResponse(responseCode = "200", description = "The ingests in progress, oldest first.")
    @GetMapping("/api/ingests")
    public List<IngestDocument> ingests() {
        return ingests.list();
    }

    @Operation(summary = "List every job (pipelines and maintenance jobs) with schedule, next fires and last run")
    @ApiResponse(responseCode = "200", description = "The jobs.")
    @GetMapping("/api/jobs")
    public List<JobDocument> jobs() {
        return jobs.jobs();
    }

    /**
     * Runs the job now, in the background: 202 with the run (RUNNING, or SKIPPED when one is in
     * progress). {@code kind} is needed only when a pipeline and a maintenance job share the id.
     */
    @Operation(
            summary = "Run a job now, in the background",
            description = "Answers at once with the run: running, or skipped when a run of the job is in progress"
                    + " on any hub. Follow it with GET /api/runs/{run_id}.")
    @ApiResponse(responseCode = "202", description = "The run that was started, or the skipped run.")
    @ApiResponse(
            responseCode = "400",
            description =
                    "kind is neither pipeline nor maintenance, or both kinds have a job with this id and kind was not given.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No job (of that kind) has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/jobs/{id}/run")
    public ResponseEntity<RunAccepted> run(
            @PathVariable String id,
            @Parameter(description = "pipeline or maintenance; only needed when both kinds have a job with this id")
                    @RequestParam(required = false)
                    String kind) {
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
