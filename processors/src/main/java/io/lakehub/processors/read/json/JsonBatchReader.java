package io.lakehub.processors.read.json;

import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;

/**
 * Reads a JSON array of objects ({@code [{"id": 1, ...}, ...]}), one row per object, streaming:
 * the array is never held in memory. Columns, types, nested values and failures are as described
 * in {@link JsonRecordReader}. A file whose top-level value is not an array is refused (a file of
 * objects is NDJSON), as is an element that is not an object, an empty array and content after the
 * closing bracket.
 */
public final class JsonBatchReader extends JsonRecordReader {

    public JsonBatchReader(Path file, ReadOptions options) {
        super(file, options, Layout.ARRAY);
    }
}
