package io.lakehub.processors.ingest;

import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.ForwardingBatchSource;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hears how far the ingests on one thread have read: after every batch the source returned, the
 * rows it has read so far. The hub binds one around each ingest ({@link #bind}) to show a running
 * pipeline run's or inbox file's progress; the {@link Ingestor} looks it up once per attempt and
 * calls it once per batch (never per row), on the ingesting thread. An implementation must be
 * cheap and must not throw (a failure here would fail the ingest).
 */
@FunctionalInterface
public interface IngestProgress {

    /** Hears nothing: the default of a thread nobody watches. */
    IngestProgress NONE = rowsRead -> {};

    /**
     * A batch was read.
     *
     * @param rowsRead rows the source has returned so far in this attempt (a re-read after a
     *     widened column starts again from zero)
     */
    void batchRead(long rowsRead);

    /** What the ingests on this thread report to; {@link #NONE} unless bound. */
    static IngestProgress current() {
        IngestProgress p = Bound.CURRENT.get();
        return p == null ? NONE : p;
    }

    /**
     * Binds {@code progress} to this thread until the returned binding is closed (which puts back
     * what was bound before).
     */
    static Binding bind(IngestProgress progress) {
        Objects.requireNonNull(progress, "progress");
        IngestProgress previous = Bound.CURRENT.get();
        Bound.CURRENT.set(progress);
        return () -> {
            if (previous == null) {
                Bound.CURRENT.remove();
            } else {
                Bound.CURRENT.set(previous);
            }
        };
    }

    /**
     * {@code source} reporting to this thread's progress after each batch; {@code source} itself
     * when nothing listens, so an unwatched ingest pays nothing.
     */
    static BatchSource reporting(BatchSource source) {
        IngestProgress progress = current();
        return progress == NONE ? source : new Reporting(source, progress);
    }

    /** Ends a {@link #bind}. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Holder of the thread's binding (interfaces cannot have private static fields). */
    final class Bound {
        private static final ThreadLocal<IngestProgress> CURRENT = new ThreadLocal<>();

        private Bound() {}
    }

    /** A source that tells the progress after each batch. */
    final class Reporting extends ForwardingBatchSource {
        private final IngestProgress progress;

        private Reporting(BatchSource delegate, IngestProgress progress) {
            super(delegate);
            this.progress = progress;
        }

        @Override
        public boolean next(VectorSchemaRoot batch) {
            boolean more = delegate.next(batch);
            if (more) {
                progress.batchRead(delegate.rowsRead());
            }
            return more;
        }
    }
}
