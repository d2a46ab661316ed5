package io.lakehub.app.progress;

import io.lakehub.app.api.document.IngestDocument;
import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.processors.ingest.IngestProgress;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingests in progress in this process, each with how far it has got: the hub's inbox files,
 * its pipeline runs' files and database polls, ingests through the API, or a CLI command's own.
 * {@link #tracking} wraps the process's {@link IngestService}: each ingest is listed from its start
 * to its end, and its rows are fed once per batch by the ingest loop ({@link IngestProgress}); the
 * file's read position and the rate are computed only when someone asks. In memory only.
 */
public final class IngestsInProgress {
    private final Clock clock;
    private final long pid;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, IngestInProgress> active = new ConcurrentHashMap<>();

    public IngestsInProgress() {
        this(Clock.systemUTC());
    }

    IngestsInProgress(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pid = ProcessHandle.current().pid();
    }

    /** {@code delegate} with every ingest listed here while it runs; results and exceptions pass unchanged. */
    public IngestService tracking(IngestService delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return new IngestService() {
            @Override
            public IngestResult ingest(IngestRequest request) {
                IngestInProgress ingest = IngestInProgress.start(ids.incrementAndGet(), request, clock, pid);
                active.put(ingest.id(), ingest);
                try (IngestProgress.Binding bound = IngestProgress.bind(ingest::batchRead)) {
                    return delegate.ingest(request);
                } finally {
                    active.remove(ingest.id());
                }
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    /** Every ingest in progress now, oldest first, with its progress. */
    public List<IngestDocument> list() {
        return active.values().stream()
                .sorted(Comparator.comparingLong(IngestInProgress::id))
                .map(IngestInProgress::document)
                .toList();
    }

    /**
     * The progress of the pipeline's ingest in progress in this process (the file or poll its run is
     * reading now); empty when it is not ingesting here. A pipeline has at most one run at a time on
     * all hubs, so at most one of its ingests is in progress.
     */
    public Optional<ProgressDocument> ofPipeline(String pipelineId) {
        return active.values().stream()
                .filter(i -> pipelineId.equals(i.pipeline()))
                .min(Comparator.comparingLong(IngestInProgress::id))
                .map(IngestInProgress::progress);
    }

    /**
     * The run with the progress of its ingest in progress here, when it is a running pipeline run;
     * the run unchanged otherwise.
     */
    public RunDocument withProgress(RunDocument run) {
        if (!"running".equals(run.status()) || run.pipeline() == null) {
            return run;
        }
        return ofPipeline(run.pipeline()).map(run::withProgress).orElse(run);
    }
}
