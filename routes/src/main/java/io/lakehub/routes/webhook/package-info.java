/**
 * The HTTP webhook source of {@code from: webhook} pipelines: request bodies (JSON object, JSON
 * array, NDJSON, CSV) are validated and turned into events before anything is queued ({@link
 * io.lakehub.routes.webhook.WebhookPayloads}), then written through the pipeline's chain by a
 * {@link io.lakehub.processors.stream.GroupCommitter} whose batches {@link
 * io.lakehub.routes.webhook.WebhookEventWriter} commits. The HTTP endpoint lives in the app. See ADR
 * 0023.
 */
package io.lakehub.routes.webhook;
