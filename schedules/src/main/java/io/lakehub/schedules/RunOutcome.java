package io.lakehub.schedules;

/**
 * What a {@link PipelineRunner} (or, through {@link JobOutcome}, a {@link MaintenanceJob}) reports
 * for one run.
 *
 * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param rows rows committed by the run (0 when there was nothing to do)
 * @param error for a failure, a message for the user; it must not contain data values or secrets
 * @param result a short account of what the run did, for the run history ("deleted 3 orphan
 *     files"); null when the row count says it all
 */
public record RunOutcome(RunStatus status, long rows, String error, String result) {

    /** Longest result stored; longer ones are cut with an ellipsis. */
    static final int MAX_RESULT_LENGTH = 1000;

    public RunOutcome {
        if (status != RunStatus.SUCCEEDED && status != RunStatus.FAILED) {
            throw new IllegalArgumentException("A run outcome is SUCCEEDED or FAILED, not " + status);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        if (status == RunStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("A failed run needs an error message");
        }
        if (result != null && result.length() > MAX_RESULT_LENGTH) {
            result = result.substring(0, MAX_RESULT_LENGTH - 3) + "...";
        }
    }

    /** An outcome without a result text (a pipeline run: the row count says it). */
    public RunOutcome(RunStatus status, long rows, String error) {
        this(status, rows, error, null);
    }

    public static RunOutcome succeeded(long rows) {
        return new RunOutcome(RunStatus.SUCCEEDED, rows, null);
    }

    public static RunOutcome failed(long rows, String error) {
        return new RunOutcome(RunStatus.FAILED, rows, error);
    }
}
