package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.ViewDocument;
import io.lakehub.app.api.document.ViewRequest;
import io.lakehub.app.security.Caller;
import io.lakehub.app.security.HubViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/views}: user views, the way to share columns a role is not cleared for (docs/security.md). */
@RestController
@Tag(name = "Views", description = "Filtered and redacted views of datasets")
public class ViewController {
    private final HubViews views;

    public ViewController(HubViews views) {
        this.views = views;
    }

    @Operation(
            summary = "Create a view of one dataset",
            description = "Registers the view in the SQL engine and keeps it in the catalog; it survives restarts."
                    + " Redactions: mask (all but the last 4 characters become *), hash (keyed HMAC-SHA256,"
                    + " needs lakehub.pii.hash-key), null. Any role can read a view; creating one needs a role"
                    + " cleared for every PII column it reads.")
    @ApiResponse(responseCode = "201", description = "The view as stored.")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid name, unknown column, refused row filter, or a hash without a key.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The caller's role is not cleared for a PII column the view reads.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "A view of that name exists.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping(path = "/api/views", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ViewDocument> create(
            @RequestBody(required = false) ViewRequest request, HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(views.create(Caller.of(http), request));
    }

    @Operation(summary = "List the views")
    @GetMapping("/api/views")
    public List<ViewDocument> list() {
        return views.list();
    }

    @Operation(summary = "One view's definition")
    @ApiResponse(responseCode = "200", description = "The view.")
    @ApiResponse(
            responseCode = "404",
            description = "No such view.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/views/{name}")
    public ViewDocument get(@PathVariable String name) {
        return views.get(name);
    }

    @Operation(summary = "Delete a view")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ApiResponse(
            responseCode = "404",
            description = "No such view.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping("/api/views/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest http) {
        views.delete(Caller.of(http), name);
        return ResponseEntity.noContent().build();
    }
}
