package io.lakehub.processors.read.json;

import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;

/**
 * Reads JSON: usually one array of objects ({@code [{"id": 1, ...}, ...]}), one row per object,
 * streaming: the array is never held in memory. The file is a sequence of top-level values: each
 * top-level array's elements are records, any other top-level value is one record, so arrays
 * written one after the other are one sequence of records. Content after a top-level value that is
 * not JSON is refused naming its offset. Columns, types, values that are not objects, repeated
 * keys, empty files and failures are as described in {@link JsonRecordReader}.
 */
public final class JsonBatchReader extends JsonRecordReader {

    public JsonBatchReader(Path file, ReadOptions options) {
        super(file, options, Layout.ARRAY);
    }
}
