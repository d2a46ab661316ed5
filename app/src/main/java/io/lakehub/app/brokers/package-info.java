/**
 * Message broker pipelines in the hub (ADR 0026): {@link
 * io.lakehub.app.brokers.BatchingMessageCommitter} groups the messages of each pipeline into one
 * commit per batch (by size and time, bounded queue, retries with backoff, dedupe by message id),
 * and {@link io.lakehub.app.brokers.MessageBatchReader} reads a batch as NDJSON rows with the
 * batch's message ids as its position.
 */
package io.lakehub.app.brokers;
