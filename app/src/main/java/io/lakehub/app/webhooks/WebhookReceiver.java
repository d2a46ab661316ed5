package io.lakehub.app.webhooks;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.WebhookAccepted;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.stream.Ack;
import io.lakehub.processors.stream.CommitterBusyException;
import io.lakehub.routes.webhook.MalformedPayloadException;
import io.lakehub.routes.webhook.UnsupportedPayloadException;
import io.lakehub.routes.webhook.WebhookPayloads;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook request from its raw parts to its answer, without any web framework: 413, 401, 400,
 * 415, then the group commit and 202 once durable, or 503 with {@code Retry-After} / 422 / 500.
 * Shared by {@link WebhookFilter} (the path every request takes, ADR 0033) and {@code
 * WebhookController} (which documents the endpoint and answers when the filter is not installed), so
 * both give the same statuses and bodies.
 */
public final class WebhookReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final HubWebhooks webhooks;

    public WebhookReceiver(HubWebhooks webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    }

    /**
     * An answer: its status, its JSON body ({@link WebhookAccepted} or {@link ApiError}) and, for a
     * 503, how long the sender should wait.
     *
     * @param retryAfter null unless the status is 503
     */
    public record Reply(int status, Object body, Duration retryAfter) {
        /** The {@code Retry-After} header's value in whole seconds (at least 1), or null. */
        public String retryAfterSeconds() {
            return retryAfter == null ? null : Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
    }

    /**
     * Receives one request; blocks until its events are committed or refused.
     *
     * @param body the raw body, or null when it was larger than the limit
     * @throws io.lakehub.schedules.UnknownPipelineException no {@code from: webhook} pipeline has this id (404)
     */
    public Reply receive(
            String pipeline,
            byte[] body,
            String tooLargeMessage,
            String signature,
            String authorization,
            String idempotencyKey,
            String contentType) {
        PipelineDefinition p = webhooks.pipeline(pipeline);
        if (body == null) {
            return error(413, tooLargeMessage);
        }
        WebhookAuthentication.Verdict verdict =
                WebhookAuthentication.verify(p.webhookSourceSecret(), body, signature, authorization);
        if (!verdict.accepted()) {
            return error(401, verdict.reason());
        }
        if (idempotencyKey != null && !validKey(idempotencyKey)) {
            return error(
                    400,
                    "Idempotency-Key must be 1 to " + IdempotencyKeys.MAX_LENGTH
                            + " printable ASCII characters; nothing was written.");
        }
        List<byte[]> events;
        try {
            events = WebhookPayloads.events(body, contentType);
        } catch (UnsupportedPayloadException e) {
            return error(415, e.getMessage());
        } catch (MalformedPayloadException e) {
            return error(400, e.getMessage());
        }
        Duration timeout = webhooks.properties().getCommitTimeout();
        CompletableFuture<Ack> committed;
        try {
            committed = webhooks.submit(p, events, idempotencyKey);
        } catch (CommitterBusyException e) {
            return busy(e.getMessage(), e.retryAfter());
        }
        try {
            Ack ack = committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Reply(202, new WebhookAccepted(ack.accepted(), ack.snapshotId(), ack.duplicate()), null);
        } catch (TimeoutException e) {
            return busy(
                    "The commit of this request was not confirmed within " + timeout
                            + " (lakehub.webhooks.commit-timeout);"
                            + " its events may still be committed: retry with the same Idempotency-Key.",
                    webhooks.properties().getRetryAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy(
                    "The hub is stopping; retry with the same Idempotency-Key.",
                    webhooks.properties().getRetryAfter());
        } catch (ExecutionException e) {
            return failed(e.getCause() == null ? e : e.getCause());
        }
    }

    private Reply failed(Throwable cause) {
        if (cause instanceof CommitterBusyException busy) {
            return busy(busy.getMessage(), busy.retryAfter());
        }
        if (cause instanceof IngestRefusedException refused) {
            return error(422, refused.getMessage());
        }
        if (cause instanceof CatalogUnavailableException unavailable) {
            LOG.warn("A webhook commit failed: {}", unavailable.getMessage());
            return busy(unavailable.getMessage(), webhooks.properties().getRetryAfter());
        }
        LOG.error("A webhook commit failed unexpectedly; nothing of its requests was written", cause);
        return error(
                500,
                "The commit failed (" + cause.getClass().getSimpleName() + "); nothing was written, see the hub log."
                        + " Retry with the same Idempotency-Key.");
    }

    private static boolean validKey(String key) {
        if (key.isEmpty() || key.length() > IdempotencyKeys.MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** A 503 telling the sender when to retry. */
    static Reply busy(String message, Duration retryAfter) {
        return new Reply(503, new ApiError(message), retryAfter);
    }

    static Reply error(int status, String message) {
        return new Reply(status, new ApiError(message), null);
    }
}
