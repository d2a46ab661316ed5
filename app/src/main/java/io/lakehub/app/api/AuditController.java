package io.lakehub.app.api;

import io.lakehub.app.api.document.AuditPage;
import io.lakehub.app.api.document.AuditVerification;
import io.lakehub.app.hub.HubApi;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit[?after=seq][&limit=n]} (newest events, or the ones after {@code seq}) and
 * {@code GET /api/audit/verify} (always 200; {@code intact} says whether the chain holds).
 */
@RestController
public class AuditController {
    private final HubApi hub;

    public AuditController(HubApi hub) {
        this.hub = hub;
    }

    @GetMapping("/api/audit")
    public AuditPage audit(@RequestParam(required = false) Long after, @RequestParam(defaultValue = "100") int limit) {
        return hub.audit(after, limit);
    }

    @GetMapping("/api/audit/verify")
    public AuditVerification verify() {
        return hub.verifyAudit();
    }
}
