package io.lakehub.app.metrics;

import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub's {@link IngestService} with meters around it: every entry into the lake (inbox,
 * pipelines, HTTP) passes here, so rows and source bytes per dataset, the outcome and duration of
 * each ingest, and the ingests in progress ({@code lakehub.ingest.active}) are counted in one place.
 * Results and exceptions pass through unchanged.
 */
public final class MeteredIngestService implements IngestService {
    /** Ingests running right now. */
    public static final String ACTIVE = "lakehub.ingest.active";

    private final IngestService delegate;
    private final HubMetrics metrics;
    private final AtomicInteger active = new AtomicInteger();

    public MeteredIngestService(IngestService delegate, HubMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
        Gauge.builder(ACTIVE, active, AtomicInteger::get)
                .description("Ingests in progress (queued work being done now)")
                .register(metrics.registry());
    }

    @Override
    public IngestResult ingest(IngestRequest request) {
        String dataset = request.dataset().value();
        long bytes = sourceBytes(request);
        long start = System.nanoTime();
        active.incrementAndGet();
        try {
            IngestResult result = delegate.ingest(request);
            metrics.ingested(dataset, result, bytes, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (RuntimeException e) {
            metrics.ingestFailed(dataset, e, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } finally {
            active.decrementAndGet();
        }
    }

    /** The source file's size; 0 for a source that is not a file (a database poller) or is gone. */
    private static long sourceBytes(IngestRequest request) {
        if (request.file() == null) {
            return 0;
        }
        try {
            return Files.size(request.file());
        } catch (IOException e) {
            // Unreadable files are refused by the ingest itself, with the reason; the meter just has no size.
            return 0;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
