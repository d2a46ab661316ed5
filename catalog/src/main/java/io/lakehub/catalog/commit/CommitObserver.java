package io.lakehub.catalog.commit;

import java.time.Duration;

/**
 * Measures the commits made through this catalog: each successful one with what it wrote and how
 * long it took, each failed one with how long it took to fail. This is the seam the hub's metrics
 * hang on (ADR 0019), so that the catalog itself needs no metrics library. Called on the committing
 * thread after the outcome is known: keep it quick. An exception is logged and never changes the
 * commit's outcome.
 */
public interface CommitObserver {

    /** A commit landed; called after its transaction committed and after the change feed heard it. */
    void committed(CommitStatistics statistics);

    /**
     * A commit failed (nothing of it landed, or the catalog could not tell); the failure is then
     * thrown to the committer as usual.
     *
     * @param dataset the dataset the commit was for
     * @param operation the operation the commit asked for ({@code APPEND}, {@code REPLACE}, {@code MERGE})
     * @param duration how long the attempt took
     * @param failure what the committer is about to see
     */
    default void failed(String dataset, String operation, Duration duration, RuntimeException failure) {}
}
