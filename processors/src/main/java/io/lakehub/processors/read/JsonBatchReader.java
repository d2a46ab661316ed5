package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeSchema;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a JSON array of objects ({@code [{"id": 1, ...}, ...]}), one row per object, streaming:
 * the array is never held in memory. Columns, types, nested values and failures are as described
 * in {@link JsonRecordReader}. A file whose top-level value is not an array is refused (a file of
 * objects is NDJSON), as is an element that is not an object, an empty array and content after the
 * closing bracket.
 */
public final class JsonBatchReader implements BatchReader {
    private final JsonRecordReader reader;

    public JsonBatchReader(Path file, ReadOptions options) {
        this.reader = new JsonRecordReader(file, options, JsonRecordReader.Layout.ARRAY);
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
