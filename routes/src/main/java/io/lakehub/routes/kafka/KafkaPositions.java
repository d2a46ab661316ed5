package io.lakehub.routes.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * The snapshot property that holds a partition's committed position: {@code
 * position.kafka.<pipeline>.<topic>.<partition>} = the offset of the next record to read. Namespaced
 * by pipeline, like the database poller's, so several pipelines (or consumer groups) can feed one
 * dataset.
 */
public final class KafkaPositions {
    /** Prefix of every Kafka position key. */
    public static final String PREFIX = "position.kafka.";

    private KafkaPositions() {}

    /** The property key of {@code partition} for {@code pipeline}. */
    public static String key(String pipeline, TopicPartition partition) {
        return PREFIX + pipeline + "." + partition.topic() + "." + partition.partition();
    }
}
