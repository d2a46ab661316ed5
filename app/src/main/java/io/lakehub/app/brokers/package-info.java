/**
 * Message broker pipelines in the hub (ADR 0026): {@link
 * io.lakehub.app.brokers.GroupCommitMessageCommitter} puts each pipeline's messages through the
 * shared group committer (one commit per batch, message ids as idempotency keys, waiting instead of
 * refusing when full, retries with backoff), and {@link io.lakehub.app.brokers.MessageBatchReader}
 * reads a batch as NDJSON rows.
 */
package io.lakehub.app.brokers;
