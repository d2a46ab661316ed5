/**
 * HTTP webhooks as a source: {@code POST /api/webhooks/{pipeline}} for {@code from: webhook}
 * pipelines, answered by {@link io.lakehub.app.webhooks.WebhookFilter} ahead of Spring MVC through
 * {@link io.lakehub.app.webhooks.WebhookReceiver} (which {@link io.lakehub.app.api.WebhookController}
 * shares and documents), one group committer per pipeline ({@link io.lakehub.app.webhooks.HubWebhooks}),
 * their settings ({@link io.lakehub.app.webhooks.WebhookProperties}) and the filter that keeps signed
 * bodies byte-exact ({@link io.lakehub.app.webhooks.RawBodyFilter}). See ADRs 0023 and 0033 and
 * docs/pipelines.md.
 */
package io.lakehub.app.webhooks;
