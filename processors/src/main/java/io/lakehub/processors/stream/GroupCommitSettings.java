package io.lakehub.processors.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GroupCommitter} batches.
 *
 * @param maxBatchItems a commit starts as soon as this many items wait (a delivery is never split, so
 *     a commit may hold more when one delivery alone is larger)
 * @param maxDelay how long the first waiting item waits for others before its commit starts; zero
 *     commits whatever waits as soon as the writer is free
 * @param maxQueuedItems the most items waiting for a commit; a delivery that would go beyond is refused
 *     at once with {@link CommitterBusyException} (back-pressure) instead of queueing without bound
 * @param retryAfter what a refused sender is told to wait before retrying
 * @param idempotencyWindow how long idempotency keys are remembered after their commit
 * @param writers commits that may run at once (1 to 8): while one waits for its fsyncs and the
 *     catalog, the next batch is already read and written, so a delivery waits for one commit
 *     rather than for the end of the running one and then its own; commits to one dataset still
 *     enter the catalog one at a time (its row lock)
 */
public record GroupCommitSettings(
        int maxBatchItems,
        Duration maxDelay,
        int maxQueuedItems,
        Duration retryAfter,
        Duration idempotencyWindow,
        int writers) {

    public GroupCommitSettings {
        if (maxBatchItems < 1) {
            throw new IllegalArgumentException("maxBatchItems must be at least 1, not " + maxBatchItems);
        }
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, not " + maxDelay);
        }
        if (maxQueuedItems < maxBatchItems) {
            throw new IllegalArgumentException(
                    "maxQueuedItems (" + maxQueuedItems + ") must be at least maxBatchItems (" + maxBatchItems + ")");
        }
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
        if (idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
            throw new IllegalArgumentException("idempotencyWindow must be positive, not " + idempotencyWindow);
        }
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("writers must be between 1 and 8, not " + writers);
        }
    }

    /** One writer. */
    public GroupCommitSettings(
            int maxBatchItems, Duration maxDelay, int maxQueuedItems, Duration retryAfter, Duration idempotencyWindow) {
        this(maxBatchItems, maxDelay, maxQueuedItems, retryAfter, idempotencyWindow, 1);
    }

    /** 5,000 items or 5 ms per commit, 50,000 items queued, retry after 1 s, keys kept 24 h. */
    public static GroupCommitSettings defaults() {
        return new GroupCommitSettings(
                5_000, Duration.ofMillis(5), 50_000, Duration.ofSeconds(1), Duration.ofHours(24));
    }
}
