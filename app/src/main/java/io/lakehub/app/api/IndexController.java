package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.AutotuneJobDocument;
import io.lakehub.app.api.document.IndexDocument;
import io.lakehub.app.api.document.IndexRequest;
import io.lakehub.app.api.document.IndexSearchRequest;
import io.lakehub.app.api.document.IndexSearchResponse;
import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.VectorJobDocument;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.security.Caller;
import io.lakehub.app.vector.HubIndexes;
import io.lakehub.app.vector.IndexExistsException;
import io.lakehub.app.vector.IndexJobs;
import io.lakehub.app.vector.UnknownIndexException;
import io.lakehub.app.vector.VectorJob;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/indexes}: vector indexes over datasets (ADR 0038) — create, list, delete, refresh in the
 * background ({@code GET /api/jobs/{id}} follows the job, {@code GET /api/index-jobs} lists the refreshes and
 * autotune runs) and search, filtered by a SQL predicate and optionally hybrid (BM25 + vector ranks). Answers 404
 * on every path when {@code lakehub.vector.enabled} is false.
 */
@RestController
@Tag(name = "Vector indexes", description = "Semantic and hybrid search over datasets, kept in step with the data")
public class IndexController {
    private final ObjectProvider<HubIndexes> indexes;
    private final ObjectProvider<HubJobs> hubJobs;
    private final ObjectProvider<io.lakehub.app.vector.HubTuning> tuning;

    public IndexController(
            ObjectProvider<HubIndexes> indexes,
            ObjectProvider<HubJobs> hubJobs,
            ObjectProvider<io.lakehub.app.vector.HubTuning> tuning) {
        this.indexes = indexes;
        this.hubJobs = hubJobs;
        this.tuning = tuning;
    }

    private HubIndexes indexes() {
        return VectorFeature.required(indexes, "Vector indexes are off on this hub");
    }

    @Operation(
            summary = "Create a vector index over one dataset",
            description = "Registers the index in the catalog, empty; POST /api/indexes/{name}/refresh fills it."
                    + " Refresh policy manual (the default), on-commit (refreshed after every commit to the"
                    + " dataset) or cron:<Quartz cron expression> (seconds first, UTC).")
    @ApiResponse(responseCode = "201", description = "The index as registered.")
    @ApiResponse(
            responseCode = "400",
            description = "A missing field, an invalid name, an unknown column or refresh policy.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such dataset.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "An index of that name exists.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/indexes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IndexDocument> create(
            @RequestBody(required = false) IndexRequest request, HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(indexes().create(Caller.of(http), request));
    }

    @Operation(summary = "List the vector indexes, with their model, counts and last refresh")
    @ApiResponse(responseCode = "200", description = "The indexes, by name.")
    @GetMapping("/api/indexes")
    public List<IndexDocument> list() {
        return indexes().list();
    }

    @Operation(summary = "One vector index")
    @ApiResponse(responseCode = "200", description = "The index.")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/indexes/{name}")
    public IndexDocument get(@PathVariable String name) {
        return indexes().get(name);
    }

    @Operation(
            summary = "Delete a vector index, its files and its autotune journal",
            description = "Removes the index's evaluation sets, trials, promotions and autotune lease too (audited"
                    + " as index.delete), and its autotune job from the scheduler. Refused with 409 naming the search profiles bound to the index (delete or"
                    + " recreate them without it first) or the autotune job running on it.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(
            responseCode = "409",
            description = "Bound to search profiles (named), or being tuned (the job named); nothing was deleted.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping("/api/indexes/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name, jakarta.servlet.http.HttpServletRequest http) {
        HubIndexes hub = indexes();
        io.lakehub.app.vector.HubTuning agent = tuning.getIfAvailable();
        if (agent != null) {
            // Profiles bound to it refuse the delete (409 naming them); its journal goes with it (ADR 0045).
            agent.checkDeletable(name);
            agent.purge(io.lakehub.app.security.Caller.of(http), name);
        }
        hub.delete(name);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Refresh a vector index in the background",
            description = "Embeds new and changed rows, removes the vectors of deleted, upserted-away and erased"
                    + " rows; nothing to do when the build signature is unchanged. A failed refresh leaves the"
                    + " previous index serving. Answers at once with the job's id: follow it with GET"
                    + " /api/jobs/{id}.")
    @ApiResponse(responseCode = "202", description = "{\"job\": id}")
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/indexes/{name}/refresh")
    public ResponseEntity<Map<String, String>> refresh(@PathVariable String name) {
        VectorJob job = indexes().refresh(name);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("job", job.id()));
    }

