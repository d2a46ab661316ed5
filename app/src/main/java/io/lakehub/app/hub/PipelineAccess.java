package io.lakehub.app.hub;

import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import java.util.List;
import java.util.Optional;

/**
 * The pipelines as {@link LocalHubApi} offers them: {@link ServerPipelineAccess} in the hub (its
 * scheduler and routes), {@link CommandPipelineAccess} for a CLI command on a home no hub holds.
 */
public interface PipelineAccess {

    /** Every configured pipeline with its schedule and last run. */
    List<ScheduleDocument> schedules();

    /**
     * Runs the pipeline now: in the background in the hub (the answer says RUNNING, or SKIPPED when
     * a run is in progress), to its end in a command (the answer is the finished run's status).
     *
     * @throws io.lakehub.schedules.UnknownPipelineException when no pipeline has this id
     */
    RunAccepted runNow(String pipelineId);

    /** A run from the history, or empty. */
    Optional<RunDocument> run(long runId);
}
