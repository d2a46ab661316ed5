package io.lakehub.app.hub;

import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.schedules.TriggerKind;
import java.util.List;
import java.util.Optional;

/** The hub's own pipelines (its scheduler, routes and run history). */
public final class ServerPipelineAccess implements PipelineAccess {
    private final HubPipelines pipelines;

    public ServerPipelineAccess(HubPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public List<ScheduleDocument> schedules() {
        return pipelines.schedules().stream().map(ScheduleDocument::of).toList();
    }

    @Override
    public RunAccepted runNow(String pipelineId) {
        return RunAccepted.of(pipelines.runNow(pipelineId, TriggerKind.MANUAL));
    }

    @Override
    public Optional<RunDocument> run(long runId) {
        return pipelines.run(runId).map(RunDocument::of);
    }
}