    @Operation(
            summary = "Search a vector index",
            description = "{\"query\": \"...\", \"k\": 10, \"filter\": \"<SQL predicate on the dataset's columns>\","
                    + " \"mode\": \"vector\"|\"hybrid\"}. The filter restricts the candidates inside the graph"
                    + " search (never a post-filtered top k); hybrid fuses BM25 keyword ranks and vector ranks."
                    + " Hits come best first, one per row, with the row's columns.")
    @ApiResponse(responseCode = "200", description = "The hits, best first.")
    @ApiResponse(
            responseCode = "400",
            description = "No query, k out of range, an unknown mode or a bad filter; the message says which.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The caller's role may not read the indexed dataset's columns.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The index holds vectors of another dimension than the configured provider gives.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/indexes/{name}/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    public IndexSearchResponse search(
            @PathVariable String name,
            @RequestBody(required = false) IndexSearchRequest request,
            HttpServletRequest http) {
        return indexes().search(Caller.of(http), name, request);
    }

    @Operation(
            summary = "List the background work on vector indexes: refreshes and autotune runs",
            description = "The vector index refresh jobs and autotune runs this hub remembers: running ones first"
                    + " (oldest start first), then queued ones (in the order they will start), then finished ones,"
                    + " newest first. Each item is the document GET /api/jobs/{id} answers for the job: kind"
                    + " (index-refresh or index-autotune), id, index, status, done/total (chunks embedded or"
                    + " trials run), rate per second, eta_seconds when known, started_at, finished_at. A hub"
                    + " remembers the jobs it ran since it started, the newest lakehub.vector.job-history (100)"
                    + " finished ones of each kind; jobs another hub of a cluster runs are listed there.")
    @ApiResponse(
            responseCode = "200",
            description = "The jobs, running and queued first, then finished ones newest first; [] for none.",
            content =
                    @Content(
                            array =
                                    @io.swagger.v3.oas.annotations.media.ArraySchema(
                                            schema =
                                                    @Schema(
                                                            oneOf = {VectorJobDocument.class, AutotuneJobDocument.class
                                                            }))))
    @ApiResponse(
            responseCode = "400",
            description = "limit is not between 1 and " + IndexJobs.MAX_LIMIT + " (or not a number).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "Vector indexes are off on this hub (lakehub.vector.enabled=false).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/index-jobs")
    public List<Object> indexJobs(
            @Parameter(description = "Only the jobs of this index (a deleted index's remembered jobs too).")
                    @RequestParam(required = false)
                    String index,
            @Parameter(description = "At most this many jobs, 1 to " + IndexJobs.MAX_LIMIT + ".")
                    @RequestParam(defaultValue = "" + IndexJobs.DEFAULT_LIMIT)
                    int limit) {
        HubIndexes hub = indexes();
        if (limit < 1 || limit > IndexJobs.MAX_LIMIT) {
            throw new InvalidRequestException(
                    "Parameter 'limit' must be between 1 and " + IndexJobs.MAX_LIMIT + "; it was " + limit + ".");
        }
        return IndexJobs.list(hub, tuning.getIfAvailable(), index == null || index.isBlank() ? null : index, limit);
    }

    @Operation(
            summary = "One job: a vector index refresh with its progress, or a pipeline or maintenance job",
            description = "For a refresh: status (queued, running, succeeded, failed), done/total chunks embedded,"
                    + " rate per second, ETA in seconds, and what the refresh did. For a pipeline or maintenance"
                    + " job id: the job as GET /api/jobs lists it.")
    @ApiResponse(
            responseCode = "200",
            description = "The job.",
            content = @Content(schema = @Schema(implementation = VectorJobDocument.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No job of that id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/jobs/{id}")
    public ResponseEntity<Object> job(@PathVariable String id) {
        HubIndexes hub = indexes.getIfAvailable();
        if (hub != null && hub.hasJob(id)) {
            return ResponseEntity.ok(hub.job(id).document());
        }
        io.lakehub.app.vector.HubTuning agent = tuning.getIfAvailable();
        if (agent != null && agent.hasJob(id)) {
            return ResponseEntity.ok(agent.job(id).document());
        }
        HubJobs jobs = hubJobs.getIfAvailable();
        if (jobs != null) {
            Optional<JobDocument> found =
                    jobs.jobs().stream().filter(j -> j.id().equals(id)).findFirst();
            if (found.isPresent()) {
                return ResponseEntity.ok(found.get());
            }
        }
        throw new UnknownIndexException("No job with id '" + id + "' (GET /api/jobs lists the scheduled ones).");
    }

    @ExceptionHandler(UnknownIndexException.class)
    ResponseEntity<ApiError> unknown(UnknownIndexException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    /** An index whose vectors have another dimension than the configured provider's: both are named. */
    @ExceptionHandler(io.lakehub.vector.index.IndexMismatchException.class)
    ResponseEntity<ApiError> mismatch(io.lakehub.vector.index.IndexMismatchException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    /** The embedding provider failed (a server down): the message names it. */
    @ExceptionHandler(io.lakehub.vector.embed.EmbeddingException.class)
    ResponseEntity<ApiError> embedding(io.lakehub.vector.embed.EmbeddingException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(IndexExistsException.class)
    ResponseEntity<ApiError> exists(IndexExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }
}
