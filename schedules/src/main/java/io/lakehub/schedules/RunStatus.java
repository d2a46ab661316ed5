package io.lakehub.schedules;

/** Where a pipeline run stands. Every run ends in exactly one of the last three. */
public enum RunStatus {
    /** Holds the pipeline's single-flight claim; no other run of the pipeline can start. */
    RUNNING,
    SUCCEEDED,
    /** The runner threw or reported failure, or the hub running it stopped mid-run. */
    FAILED,
    /** Not run because another run of the same pipeline was in progress. */
    SKIPPED;

    public boolean isFinished() {
        return this != RUNNING;
    }
}
