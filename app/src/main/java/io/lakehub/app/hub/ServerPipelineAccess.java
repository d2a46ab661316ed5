package io.lakehub.app.hub;

import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.progress.IngestsInProgress;
import io.lakehub.schedules.TriggerKind;
import java.util.List;
import java.util.Optional;

/**
 * The hub's own pipelines (its scheduler, routes and run history); a run in progress on this hub
 * carries the progress of the ingest it is doing.
 */
public final class ServerPipelineAccess implements PipelineAccess {
    private final HubPipelines pipelines;
    private final IngestsInProgress ingests;

    public ServerPipelineAccess(HubPipelines pipelines) {
        this(pipelines, new IngestsInProgress());
    }

    public ServerPipelineAccess(HubPipelines pipelines, IngestsInProgress ingests) {
        this.pipelines = pipelines;
        this.ingests = ingests;
    }

    @Override
    public List<ScheduleDocument> schedules() {
        return pipelines.schedules().stream()
                .map(ScheduleDocument::of)
                .map(s -> s.lastRun() == null ? s : s.withLastRun(ingests.withProgress(s.lastRun())))
                .toList();
    }

    @Override
    public RunAccepted runNow(String pipelineId) {
        return RunAccepted.of(pipelines.runNow(pipelineId, TriggerKind.MANUAL));
    }

    @Override
    public Optional<RunDocument> run(long runId) {
        return pipelines.run(runId).map(RunDocument::of).map(ingests::withProgress);
    }
}
