package io.lakehub.app.api;

import io.lakehub.app.api.document.RunLogDocument;
import io.lakehub.app.api.document.RunLogDocument.RunLogLine;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.pipelines.RunLogs;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runs/{id}/log}: the log lines the hub wrote while it executed the run (pipeline
 * or maintenance job), as far as this hub kept them; 404 for an unknown run.
 */
@RestController
public class RunLogController {
    private final HubApi hub;
    private final RunLogs logs;

    public RunLogController(HubApi hub, RunLogs logs) {
        this.hub = hub;
        this.logs = logs;
    }

    @GetMapping("/api/runs/{id}/log")
    public RunLogDocument log(@PathVariable long id) {
        hub.run(id); // 404 for a run the history does not know.
        return logs.of(id)
                .map(log -> new RunLogDocument(
                        id,
                        true,
                        log.dropped(),
                        log.lines().stream()
                                .map(l -> new RunLogLine(l.time().toString(), l.level(), l.logger(), l.message()))
                                .toList()))
                .orElseGet(() -> new RunLogDocument(id, false, 0, List.of()));
    }
}
