/**
 * HTTP webhooks as a source: {@code POST /api/webhooks/{pipeline}} for {@code from: webhook}
 * pipelines ({@link io.lakehub.app.webhooks.WebhookController}), one group committer per pipeline
 * ({@link io.lakehub.app.webhooks.HubWebhooks}), their settings ({@link
 * io.lakehub.app.webhooks.WebhookProperties}) and the filter that keeps signed bodies byte-exact
 * ({@link io.lakehub.app.webhooks.RawBodyFilter}). See ADR 0023 and docs/pipelines.md.
 */
package io.lakehub.app.webhooks;
