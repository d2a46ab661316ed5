package io.lakehub.schedules;

/**
 * Work that keeps the lake in shape and is not a pipeline: the orphan sweep, compaction, later
 * index refresh. The app registers each as a bean; the scheduler runs it as a clustered Quartz job
 * (once per fire across every hub sharing the catalog database), under the same single-flight
 * claim as pipelines (never twice at once on any hub), and records every run in {@link
 * RunHistory} with its outcome and a short result.
 *
 * <p>Implementations must be safe to run on any hub of a cluster: they see only the shared catalog
 * and lake, never hub-local state.
 */
public interface MaintenanceJob {

    /** Stable id ({@link JobId#ID}): the Quartz job name, the run history key, the URL segment. */
    String id();

    /** One sentence for {@code GET /api/jobs} and {@code ./lakehub jobs}: what a run does. */
    String describe();

    /** Quartz cron expression used when the configuration gives none. */
    String defaultSchedule();

    /**
     * Does the work once. Throwing is the same as returning {@link JobOutcome#failed}: the run is
     * recorded as FAILED with the exception's message, which therefore must not contain data values
     * or secrets.
     */
    JobOutcome run(JobContext context) throws Exception;
}
