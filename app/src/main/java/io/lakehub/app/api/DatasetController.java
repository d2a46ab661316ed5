package io.lakehub.app.api;

import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.hub.LocalHubApi;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/datasets} and {@code GET /api/datasets/{name}}. */
@RestController
public class DatasetController {
    private final LocalHubApi hub;

    public DatasetController(LocalHubApi hub) {
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
}
