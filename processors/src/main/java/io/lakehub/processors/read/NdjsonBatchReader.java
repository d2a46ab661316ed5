package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeSchema;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads NDJSON / JSON Lines: one JSON object per line, one row per object, streaming. Blank lines
 * are skipped. Leniently, an object may span several lines and several objects may share a line
 * (so a pretty-printed single object is one record); line numbers in errors are physical lines.
 * A top-level value that is not an object is refused. Columns, types, nested values and failures
 * are as described in {@link JsonRecordReader}.
 */
public final class NdjsonBatchReader implements BatchReader {
    private final JsonRecordReader reader;

    public NdjsonBatchReader(Path file, ReadOptions options) {
        this.reader = new JsonRecordReader(file, options, JsonRecordReader.Layout.LINES);
    }

    @Override
    public void open() {
        reader.open();
    }

    @Override
    public LakeSchema schema() {
        return reader.schema();
    }

    @Override
    public void readAs(LakeSchema target) {
        reader.readAs(target);
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        return reader.next(batch);
    }

    @Override
    public int batchRows() {
        return reader.batchRows();
    }

    @Override
    public long rowsRead() {
        return reader.rowsRead();
    }

    @Override
    public String contentHash() {
        return reader.contentHash();
    }

    @Override
    public void close() {
        reader.close();
    }
}
