package io.lakehub.schedules;

import java.time.Duration;

/**
 * Hears each run this hub ends: a pipeline or maintenance run that finished (SUCCEEDED or FAILED)
 * or was SKIPPED, as recorded in the run history. The seam the hub's metrics hang on (ADR 0019),
 * so that the scheduler needs no metrics library. Called on the thread that ran the job, after the
 * history recorded it: keep it quick. An exception is logged and never changes the run's record.
 */
@FunctionalInterface
public interface RunListener {

    /**
     * @param run the run as recorded, with its final status
     * @param duration how long the job's work took on this hub; {@link Duration#ZERO} for a skipped run
     */
    void ended(PipelineRun run, Duration duration);
}
