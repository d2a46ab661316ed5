package io.lakehub.app.config;

import io.lakehub.routes.kafka.KafkaSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How {@code from: "kafka:..."} pipelines batch their commits and retry, {@code lakehub.kafka.*}
 * (docs/pipelines.md, "Kafka"). Per-pipeline consumer options (brokers, group, security) belong in
 * the pipeline's camel-kafka URI.
 */
@ConfigurationProperties("lakehub.kafka")
public class KafkaProperties {

    /**
     * A micro-batch is committed once it holds this many records (or {@code max-batch-size} bytes,
     * or its first record waited {@code max-batch-wait}). Larger batches mean fewer, larger commits
     * and Parquet files.
     */
    private int maxBatchRecords = 50_000;

    /** A micro-batch is committed once its record values add up to this size. */
    private DataSize maxBatchSize = DataSize.ofMegabytes(64);

    /**
     * The longest a record waits in a micro-batch before the batch is committed: the latency from
     * topic to lake on a quiet topic.
     */
    private Duration maxBatchWait = Duration.ofSeconds(1);

    /** Records per poll when the pipeline's URI does not set {@code maxPollRecords}. */
    private int maxPollRecords = 5_000;

    /**
     * First wait after a batch failed (catalog unavailable, rows refused) when the pipeline's
     * {@code onError.backoff} is not given; doubled after each further failure up to {@code
     * max-retry-backoff}. The batch is read again from the committed positions.
     */
    private Duration retryBackoff = Duration.ofSeconds(1);

    /** The longest wait between two attempts of a failing batch. */
    private Duration maxRetryBackoff = Duration.ofMinutes(1);

    /** The settings the {@code lakehub-kafka} component runs with. */
    public KafkaSettings toSettings() {
        return new KafkaSettings(
                maxBatchRecords,
                maxBatchSize.toBytes(),
                maxBatchWait,
                maxPollRecords,
                retryBackoff,
                maxRetryBackoff,
                KafkaSettings.DEFAULTS.batchRows());
    }

    public int getMaxBatchRecords() {
        return maxBatchRecords;
    }

    public void setMaxBatchRecords(int maxBatchRecords) {
        if (maxBatchRecords < 1) {
            throw new IllegalArgumentException(
                    "lakehub.kafka.max-batch-records must be 1 or more, not " + maxBatchRecords);
        }
        this.maxBatchRecords = maxBatchRecords;
    }

    public DataSize getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(DataSize maxBatchSize) {
        if (maxBatchSize.toBytes() < 1) {
            throw new IllegalArgumentException("lakehub.kafka.max-batch-size must be positive, not " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
    }

    public Duration getMaxBatchWait() {
        return maxBatchWait;
    }

    public void setMaxBatchWait(Duration maxBatchWait) {
        this.maxBatchWait = maxBatchWait;
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException(
                    "lakehub.kafka.max-poll-records must be 1 or more, not " + maxPollRecords);
        }
        this.maxPollRecords = maxPollRecords;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }
}
