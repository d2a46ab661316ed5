package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.AutotuneRequest;
import io.lakehub.app.api.document.EvalSetDocument;
import io.lakehub.app.api.document.EvalSetRequest;
import io.lakehub.app.api.document.PromotionDocument;
import io.lakehub.app.api.document.TrialDocument;
import io.lakehub.app.security.Caller;
import io.lakehub.app.vector.HubTuning;
import io.lakehub.app.vector.IndexExistsException;
import io.lakehub.app.vector.UnknownIndexException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/indexes/{name}/evalsets|trials|autotune|promotions|rollback}: the autotune agent of a
 * vector index (ADR 0041). Answers 404 on every path when {@code lakehub.vector.enabled} is false.
 */
@RestController
@Tag(name = "Vector index autotune", description = "Evaluation sets, the trial journal, promotions and rollbacks")
public class IndexTuningController {
    private final ObjectProvider<HubTuning> tuning;

    public IndexTuningController(ObjectProvider<HubTuning> tuning) {
        this.tuning = tuning;
    }

    private HubTuning tuning() {
        return VectorFeature.required(tuning, "Vector indexes are off on this hub");
    }

    @Operation(
            summary = "Add an evaluation set to a vector index",
            description = "Uploaded: {\"id\": ..., \"k\": 10, \"queries\": [{\"id\", \"text\" | \"vector\","
                    + " \"expected\": [keys], \"filter\": [keys]}]}, checked against the index (unknown keys, wrong"
                    + " dimensions are named). Generated: {\"id\": ..., \"generate\": {\"queries\": 50, \"k\": 10,"
                    + " \"seed\": 42, \"texts\": false, \"noise\": 0.0}}, truth by an exact scan of the index's"
                    + " vectors. Either is tied to the index's current build_signature.")
    @ApiResponse(responseCode = "201", description = "The set (without its queries).")
    @ApiResponse(
            responseCode = "400",
            description = "Neither or both of queries and generate, an invalid set (the problems are named), an"
                    + " index never refreshed.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The index has a set of that id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/indexes/{name}/evalsets", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<EvalSetDocument> createEvalSet(
            @PathVariable String name, @RequestBody(required = false) EvalSetRequest request, HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tuning().createEvalSet(Caller.of(http), name, request));
    }

    @Operation(summary = "The evaluation sets of a vector index")
    @ApiResponse(responseCode = "200", description = "The sets, oldest first.")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/indexes/{name}/evalsets")
    public List<EvalSetDocument> evalSets(@PathVariable String name) {
        return tuning().evalSets(name);
    }

    @Operation(
            summary = "The trial journal of a vector index",
            description = "Every trial, oldest first: parameters, kind, status (running, completed, failed,"
                    + " abandoned), recall@k, p50/p95 in µs, build time, memory. Append-only.")
    @ApiResponse(responseCode = "200", description = "The trials.")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/indexes/{name}/trials")
    public List<TrialDocument> trials(@PathVariable String name) {
        return tuning().trials(name);
    }

    @Operation(
            summary = "Autotune a vector index in the background",
            description = "{\"evalset\": id, \"trials\": 8, \"min_recall\": 0.95, \"seed\": 42}, all optional."
                    + " Measures the serving parameters, then runs up to that many search-time trials on the live"
                    + " graph (ε-greedy around the champion, never repeating the journal); a trial that beats the"
                    + " champion by the margin (lowest p95 subject to recall ≥ min_recall) is promoted at once."
                    + " Without an evaluation set one is generated. Answers with the job's id: GET /api/jobs/{id}.")
    @ApiResponse(responseCode = "202", description = "{\"job\": id}")
    @ApiResponse(
            responseCode = "400",
            description = "trials or min_recall out of range.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such index or evaluation set.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/indexes/{name}/autotune")
    public ResponseEntity<Map<String, String>> autotune(
            @PathVariable String name,
            @RequestBody(required = false) AutotuneRequest request,
            HttpServletRequest http) {
        HubTuning.Job job = tuning().autotune(Caller.of(http), name, request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("job", job.id()));
    }

    @Operation(
            summary = "The promotions and rollbacks of a vector index",
            description = "Who put which search parameters in force, when, and why (oldest first); the newest is in"
                    + " force.")
    @ApiResponse(responseCode = "200", description = "The history.")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/indexes/{name}/promotions")
    public List<PromotionDocument> promotions(@PathVariable String name) {
        return tuning().promotions(name);
    }

    @Operation(
            summary = "Roll back the newest promotion of a vector index",
            description = "{\"reason\": \"...\"} optional. Puts back the parameters the newest promotion (or"
                    + " rollback) replaced, records who and why, and audits it.")
    @ApiResponse(responseCode = "200", description = "The rollback as recorded.")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The index was never promoted.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/indexes/{name}/rollback")
    public PromotionDocument rollback(
            @PathVariable String name,
            @RequestBody(required = false) Map<String, String> request,
            HttpServletRequest http) {
        return tuning().rollback(Caller.of(http), name, request == null ? null : request.get("reason"));
    }

    @ExceptionHandler(UnknownIndexException.class)
    ResponseEntity<ApiError> unknown(UnknownIndexException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(IndexExistsException.class)
    ResponseEntity<ApiError> conflict(IndexExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }
}
