package io.lakehub.app.webhooks;

import io.lakehub.processors.stream.GroupCommitSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP webhooks ({@code from: webhook} pipelines, {@code POST /api/webhooks/<pipeline>}), {@code
 * lakehub.webhooks.*}: how requests are batched into commits (group commit), how far the writer may
 * fall behind, how long idempotency keys are remembered. See docs/pipelines.md, "Webhooks".
 */
@ConfigurationProperties("lakehub.webhooks")
public class WebhookProperties {

    /**
     * The largest request body accepted by {@code POST /api/webhooks/<pipeline>} and {@code POST
     * /api/pipelines/<id>/trigger}; a larger one is answered 413 and nothing of it is written.
     */
    private DataSize maxBodySize = DataSize.ofMegabytes(10);

    /**
     * A commit starts as soon as this many events wait (a request is never split, so one request
     * larger than this is committed alone). At most 20,000: a batch is typed from all its events.
     */
    private int maxBatchEvents = 5_000;

    /**
     * How long the first waiting event waits for others before its commit starts; requests arriving
     * while a commit runs wait for the next one. 0 commits as soon as the writer is free.
     */
    private Duration maxDelay = Duration.ofMillis(5);

    /**
     * The most events of one pipeline waiting for a commit; a request that does not fit is answered
     * 503 with {@code Retry-After} (back-pressure) and nothing of it is written.
     */
    private int maxQueuedEvents = 50_000;

    /** What a request refused for back-pressure is told to wait ({@code Retry-After}, whole seconds). */
    private Duration retryAfter = Duration.ofSeconds(1);

    /**
     * How long a request waits for its batch's commit before it is answered 503: its events may still
     * be committed, so retry it with the same {@code Idempotency-Key}.
     */
    private Duration commitTimeout = Duration.ofSeconds(30);

    /**
     * How long an {@code Idempotency-Key} is remembered after its events were committed; a retry
     * within it is answered with the first answer and writes nothing.
     */
    private Duration idempotencyWindow = Duration.ofHours(24);

    /**
     * Commits of one pipeline that may run at once (1 to 8). More than one overlaps a batch's Parquet
     * write with the previous commit, so a request waits for about one commit, but splits the
     * concurrent requests into smaller batches, which costs more CPU per event (ADR 0033).
     */
    private int writers = 1;

    public int getWriters() {
        return writers;
    }

    public void setWriters(int writers) {
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("lakehub.webhooks.writers must be between 1 and 8, not " + writers);
        }
        this.writers = writers;
    }

    /** The group committer's settings. */
    public GroupCommitSettings groupCommit() {
        return new GroupCommitSettings(
                maxBatchEvents,
                maxDelay,
                Math.max(maxQueuedEvents, maxBatchEvents),
                retryAfter,
                idempotencyWindow,
                writers);
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        if (maxBodySize == null || maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "lakehub.webhooks.max-body-size must be between 1B and 2GB, not " + maxBodySize);
        }
        this.maxBodySize = maxBodySize;
    }

    public int getMaxBatchEvents() {
        return maxBatchEvents;
    }

    public void setMaxBatchEvents(int maxBatchEvents) {
        if (maxBatchEvents < 1 || maxBatchEvents > 20_000) {
            throw new IllegalArgumentException(
                    "lakehub.webhooks.max-batch-events must be between 1 and 20000, not " + maxBatchEvents);
        }
        this.maxBatchEvents = maxBatchEvents;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        if (maxDelay == null || maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("lakehub.webhooks.max-delay must be between 0 and 10s, not " + maxDelay);
        }
        this.maxDelay = maxDelay;
    }

    public int getMaxQueuedEvents() {
        return maxQueuedEvents;
    }

    public void setMaxQueuedEvents(int maxQueuedEvents) {
        if (maxQueuedEvents < 1) {
            throw new IllegalArgumentException(
                    "lakehub.webhooks.max-queued-events must be at least 1, not " + maxQueuedEvents);
        }
        this.maxQueuedEvents = maxQueuedEvents;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("lakehub.webhooks.retry-after must not be negative, not " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    public Duration getCommitTimeout() {
        return commitTimeout;
    }

    public void setCommitTimeout(Duration commitTimeout) {
        if (commitTimeout == null || commitTimeout.isNegative() || commitTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "lakehub.webhooks.commit-timeout must be positive, not " + commitTimeout);
        }
        this.commitTimeout = commitTimeout;
    }

    public Duration getIdempotencyWindow() {
        return idempotencyWindow;
    }

    public void setIdempotencyWindow(Duration idempotencyWindow) {
        if (idempotencyWindow == null || idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
            throw new IllegalArgumentException(
                    "lakehub.webhooks.idempotency-window must be positive, not " + idempotencyWindow);
        }
        this.idempotencyWindow = idempotencyWindow;
    }
}
