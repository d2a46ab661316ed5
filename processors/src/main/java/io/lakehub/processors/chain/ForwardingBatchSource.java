package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeSchema;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link BatchSource} that hands every call to another one; a subclass overrides what it adds
 * (e.g. a key comparison around a database poller's rows).
 */
public abstract class ForwardingBatchSource implements BatchSource {
    protected final BatchSource delegate;

    protected ForwardingBatchSource(BatchSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public void open() {
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
        return delegate.batchRows();
    }

    @Override
    public long rowsRead() {
        return delegate.rowsRead();
    }

    @Override
    public Map<String, String> position() {
        return delegate.position();
    }

    @Override
    public Map<String, String> facts() {
        return delegate.facts();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
