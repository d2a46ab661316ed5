package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.AuditPage;
import io.lakehub.app.api.document.AuditVerification;
import io.lakehub.app.hub.HubApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit[?after=seq][&limit=n]} (newest events, or the ones after {@code seq}) and
 * {@code GET /api/audit/verify} (always 200; {@code intact} says whether the chain holds).
 */
@RestController
@Tag(name = "Audit", description = "The hash-chained audit journal")
public class AuditController {
    private final HubApi hub;

    public AuditController(HubApi hub) {
        this.hub = hub;
    }

    @Operation(
            summary = "Read the audit journal",
            description = "Without after: the newest limit events, newest first. With after: the events after"
                    + " that sequence number, oldest first (follow the journal by passing the last seq seen).")
    @ApiResponse(responseCode = "200", description = "One page of events.")
    @ApiResponse(
            responseCode = "400",
            description = "after is negative, or limit is not between 1 and 1000 (or not a number).",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @GetMapping("/api/audit")
    public AuditPage audit(
            @Parameter(description = "Return the events after this sequence number, oldest first")
                    @RequestParam(required = false)
                    Long after,
            @Parameter(description = "Most events to return, 1 to 1000") @RequestParam(defaultValue = "100")
                    int limit) {
        return hub.audit(after, limit);
    }

    @Operation(
            summary = "Check the journal's hash chain",
            description = "Always 200: intact says whether the chain holds, problems lists where it breaks.")
    @ApiResponse(responseCode = "200", description = "The verification.")
    @GetMapping("/api/audit/verify")
    public AuditVerification verify() {
        return hub.verifyAudit();
    }
}
