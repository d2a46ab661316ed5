package io.lakehub.routes.kafka;

import java.time.Instant;

/**
 * A record whose value is not a JSON object: where it came from, why it was refused and its value
 * as read (cut at 64 KiB), as the dead letter dataset or endpoint receives it.
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, String reason, String value) {}
