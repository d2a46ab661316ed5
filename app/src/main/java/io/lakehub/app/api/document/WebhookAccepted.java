package io.lakehub.app.api.document;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer of {@code POST /api/webhooks/{pipeline}} (202), given once the request's events are
 * committed.
 *
 * @param accepted events of the request now in the dataset (for a duplicate: of the first request
 *     with the same {@code Idempotency-Key})
 * @param snapshot the snapshot that committed them (shared with the requests committed alongside)
 * @param duplicate true when an earlier request with the same {@code Idempotency-Key} was committed
 *     and this one wrote nothing
 */
@Schema(description = "Events committed for a webhook request.")
public record WebhookAccepted(
        @Schema(description = "Events of the request now in the dataset.")
        long accepted,

        @Schema(description = "The snapshot that committed them.")
        long snapshot,

        @Schema(
                description = "True when a request with the same Idempotency-Key was committed before; nothing was"
                        + " written again.")
        boolean duplicate) {}
