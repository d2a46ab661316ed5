package io.lakehub.app.api;

import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.hub.HubApi;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/datasets}, {@code GET /api/datasets/{name}} and {@code DELETE /api/datasets/{name}}. */
@RestController
public class DatasetController {
    private final HubApi hub;

    public DatasetController(HubApi hub) {
        this.hub = hub;
    }

    @GetMapping("/api/datasets")
    public List<DatasetSummary> datasets() {
        return hub.datasets();
    }

    /** 400 for a malformed name, 404 for an unknown one. */
    @GetMapping("/api/datasets/{name}")
    public DatasetDetail dataset(@PathVariable String name) {
        return hub.dataset(name);
    }

    /** Drops the dataset (audited): 204; 400 for a malformed name, 404 for an unknown one. */
    @DeleteMapping("/api/datasets/{name}")
    public ResponseEntity<Void> drop(@PathVariable String name) {
        hub.drop(name);
        return ResponseEntity.noContent().build();
    }
}
