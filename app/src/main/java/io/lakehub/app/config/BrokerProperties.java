package io.lakehub.app.config;

import java.time.Duration;

/**
 * Message broker pipelines ({@code from: "paho-mqtt5:..."}, {@code "spring-rabbitmq:..."}, {@code
 * "nats:..."}, {@code lakehub.brokers.*}): how their messages are grouped into commits. See
 * docs/pipelines.md, "Message brokers", and ADR 0026.
 */
public class BrokerProperties {

    /**
     * The most messages one commit holds; a batch is committed as soon as it has this many. The
     * broker's own limit on unacknowledged messages can make batches smaller (RabbitMQ's prefetch,
     * 250 per consumer by default; Mosquitto's {@code max_inflight_messages}, 20 by default).
     */
    private int batchSize = 1000;

    /**
     * The longest a message waits for its batch to fill: after this, whatever has arrived is
     * committed. Also the extra delay before a message is acknowledged to its broker.
     */
    private Duration batchInterval = Duration.ofMillis(200);

    /**
     * Messages of one pipeline waiting for their commit, at most (the group committer's queue). When
     * it is full the broker's consumer thread waits (back-pressure): the hub takes and acknowledges
     * nothing more until the writer catches up.
     */
    private int queueCapacity = 10_000;

    /**
     * How long a message id (AMQP {@code message-id}; NATS JetStream {@code Nats-Msg-Id}, else the
     * stream sequence) is remembered after its commit: the ids are idempotency keys committed in
     * the same catalog transaction as the messages (scope {@code broker:<pipeline>}), and a message
     * delivered again within the window is acknowledged without being written again. Messages
     * without an id (MQTT, RabbitMQ without {@code message-id}) are not deduplicated.
     */
    private Duration idempotencyWindow = Duration.ofHours(24);

    /**
     * First wait before a batch whose commit failed for a reason that may pass (catalog
     * unreachable, another run of the pipeline in progress) is committed again; it doubles on each
     * failure up to {@code retry-backoff-max}. Its messages stay unacknowledged meanwhile.
     */
    private Duration retryBackoff = Duration.ofMillis(500);

    /** Longest wait between two attempts to commit a batch. */
    private Duration retryBackoffMax = Duration.ofSeconds(30);

    /**
     * How often the hub looks at each broker pipeline's connection. A connection found lost is
     * recorded as a FAILED run of the pipeline, and its return as a SUCCEEDED run with no rows
     * saying how long the outage lasted (ADR 0032); an outage shorter than this may go unrecorded
     * (the components reconnect by themselves either way).
     */
    private Duration outageCheck = Duration.ofSeconds(1);

    public Duration getOutageCheck() {
        return outageCheck;
    }

    public void setOutageCheck(Duration outageCheck) {
        if (outageCheck == null || outageCheck.isNegative() || outageCheck.isZero()) {
            throw new IllegalArgumentException("lakehub.brokers.outage-check must be positive");
        }
        this.outageCheck = outageCheck;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("lakehub.brokers.batch-size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public Duration getBatchInterval() {
        return batchInterval;
    }

    public void setBatchInterval(Duration batchInterval) {
        if (batchInterval == null || batchInterval.isNegative()) {
            throw new IllegalArgumentException("lakehub.brokers.batch-interval may not be negative");
        }
        this.batchInterval = batchInterval;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "lakehub.brokers.queue-capacity must be at least 1, not " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
    }

    public Duration getIdempotencyWindow() {
        return idempotencyWindow;
    }

    public void setIdempotencyWindow(Duration idempotencyWindow) {
        if (idempotencyWindow == null || idempotencyWindow.isNegative() || idempotencyWindow.isZero()) {
            throw new IllegalArgumentException("lakehub.brokers.idempotency-window must be positive");
        }
        this.idempotencyWindow = idempotencyWindow;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getRetryBackoffMax() {
        return retryBackoffMax;
    }

    public void setRetryBackoffMax(Duration retryBackoffMax) {
        this.retryBackoffMax = retryBackoffMax;
    }
}
