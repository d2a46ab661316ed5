package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.IndexSearchResponse;
import io.lakehub.app.api.document.ProfileActivation;
import io.lakehub.app.api.document.ProfileRequest;
import io.lakehub.app.api.document.ProfileSearchRequest;
import io.lakehub.app.security.Caller;
import io.lakehub.app.vector.HubProfiles;
import io.lakehub.app.vector.IndexExistsException;
import io.lakehub.app.vector.UnknownIndexException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/profiles}: search profiles (ADR 0041) — each consumer's scope of datasets, governance
 * views and vector indexes, with its search defaults. Answers 404 on every path when {@code
 * lakehub.vector.enabled} is false.
 */
@RestController
@Tag(name = "Search profiles", description = "Scoped search for each consumer: bound datasets, views and indexes")
public class ProfileController {
    private final ObjectProvider<HubProfiles> profiles;

    public ProfileController(ObjectProvider<HubProfiles> profiles) {
        this.profiles = profiles;
    }

    private HubProfiles profiles() {
        return VectorFeature.required(profiles, "Search profiles need vector indexes, off on this hub");
    }

    @Operation(
            summary = "Create a search profile (admin role)",
            description = "{\"id\": ..., \"datasets\": [dataset or view names], \"indexes\": [index names],"
                    + " \"defaults\": {\"k\": 10, \"filter\": \"<SQL predicate>\", \"mode\": \"vector\"|\"hybrid\"}}."
                    + " Every index's dataset must be bound, directly or through a governance view over it that"
                    + " shows the index's key column; searches through such a view return its redacted rows.")
    @ApiResponse(responseCode = "201", description = "The profile as stored.")
    @ApiResponse(
            responseCode = "400",
            description =
                    "A missing id or index, an unknown dataset or view, an unbound index's dataset, bad defaults.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The caller is not an admin.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "An unknown index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A profile of that id exists.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/profiles", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ProfileRequest> create(
            @RequestBody(required = false) ProfileRequest request, HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(profiles().create(Caller.of(http), request));
    }

    @Operation(summary = "List the search profiles")
    @ApiResponse(responseCode = "200", description = "The profiles, by id.")
    @GetMapping("/api/profiles")
    public List<ProfileRequest> list() {
        return profiles().list();
    }

    @Operation(summary = "One search profile")
    @ApiResponse(responseCode = "200", description = "The profile.")
    @ApiResponse(
            responseCode = "404",
            description = "No such profile.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/profiles/{id}")
    public ProfileRequest get(@PathVariable String id) {
        return profiles().get(id);
    }

    @Operation(summary = "Delete a search profile (admin role)")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(
            responseCode = "403",
            description = "The caller is not an admin.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such profile.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping("/api/profiles/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest http) {
        profiles().delete(Caller.of(http), id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Search within a profile",
            description = "Like POST /api/indexes/{name}/search, plus \"index\" when the profile binds several."
                    + " The profile's default k and mode apply when the request gives none; its default filter is"
                    + " always added. An index over a dataset bound through a view returns the view's rows"
                    + " (redacted) and no chunk text.")
    @ApiResponse(responseCode = "200", description = "The hits, best first.")
    @ApiResponse(
            responseCode = "400",
            description = "No query, no index among several, k out of range, an unknown mode or a bad filter.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The index is not bound to the profile (the message names the bindings), or the caller's"
                    + " role may not read the columns.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No such profile or index.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/profiles/{id}/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    public IndexSearchResponse search(
            @PathVariable String id,
            @RequestBody(required = false) ProfileSearchRequest request,
            HttpServletRequest http) {
        return profiles().search(Caller.of(http), id, request);
    }

    @Operation(
            summary = "Activate a profile: warm its indexes into memory",
            description = "Opens every index of the profile now and reports each one's chunks and the time taken;"
                    + " an index that could not be opened is reported with its error and searched from disk later.")
    @ApiResponse(responseCode = "200", description = "What was warmed and how long it took.")
    @ApiResponse(
            responseCode = "404",
            description = "No such profile.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/profiles/{id}/activate")
    public ProfileActivation activate(@PathVariable String id) {
        return profiles().activate(id);
    }

    @ExceptionHandler(UnknownIndexException.class)
    ResponseEntity<ApiError> unknown(UnknownIndexException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError(e.getMessage()));
    }

    @ExceptionHandler(IndexExistsException.class)
    ResponseEntity<ApiError> exists(IndexExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }

    /** The index holds vectors of another dimension than the configured provider gives. */
    @ExceptionHandler(io.lakehub.vector.index.IndexMismatchException.class)
    ResponseEntity<ApiError> mismatch(io.lakehub.vector.index.IndexMismatchException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError(e.getMessage()));
    }
}
