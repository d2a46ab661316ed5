package io.lakehub.schedules;

/**
 * What a {@link MaintenanceJob} reports for one run.
 *
 * @param status {@link RunStatus#SUCCEEDED} or {@link RunStatus#FAILED}
 * @param result a short account for the user, e.g. "deleted 3 orphan files"; may be null
 * @param error for a failure, a message for the user; it must not contain data values or secrets
 */
public record JobOutcome(RunStatus status, String result, String error) {

    public JobOutcome {
        // Same rules as a pipeline's outcome.
        new RunOutcome(status, 0, error, result);
    }

    public static JobOutcome succeeded(String result) {
        return new JobOutcome(RunStatus.SUCCEEDED, result, null);
    }

    /** A failure, with what was done before it in {@code result} (may be null). */
    public static JobOutcome failed(String result, String error) {
        return new JobOutcome(RunStatus.FAILED, result, error);
    }

    RunOutcome toRunOutcome() {
        return new RunOutcome(status, 0, error, result);
    }
}
