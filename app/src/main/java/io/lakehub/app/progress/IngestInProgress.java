package io.lakehub.app.progress;

import io.lakehub.app.api.document.IngestDocument;
import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.processors.ingest.IngestRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One ingest in progress: what it reads into which dataset, since when, and how far it has got.
 * The rows are set by the ingesting thread once per batch; everything else is computed when asked.
 */
final class IngestInProgress {
    static final String BYTES = "bytes";
    static final String ROWS = "rows";

    private final long id;
    private final String dataset;
    private final String pipeline;
    private final String source;
    private final String actor;
    private final Instant startedAt;
    private final Clock clock;
    /** The file's size; 0 for a source that is not a file (a database poll) or whose size is unknown. */
    private final long size;

    private final FileReadPosition position;
    private volatile long rows;

    private IngestInProgress(
            long id,
            String dataset,
            String pipeline,
            String source,
            String actor,
            Instant startedAt,
            Clock clock,
            long size,
            FileReadPosition position) {
        this.id = id;
        this.dataset = dataset;
        this.pipeline = pipeline;
        this.source = source;
        this.actor = actor;
        this.startedAt = startedAt;
        this.clock = clock;
        this.size = size;
        this.position = position;
    }

    static IngestInProgress start(long id, IngestRequest request, Clock clock, long pid) {
        Path file = request.file();
        long size = 0;
        if (file != null) {
            try {
                size = Files.size(file);
            } catch (IOException e) {
                // The ingest refuses an unreadable file itself, with the reason; progress just has no size.
            }
        }
        return new IngestInProgress(
                id,
                request.dataset().value(),
                request.pipeline(),
                Redaction.redactUri(request.describeSource()),
                request.actor(),
                clock.instant(),
                clock,
                size,
                size > 0 ? new FileReadPosition(pid, file) : null);
    }

    long id() {
        return id;
    }

    String pipeline() {
        return pipeline;
    }

    /** Called by the ingest loop after each batch: at most a volatile write. */
    void batchRead(long rowsRead) {
        rows = rowsRead;
    }

    /**
     * Bytes read of the file's size while the file is open and its position can be seen (Linux), else
     * the rows read so far without a total.
     */
    ProgressDocument progress() {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        long r = rows;
        if (position != null) {
            OptionalLong read = position.get();
            if (read.isPresent()) {
                return ProgressDocument.of(Math.min(read.getAsLong(), size), size, BYTES, elapsed, r);
            }
        }
        return ProgressDocument.of(r, null, ROWS, elapsed, r);
    }

    IngestDocument document() {
        return new IngestDocument(dataset, pipeline, source, actor, startedAt.toString(), progress());
    }
}
