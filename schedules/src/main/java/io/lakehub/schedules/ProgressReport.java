package io.lakehub.schedules;

/**
 * A running job's progress at one moment, as {@code GET /api/jobs} shows it.
 *
 * @param done items done so far
 * @param total items in all; {@code null} while unknown (an indeterminate bar)
 * @param unit what the items are ("datasets", "files", "rows"); {@code null} before the job said
 * @param rate items per second since the run started; {@code null} until some time has passed
 * @param etaSeconds seconds left at that rate, rounded up; {@code null} without a total or a
 *     positive rate
 */
public record ProgressReport(long done, Long total, String unit, Double rate, Long etaSeconds) {}
