package io.lakehub.schedules;

/**
 * What a {@link PipelineRunner} reports for one run.
 *
 * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param rows rows committed by the run (0 when there was nothing to do)
 * @param error for a failure, a message for the user; it must not contain data values or secrets
 */
public record RunOutcome(RunStatus status, long rows, String error) {

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
    }

    public static RunOutcome succeeded(long rows) {
        return new RunOutcome(RunStatus.SUCCEEDED, rows, null);
    }

    public static RunOutcome failed(long rows, String error) {
        return new RunOutcome(RunStatus.FAILED, rows, error);
    }
}
