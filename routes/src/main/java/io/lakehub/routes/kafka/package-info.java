/**
 * {@code from: "kafka:..."} pipelines: the {@code lakehub-kafka} component, whose consumer reads the
 * topic with the options camel-kafka parses from the pipeline's URI, micro-batches the records into
 * commits whose snapshot properties carry each partition's next offset, seeks to those committed
 * positions on every partition assignment, and sends records that are not JSON objects to a dead
 * letter dataset or endpoint with their topic, partition and offset (ADR 0024).
 */
package io.lakehub.routes.kafka;
