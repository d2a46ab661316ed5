package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.ErasureApiRequest;
import io.lakehub.app.api.document.ErasureDocument;
import io.lakehub.app.api.document.ErasureVerificationDocument;
import io.lakehub.app.api.document.ErasureVerifyRequest;
import io.lakehub.app.hub.HubApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure (GDPR/CCPA, ADR 0031): {@code POST /api/datasets/{name}/erasures}, {@code GET
 * /api/datasets/{name}/erasures/{id}} and {@code POST /api/datasets/{name}/erasures/verify}. Values
 * travel in request bodies only, never in URLs.
 */
@RestController
@Tag(name = "Erasure", description = "Erase rows by value from a dataset, its history and companions; verify it")
public class ErasureController {
    private final HubApi hub;

    public ErasureController(HubApi hub) {
        this.hub = hub;
    }

    @Operation(
            summary = "Erase the rows whose key column holds one of the values",
            description = "The rows are hidden from every query when this answers (state invisible); the files that"
                    + " hold them (old snapshots and <dataset>__* companions included) are rewritten in the"
                    + " background (state erased). Refused without lakehub.pii.hash-key / LAKEHUB_PII_HASH_KEY.")
    @ApiResponse(responseCode = "202", description = "Recorded; the rows are invisible.")
    @ApiResponse(
            responseCode = "400",
            description = "Unknown column, no values, no hash key configured.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No dataset has this name.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/datasets/{name}/erasures")
    public ResponseEntity<ErasureDocument> erase(
            @PathVariable String name, @RequestBody(required = false) ErasureApiRequest request) {
        ErasureDocument e = hub.erase(name, request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/datasets/" + e.dataset() + "/erasures/" + e.id()))
                .body(e);
    }

    @Operation(summary = "One erasure: state (invisible, erased) and counts")
    @ApiResponse(responseCode = "200", description = "The erasure.")
    @ApiResponse(
            responseCode = "404",
            description = "No such dataset or erasure.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/datasets/{name}/erasures/{id}")
    public ErasureDocument erasure(@PathVariable String name, @PathVariable long id) {
        return hub.erasure(name, id);
    }

    @Operation(
            summary = "Check that no file still holds a value",
            description = "Reads every file the catalog records for the dataset and its companions (every snapshot)"
                    + " and every other file in their folders: decoded values of every column, Parquet statistics,"
                    + " raw bytes. erased is false when any holds the value.")
    @ApiResponse(responseCode = "200", description = "What was found.")
    @PostMapping("/api/datasets/{name}/erasures/verify")
    public ErasureVerificationDocument verify(
            @PathVariable String name, @RequestBody(required = false) ErasureVerifyRequest request) {
        return hub.verifyErasure(name, request);
    }
}
