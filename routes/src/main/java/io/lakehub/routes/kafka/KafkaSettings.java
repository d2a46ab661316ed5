package io.lakehub.routes.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How a Kafka pipeline batches and retries, hub-wide ({@code lakehub.kafka.*}).
 *
 * @param maxBatchRecords a batch is committed once it holds this many records
 * @param maxBatchBytes ... or this many bytes of record values
 * @param maxBatchWait ... or once its first record has waited this long
 * @param maxPollRecords records per poll when the URI does not set {@code maxPollRecords}
 * @param retryBackoff first wait after a failed batch (the pipeline's {@code onError.backoff} wins
 *     when given); doubled after each further failure up to {@code maxRetryBackoff}
 * @param maxRetryBackoff the longest wait between two attempts
 * @param batchRows rows per Arrow batch the JSON reader fills
 */
public record KafkaSettings(
        int maxBatchRecords,
        long maxBatchBytes,
        Duration maxBatchWait,
        int maxPollRecords,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int batchRows) {

    /** 50,000 records, 64 MiB or 1 s; 5,000 records per poll; retries from 1 s up to 1 min. */
    public static final KafkaSettings DEFAULTS = new KafkaSettings(
            50_000, 64L << 20, Duration.ofSeconds(1), 5_000, Duration.ofSeconds(1), Duration.ofMinutes(1), 8192);

    public KafkaSettings {
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        if (maxBatchRecords < 1 || maxBatchBytes < 1 || maxPollRecords < 1 || batchRows < 1) {
            throw new IllegalArgumentException("Kafka batch sizes must be positive: " + maxBatchRecords + " records, "
                    + maxBatchBytes + " bytes, " + maxPollRecords + " per poll, " + batchRows + " rows per batch");
        }
    }

    public KafkaSettings withMaxBatchRecords(int records) {
        return new KafkaSettings(
                records, maxBatchBytes, maxBatchWait, maxPollRecords, retryBackoff, maxRetryBackoff, batchRows);
    }

    public KafkaSettings withMaxBatchWait(Duration wait) {
        return new KafkaSettings(
                maxBatchRecords, maxBatchBytes, wait, maxPollRecords, retryBackoff, maxRetryBackoff, batchRows);
    }

    public KafkaSettings withRetryBackoff(Duration first, Duration max) {
        return new KafkaSettings(maxBatchRecords, maxBatchBytes, maxBatchWait, maxPollRecords, first, max, batchRows);
    }
}
