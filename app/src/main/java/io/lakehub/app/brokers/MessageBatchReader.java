package io.lakehub.app.brokers;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.read.BadRowHandler;
import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch of broker messages, spooled as NDJSON (one message per line), read by the NDJSON reader.
 * Two differences from a file: it has no content hash, because two batches holding the same bytes
 * are two sets of events (a sensor sending the same reading twice), not a re-delivered file; and
 * it has no position (its message ids travel as idempotency keys, {@link
 * GroupCommitMessageCommitter}). Opening it again starts over, as the ingest needs when it re-reads
 * to widen a column.
 */
public final class MessageBatchReader implements BatchReader {
    private final Path file;
    private final String sourceName;
    private BadRowHandler badRows;
    private BatchReader delegate;

    public MessageBatchReader(Path file, String sourceName) {
        this.file = file;
        this.sourceName = sourceName;
    }

    @Override
    public void onBadRows(BadRowHandler handler) {
        this.badRows = handler;
        if (delegate != null) {
            delegate.onBadRows(handler);
        }
    }

    @Override
    public void open() {
        if (delegate != null) {
            delegate.close();
        }
        delegate = BatchReaders.forFile(file, ReadOptions.detect().withFormat(Format.NDJSON));
        if (badRows != null) {
            delegate.onBadRows(badRows);
        }
        delegate.open();
    }

    @Override
    public LakeSchema schema() {
        return delegate.schema();
    }

    @Override
    public void readAs(LakeSchema target) {
        delegate.readAs(target);
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        return delegate.next(batch);
    }

    @Override
    public int batchRows() {
        return delegate == null ? 8192 : delegate.batchRows();
    }

    @Override
    public long rowsRead() {
        return delegate == null ? 0 : delegate.rowsRead();
    }

    /** None: identical batches are distinct events, never duplicates of each other. */
    @Override
    public String contentHash() {
        return null;
    }

    /** None: the message ids are committed as idempotency keys instead. */
    @Override
    public Map<String, String> position() {
        return Map.of();
    }

    @Override
    public Map<String, String> facts() {
        return delegate == null ? Map.of() : delegate.facts();
    }

    @Override
    public String toString() {
        return sourceName;
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
            delegate = null;
        }
    }
}
