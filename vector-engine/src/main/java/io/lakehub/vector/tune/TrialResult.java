package io.lakehub.vector.tune;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one trial measured (a journal entry).
 *
 * @param parameters the parameters tried
 * @param kind on the live graph or on a candidate graph
 * @param status completed, failed or abandoned (only completed results carry measurements)
 * @param evaluation the {@link EvaluationSet#fingerprint()} it was measured on (results compare only on the same)
 * @param k the cut-off of recall@k
 * @param queries how many queries were run per pass
 * @param recall mean recall@k over the queries (0 … 1)
 * @param p50 the median latency of one search
 * @param p95 the 95th percentile latency of one search
 * @param buildTime how long the candidate graph took to build ({@link Duration#ZERO} for a search-time trial)
 * @param memoryBytes heap bytes of the graph and vectors searched (approximate)
 * @param startedAt when the trial started
 * @param error why the trial failed or was abandoned, else {@code null}
 */
public record TrialResult(
        TrialParameters parameters,
        Kind kind,
        Status status,
        String evaluation,
        int k,
        int queries,
        double recall,
        Duration p50,
        Duration p95,
        Duration buildTime,
        long memoryBytes,
        Instant startedAt,
        String error) {

    /** Where a trial ran. */
    public enum Kind {
        /** On the live graph, changing search-time parameters only. */
        SEARCH_TIME,
        /** On a candidate graph built in the background from the index's vectors. */
        BUILD_TIME
    }

    /** How a trial ended. */
    public enum Status {
        COMPLETED,
        FAILED,
        /** Interrupted (e.g. the hub stopped mid-trial); the app marks running trials so on restart. */
        ABANDONED
    }

    public TrialResult {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        p50 = p50 == null ? Duration.ZERO : p50;
        p95 = p95 == null ? Duration.ZERO : p95;
        buildTime = buildTime == null ? Duration.ZERO : buildTime;
    }

    /** A trial that produced no measurement. */
    public static TrialResult unsuccessful(
            TrialParameters parameters, Kind kind, Status status, String evaluation, Instant startedAt, String error) {
        if (status == Status.COMPLETED) {
            throw new IllegalArgumentException("an unsuccessful trial cannot be COMPLETED");
        }
        return new TrialResult(parameters, kind, status, evaluation, 0, 0, 0, null, null, null, 0, startedAt, error);
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    @Override
    public String toString() {
        return completed()
                ? String.format(
                        java.util.Locale.ROOT,
                        "%s %s: recall@%d %.4f, p50 %d µs, p95 %d µs, build %d ms, %d MB",
                        kind,
                        parameters,
                        k,
                        recall,
                        p50.toNanos() / 1_000,
                        p95.toNanos() / 1_000,
                        buildTime.toMillis(),
                        memoryBytes >> 20)
                : kind + " " + parameters + ": " + status + " (" + error + ")";
    }
}
