package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.hub.HubApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/datasets}, {@code GET /api/datasets/{name}} and {@code DELETE /api/datasets/{name}}. */
@RestController
@Tag(name = "Datasets", description = "The datasets of the lake: schema, snapshots, lineage")
public class DatasetController {
    private final HubApi hub;

    public DatasetController(HubApi hub) {
        this.hub = hub;
    }

    @Operation(summary = "List every dataset with its current snapshot, rows, files and size")
    @ApiResponse(responseCode = "200", description = "The datasets, by name.")
    @GetMapping("/api/datasets")
    public List<DatasetSummary> datasets() {
        return hub.datasets();
    }

    /** 400 for a malformed name, 404 for an unknown one. */
    @Operation(summary = "Describe one dataset: schema and its versions, snapshots, lineage, key")
    @ApiResponse(responseCode = "200", description = "The dataset.")
    @ApiResponse(
            responseCode = "400",
            description = "The name is not a valid dataset name.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No dataset has this name.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/datasets/{name}")
    public DatasetDetail dataset(@PathVariable String name) {
        return hub.dataset(name);
    }

    /** Drops the dataset (audited): 204; 400 for a malformed name, 404 for an unknown one. */
    @Operation(
            summary = "Drop a dataset (irreversible, audited as dataset.drop)",
            description = "Its catalog rows go in one transaction, then its files; the name can be used again.")
    @ApiResponse(responseCode = "204", description = "Dropped.")
    @ApiResponse(
            responseCode = "400",
            description = "The name is not a valid dataset name.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No dataset has this name.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping("/api/datasets/{name}")
    public ResponseEntity<Void> drop(@PathVariable String name) {
        hub.drop(name);
        return ResponseEntity.noContent().build();
    }
}
