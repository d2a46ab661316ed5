package io.lakehub.schedules;

/** What started a pipeline run; stored in the run history. */
public enum TriggerKind {
    /** A fire of the pipeline's Quartz cron trigger. */
    CRON,
    /** {@code POST /api/pipelines/{id}/run} or {@code ./lakehub pipeline run ID}. */
    MANUAL,
    /** An authenticated {@code POST /api/pipelines/{id}/trigger}. */
    WEBHOOK,
    /** A file arriving at the pipeline's file endpoint. */
    FILE
}
