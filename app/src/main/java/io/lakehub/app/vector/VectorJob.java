package io.lakehub.app.vector;

import io.lakehub.app.api.document.VectorJobDocument;
import io.lakehub.vector.index.RefreshListener;
import io.lakehub.vector.index.RefreshResult;
import java.time.Instant;

/**
 * One background refresh of a vector index, followed by {@code GET /api/jobs/{id}} and listed by {@code GET
 * /api/index-jobs}. Thread-safe.
 */
public final class VectorJob implements RefreshListener {
    /** The {@code kind} of its document. */
    public static final String KIND = "index-refresh";

    private final String id;
    private final String index;
    private final Instant queuedAt = Instant.now();
    private volatile String status = "queued";
    private volatile String phase = "reading";
    private volatile long done;
    private volatile long total;
    private volatile Instant startedAt;
    private volatile Instant embeddingStarted;
    private volatile Instant finishedAt;
    private volatile RefreshResult result;
    private volatile String error;

    VectorJob(String id, String index) {
        this.id = id;
        this.index = index;
    }

    public String id() {
        return id;
    }

    public String index() {
        return index;
    }

    public String status() {
        return status;
    }

    public RefreshResult result() {
        return result;
    }

    public String error() {
        return error;
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }

    public boolean finished() {
        return finishedAt != null;
    }

    /** Its document with the keys {@code GET /api/index-jobs} orders it by, read once. */
    IndexJobs.Entry listed() {
        VectorJobDocument d = document();
        return new IndexJobs.Entry(index, d.status(), queuedAt, startedAt, finishedAt, id, d);
    }

    void started() {
        startedAt = Instant.now();
        status = "running";
    }

    @Override
    public void embedded(int done, int total) {
        if (embeddingStarted == null) {
            embeddingStarted = Instant.now();
        }
        phase = "embedding";
        this.total = total;
        this.done = done;
    }

    /** Another hub builds the index now: this job waits for that build, then decides afresh (ADR 0047). */
    void waiting() {
        phase = "waiting";
    }

    /** This job holds the index's build lease and reads the dataset. */
    void reading() {
        phase = "reading";
    }

    @Override
    public void building(int chunks) {
        phase = "building";
    }

    void succeeded(RefreshResult r) {
        result = r;
        if (total == 0) {
            total = r.embeddedChunks();
            done = r.embeddedChunks();
        }
        phase = "done";
        finishedAt = Instant.now();
        status = "succeeded";
    }

    void failed(String reason) {
        error = reason;
        finishedAt = Instant.now();
        status = "failed";
    }

    public VectorJobDocument document() {
        Instant from = embeddingStarted;
        Instant to = finishedAt == null ? Instant.now() : finishedAt;
        double seconds = from == null ? 0 : Math.max(1, to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
        double rate = seconds == 0 ? 0 : done / seconds;
        Double eta = finishedAt != null ? Double.valueOf(0) : rate > 0 && total > 0 ? (total - done) / rate : null;
        RefreshResult r = result;
        return new VectorJobDocument(
                id,
                id,
                KIND,
                index,
                status,
                phase,
                done,
                total,
                Math.round(rate * 10) / 10.0,
                eta,
                startedAt == null ? null : startedAt.toString(),
                finishedAt == null ? null : finishedAt.toString(),
                r == null ? null : r.rows(),
                r == null ? null : r.addedRows(),
                r == null ? null : r.changedRows(),
                r == null ? null : r.removedRows(),
                r == null ? null : r.embeddedChunks(),
                r == null ? null : r.upToDate(),
                r == null ? null : r.elapsed().toMillis(),
                error);
    }
}
