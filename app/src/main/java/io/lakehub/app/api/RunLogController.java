package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.RunLogDocument;
import io.lakehub.app.api.document.RunLogDocument.RunLogLine;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.pipelines.RunLogs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runs/{id}/log}: the log lines the hub wrote while it executed the run (pipeline
 * or maintenance job), as far as this hub kept them; 404 for an unknown run.
 */
@RestController
@Tag(name = "Pipelines", description = "Configured pipelines, their schedules and runs")
public class RunLogController {
    private final HubApi hub;
    private final RunLogs logs;

    public RunLogController(HubApi hub, RunLogs logs) {
        this.hub = hub;
        this.logs = logs;
    }

    @Operation(summary = "The log lines the hub wrote while it executed a run, as far as this hub kept them")
    @ApiResponse(responseCode = "200", description = "The run's log; 'kept' is false when this hub has none.")
    @ApiResponse(
            responseCode = "404",
            description = "No run has this id.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
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
