package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.progress.IngestsInProgress;
import io.lakehub.app.webhooks.RawBodyFilter;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Pipelines and their runs: {@code GET /api/schedules}, {@code POST /api/pipelines/{id}/run},
 * {@code .../pause}, {@code .../resume}, the webhook {@code POST /api/pipelines/{id}/trigger}
 * (authenticated by the pipeline's {@code trigger.secret}), {@code GET /api/pipelines/{id}/runs}
 * (its run history, newest first) and {@code GET /api/runs/{id}}.
 */
@RestController
@Tag(name = "Pipelines", description = "Configured pipelines, their schedules and runs")
public class PipelineController {
    /** The most runs {@code GET /api/pipelines/{id}/runs} answers at once. */
    public static final int MAX_RUNS = 500;

    private final HubApi hub;
    private final HubPipelines pipelines;
    private final IngestsInProgress ingests;

    /** Listing and running go through {@link HubApi}, as the CLI does; pause, resume and the webhook are the hub's own. */
    public PipelineController(HubApi hub, HubPipelines pipelines, IngestsInProgress ingests) {
        this.hub = hub;
        this.pipelines = pipelines;
        this.ingests = ingests;
    }

    @Operation(summary = "List every configured pipeline with its schedule, next fire times and last run")
    @ApiResponse(responseCode = "200", description = "The pipelines.")
    @GetMapping("/api/schedules")
    public List<ScheduleDocument> schedules() {
        return hub.schedules();
    }

    /** Runs the pipeline now, in the background: 202 with the run (RUNNING, or SKIPPED when one is in progress). */
    @Operation(
            summary = "Run a pipeline now, in the background",
            description = "Answers at once with the run: running, or skipped when a run is in progress on any hub.")
    @ApiResponse(responseCode = "202", description = "The run that was started, or the skipped run.")
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/pipelines/{id}/run")
    public ResponseEntity<RunAccepted> run(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(hub.runPipeline(id));
    }

    @Operation(summary = "Pause a pipeline's schedule on every hub (on-demand runs still run)")
    @ApiResponse(responseCode = "200", description = "The pipeline's schedule, now paused.")
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The pipeline has no schedule to pause; nothing was changed.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/pipelines/{id}/pause")
    public ScheduleDocument pause(@PathVariable String id) {
        if (!pipelines.pause(id)) {
            throw noSchedule(id);
        }
        return ScheduleDocument.of(pipelines.schedules().stream()
                .filter(s -> s.pipelineId().equals(id))
                .findFirst()
                .orElseThrow());
    }

    @Operation(summary = "Resume a pipeline's paused schedule")
    @ApiResponse(responseCode = "200", description = "The pipeline's schedule, now running.")
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The pipeline has no schedule to resume; nothing was changed.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/pipelines/{id}/resume")
    public ScheduleDocument resume(@PathVariable String id) {
        if (!pipelines.resume(id)) {
            throw noSchedule(id);
        }
        return ScheduleDocument.of(pipelines.schedules().stream()
                .filter(s -> s.pipelineId().equals(id))
                .findFirst()
                .orElseThrow());
    }

    /**
     * The webhook. The signature covers the raw body bytes, so the body is taken as bytes, never
     * parsed. 404 for an unknown pipeline or one without {@code trigger.secret}, 401 when the
     * signature or token is missing or wrong, else 202 with the run.
     */
    @Operation(
            summary = "The pipeline's webhook: start a run",
            description = "Authenticated by the pipeline's trigger.secret: an HMAC-SHA256 signature of the raw body"
                    + " in the signature header, or Authorization: Bearer <secret>. The body is not parsed.")
    @ApiResponse(responseCode = "202", description = "The run that was started, or the skipped run.")
    @ApiResponse(
            responseCode = "401",
            description = "The signature or token is missing or wrong.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id, or it has no webhook trigger.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "413",
            description = "The body is larger than lakehub.webhooks.max-body-size.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            description = "Any payload; it is signed as raw bytes (whatever its Content-Type, form bodies included)"
                    + " and never parsed",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @PostMapping("/api/pipelines/{id}/trigger")
    public ResponseEntity<RunAccepted> trigger(
            @PathVariable String id,
            @Parameter(hidden = true) HttpServletRequest request,
            @RequestHeader(name = WebhookAuthentication.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        PipelineDefinition p = pipelines.definition(id);
        byte[] body;
        try {
            // Kept byte-exact by RawBodyFilter: Spring would rebuild a form body from its parameters.
            body = RawBodyFilter.body(request).orElseThrow();
        } catch (RawBodyFilter.BodyTooLargeException e) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        }
        if (!p.webhookEnabled()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "Pipeline '" + id + "' has no webhook trigger (give it trigger: { secret: \"${VARIABLE}\" }).");
        }
        WebhookAuthentication.Verdict verdict = WebhookAuthentication.verify(
                p.triggerSecret(), body == null ? new byte[0] : body, signature, authorization);
        if (!verdict.accepted()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, verdict.reason());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(RunAccepted.of(pipelines.runNow(id, TriggerKind.WEBHOOK)));
    }

    /**
     * The pipeline's most recent runs, newest first ({@code limit}: 1 to {@value #MAX_RUNS}, default
     * 20); 404 for an unknown pipeline.
     */
    @Operation(
            summary = "A pipeline's most recent runs, newest first",
            description = "A run in progress on this hub carries progress: the file it reads (bytes of the file's"
                    + " size, rows read) or the rows of its database poll, with rate and ETA when a total is known.")
    @ApiResponse(responseCode = "200", description = "The runs, newest first.")
    @ApiResponse(
            responseCode = "400",
            description = "'limit' is not between 1 and 500.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/pipelines/{id}/runs")
    public List<RunDocument> runs(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_RUNS) {
            throw new InvalidRequestException(
                    "Parameter 'limit' must be between 1 and " + MAX_RUNS + "; it was " + limit + ".");
        }
        return pipelines.history(id, limit).stream()
                .map(RunDocument::of)
                .map(ingests::withProgress)
                .toList();
    }

    /** 404 for an unknown run. */
    @Operation(summary = "One run of a pipeline or maintenance job: status, rows, error, times")
    @ApiResponse(responseCode = "200", description = "The run.")
    @ApiResponse(
            responseCode = "400",
            description = "The id is not a number.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "The run history has no such run.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/runs/{id}")
    public RunDocument run(@PathVariable long id) {
        return hub.run(id);
    }

    private static ResponseStatusException noSchedule(String id) {
        return new ResponseStatusException(
                HttpStatus.CONFLICT, "Pipeline '" + id + "' has no schedule to pause or resume; nothing was changed.");
    }
}
