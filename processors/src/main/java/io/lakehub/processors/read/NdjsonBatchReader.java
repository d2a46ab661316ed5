package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeSchema;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Placeholder until implemented. */
public final class NdjsonBatchReader implements BatchReader {
    public NdjsonBatchReader(Path file, ReadOptions options) {}

    @Override
    public void open() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public LakeSchema schema() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void readAs(LakeSchema target) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public int batchRows() {
        return 0;
    }

    @Override
    public long rowsRead() {
        return 0;
    }

    @Override
    public String contentHash() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {}
}
