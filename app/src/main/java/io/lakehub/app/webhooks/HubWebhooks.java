package io.lakehub.app.webhooks;

import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.stream.Ack;
import io.lakehub.processors.stream.GroupCommitter;
import io.lakehub.routes.component.LakehubConstants;
import io.lakehub.routes.webhook.WebhookEventWriter;
import io.lakehub.schedules.UnknownPipelineException;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * The hub's webhook sources: one {@link GroupCommitter} per {@code from: webhook} pipeline, created
 * on its first request and replaced (the old one commits what waits, then stops) when the
 * pipeline's definition changes. Each batch goes through the pipeline's own {@code lakehub:}
 * endpoint, so its steps, mode and key apply as to any source of the pipeline.
 */
public final class HubWebhooks implements AutoCloseable {
    private final HubPipelines pipelines;
    private final Catalog catalog;
    private final CamelContext camel;
    private final WebhookProperties properties;
    private final Path spool;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;

    /**
     * @param spool a folder for the batches' spool files
     */
    public HubWebhooks(
            HubPipelines pipelines, Catalog catalog, CamelContext camel, WebhookProperties properties, Path spool) {
        this.pipelines = pipelines;
        this.catalog = catalog;
        this.camel = camel;
        this.properties = properties;
        this.spool = spool;
    }

    /**
     * The {@code from: webhook} pipeline of this id.
     *
     * @throws UnknownPipelineException no pipeline has this id, or it is not {@code from: webhook}
     */
    public PipelineDefinition pipeline(String id) {
        PipelineDefinition p = pipelines.definition(id);
        if (!p.isWebhookSource()) {
            throw new UnknownPipelineException("Pipeline '" + id + "' is not from: webhook, so it takes no events at"
                    + " /api/webhooks/" + id + "; nothing was written.");
        }
        return p;
    }

    /** The settings the API answers with (body limit, timeouts). */
    public WebhookProperties properties() {
        return properties;
    }

    /**
     * Queues the events of one request for the pipeline's next commit.
     *
     * @throws io.lakehub.processors.stream.CommitterBusyException back-pressure; nothing was queued
     */
    public CompletableFuture<Ack> submit(PipelineDefinition p, List<byte[]> events, String idempotencyKey) {
        Source source = sources.compute(p.id(), (id, old) -> {
            if (old != null && old.definition.equals(p)) {
                return old;
            }
            if (old != null) {
                // Commits what waits, then stops; not on the request's thread.
                Thread.ofVirtual().name("webhook-close-" + id).start(old.committer::close);
            }
            return new Source(
                    p, new GroupCommitter<>(WebhookEventWriter.scope(id), writer(p), properties.groupCommit()));
        });
        return source.committer.submit(events, idempotencyKey);
    }

    private WebhookEventWriter writer(PipelineDefinition p) {
        // Resolved on the first batch and kept for this definition: Camel's lookup by URI normalises
        // the URI on every call, a few percent of a commit's CPU (ADR 0033).
        AtomicReference<Endpoint> endpoint = new AtomicReference<>();
        return new WebhookEventWriter(
                p.id(),
                p.into(),
                catalog,
                spool,
                (events, keys) -> ingest(
                        p,
                        endpoint.updateAndGet(e -> e != null ? e : camel.getEndpoint(pipelines.lakehubUri(p))),
                        events,
                        keys));
    }

    /** One batch through the pipeline's {@code lakehub:} endpoint; its failure is rethrown as it is. */
    private IngestResult ingest(PipelineDefinition p, Endpoint endpoint, BatchSource events, IdempotencyKeys keys) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(events);
        exchange.getMessage().setHeader(LakehubConstants.SOURCE_URI, "webhook:/api/webhooks/" + p.id());
        if (keys != null) {
            exchange.getMessage().setHeader(LakehubConstants.IDEMPOTENCY_KEYS, keys);
        }
        producer().send(endpoint, exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        var message = exchange.getMessage();
        return new IngestResult(
                IngestResult.Outcome.valueOf(message.getHeader(LakehubConstants.OUTCOME, String.class)),
                p.into().value(),
                message.getHeader(LakehubConstants.SNAPSHOT_ID, 0L, Long.class),
                message.getHeader(LakehubConstants.ROWS, 0L, Long.class),
                List.of(),
                null,
                List.of());
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    /** Commits what waits in every pipeline's queue, then stops their writers. */
    @Override
    public void close() {
        sources.values().forEach(s -> s.committer.close());
        sources.clear();
    }

    private record Source(PipelineDefinition definition, GroupCommitter<byte[]> committer) {}
}
