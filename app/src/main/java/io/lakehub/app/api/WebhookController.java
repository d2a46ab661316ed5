package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.webhooks.RawBodyFilter;
import io.lakehub.app.webhooks.WebhookReceiver;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
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
 *
 * <p>The {@code WebhookFilter} answers these requests before Spring MVC dispatches them (ADR 0033),
 * with the same {@link WebhookReceiver}; this controller documents the endpoint (OpenAPI) and answers
 * where that filter is not installed.
 */
@RestController
@Tag(name = "Webhooks", description = "Events pushed into from: webhook pipelines")
public class WebhookController {
    /** The request header naming a delivery for retries. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final WebhookReceiver receiver;

    public WebhookController(WebhookReceiver receiver) {
        this.receiver = receiver;
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
        byte[] body;
        String tooLarge = null;
        try {
            body = RawBodyFilter.body(request).orElseThrow();
        } catch (RawBodyFilter.BodyTooLargeException e) {
            body = null;
            tooLarge = e.getMessage();
        }
        WebhookReceiver.Reply reply =
                receiver.receive(pipeline, body, tooLarge, signature, authorization, idempotencyKey, contentType);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status());
        if (reply.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, reply.retryAfterSeconds());
        }
        return answer.body(reply.body());
    }
}
