package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.WebhookAccepted;
import io.lakehub.app.webhooks.HubWebhooks;
import io.lakehub.app.webhooks.RawBodyFilter;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/webhooks/{pipeline}}: events into a {@code from: webhook} pipeline's dataset,
 * answered 202 only once they are committed (group commit, ADR 0023). In order: 404 (no such
 * webhook pipeline), 413 (body over {@code lakehub.webhooks.max-body-size}), 401 (signature or token),
 * 400 (bad {@code Idempotency-Key}, malformed body naming line/offset), 415 (Content-Type), 503 with
 * {@code Retry-After} (back-pressure, commit not confirmed in time, catalog unavailable), 422 (the
 * events do not fit the dataset or a step refused them). Nothing of a refused request is written.
 */
@RestController
@Tag(name = "Webhooks", description = "Events pushed into from: webhook pipelines")
public class WebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    /** The request header naming a delivery for retries. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HubWebhooks webhooks;

    public WebhookController(HubWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Push events into a from: webhook pipeline; answered once they are committed",
            description = "The body is a JSON object, a JSON array of objects (application/json), NDJSON"
                    + " (application/x-ndjson) or CSV with a header line (text/csv). Authenticated by the pipeline's"
                    + " webhook.secret: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>, or"
                    + " Authorization: Bearer <secret>. Concurrent requests share one commit; 202 means the events"
                    + " are durable. With an Idempotency-Key, a retry is answered like the first request and"
                    + " writes nothing.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            description = "The events; signed as raw bytes",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @ApiResponse(responseCode = "202", description = "The events are committed (or were, for a duplicate).")
    @ApiResponse(
            responseCode = "400",
            description = "The body is malformed (the message names the line and offset) or the Idempotency-Key is"
                    + " not 1 to 200 printable characters; nothing was written.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "401",
            description = "The signature or token is missing or wrong; nothing was written.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No pipeline has this id, or it is not from: webhook.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "413",
            description = "The body is larger than lakehub.webhooks.max-body-size; nothing was written.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "415",
            description = "The Content-Type is not JSON, NDJSON or CSV; nothing was written.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "The events do not fit the dataset (a type conflict) or a step refused them; nothing was"
                    + " written.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/api/webhooks/{pipeline}")
    public ResponseEntity<?> receive(
            @PathVariable String pipeline,
            @Parameter(hidden = true) HttpServletRequest request,
            @RequestHeader(name = WebhookAuthentication.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @Parameter(
                            description =
                                    "Names this delivery: a retry with the same key is answered like the first and"
                                            + " writes nothing (1 to 200 printable ASCII characters)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        PipelineDefinition p = webhooks.pipeline(pipeline);
        byte[] body;
        try {
            body = RawBodyFilter.body(request).orElseThrow();
        } catch (RawBodyFilter.BodyTooLargeException e) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        }
        WebhookAuthentication.Verdict verdict =
                WebhookAuthentication.verify(p.webhookSourceSecret(), body, signature, authorization);
        if (!verdict.accepted()) {
            return error(HttpStatus.UNAUTHORIZED, verdict.reason());
        }
        if (idempotencyKey != null && !validKey(idempotencyKey)) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "Idempotency-Key must be 1 to " + IdempotencyKeys.MAX_LENGTH
                            + " printable ASCII characters; nothing was written.");
        }
        List<byte[]> events;
        try {
            events = WebhookPayloads.events(body, contentType);
        } catch (UnsupportedPayloadException e) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        } catch (MalformedPayloadException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
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
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new WebhookAccepted(ack.accepted(), ack.snapshotId(), ack.duplicate()));
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

    private ResponseEntity<ApiError> failed(Throwable cause) {
        if (cause instanceof CommitterBusyException busy) {
            return busy(busy.getMessage(), busy.retryAfter());
        }
        if (cause instanceof IngestRefusedException refused) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, refused.getMessage());
        }
        if (cause instanceof CatalogUnavailableException unavailable) {
            LOG.warn("A webhook commit failed: {}", unavailable.getMessage());
            return busy(unavailable.getMessage(), webhooks.properties().getRetryAfter());
        }
        LOG.error("A webhook commit failed unexpectedly; nothing of its requests was written", cause);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
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

    private static ResponseEntity<ApiError> busy(String message, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(new ApiError(message));
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }
}
