package io.lakehub.app.webhooks;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.WebhookAccepted;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.schedules.UnknownPipelineException;
import io.lakehub.schedules.pipeline.WebhookAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Answers {@code POST /api/webhooks/{pipeline}} itself, right after {@link RawBodyFilter} kept the
 * body, instead of passing it on to Spring MVC: the dispatch (handler lookup, argument resolution,
 * content negotiation, message converters) cost about as much CPU per request as the rest of the
 * request put together, and the webhook path is the one the hub must take thousands of times a
 * second (ADR 0033). The answers are those of {@link WebhookReceiver}, the same the {@code
 * WebhookController} gives; anything else under {@code /api/webhooks/} (another method, a nested
 * path) goes on to Spring MVC as before.
 */
public final class WebhookFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookFilter.class);
    private static final String PREFIX = "/api/webhooks/";

    private final WebhookReceiver receiver;

    public WebhookFilter(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /** The pipeline id of a webhook request's path, or null when this filter does not answer it. */
    static String pipeline(String method, String path) {
        if (!"POST".equals(method) || !path.startsWith(PREFIX)) {
            return null;
        }
        String segment = path.substring(PREFIX.length());
        if (segment.isEmpty() || segment.indexOf('/') >= 0 || segment.indexOf(';') >= 0) {
            return null;
        }
        return UriUtils.decode(segment, StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return pipeline(request.getMethod(), path(request)) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String pipeline = pipeline(request.getMethod(), path(request));
        byte[] body;
        String tooLarge = null;
        try {
            body = RawBodyFilter.body(request).orElseThrow();
        } catch (RawBodyFilter.BodyTooLargeException e) {
            body = null;
            tooLarge = e.getMessage();
        }
        WebhookReceiver.Reply reply;
        try {
            reply = receiver.receive(
                    pipeline,
                    body,
                    tooLarge,
                    request.getHeader(WebhookAuthentication.SIGNATURE_HEADER),
                    request.getHeader("Authorization"),
                    request.getHeader("Idempotency-Key"),
                    request.getContentType());
        } catch (UnknownPipelineException e) {
            reply = WebhookReceiver.error(404, e.getMessage());
        } catch (CatalogUnavailableException e) {
            LOG.warn("Catalog unavailable: {}", e.getMessage(), e);
            reply = WebhookReceiver.error(503, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("A webhook request to pipeline {} failed unexpectedly; nothing of it was written", pipeline, e);
            reply = WebhookReceiver.error(
                    500,
                    "The request failed (" + e.getClass().getSimpleName() + "); nothing was written, see the hub log.");
        }
        write(response, reply);
    }

    private static void write(HttpServletResponse response, WebhookReceiver.Reply reply) throws IOException {
        byte[] json = json(reply.body());
        response.setStatus(reply.status());
        response.setContentType("application/json");
        String retryAfter = reply.retryAfterSeconds();
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** The JSON of an answer, as Spring MVC's converter writes it: {@code {"accepted":1,"snapshot":7,"duplicate":false}}. */
    static byte[] json(Object body) throws IOException {
        if (body instanceof WebhookAccepted a) {
            // Written by hand: the 202 is the answer sent thousands of times a second.
            return ("{\"accepted\":" + a.accepted() + ",\"snapshot\":" + a.snapshot() + ",\"duplicate\":"
                            + a.duplicate() + "}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        if (body instanceof ApiError e) {
            return ("{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(e.error())) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("Not a webhook answer: " + body);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
