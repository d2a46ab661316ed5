package io.lakehub.processors.read.json;

import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;

/**
 * Reads NDJSON / JSON Lines: one JSON object per line, one row per object, streaming. Blank lines
 * are skipped. Leniently, an object may span several lines and several objects may share a line
 * (so a pretty-printed single object is one record); line numbers in errors are physical lines.
 * A top-level value that is not an object is refused. Columns, types, nested values and failures
 * are as described in {@link JsonRecordReader}.
 */
public final class NdjsonBatchReader extends JsonRecordReader {

    public NdjsonBatchReader(Path file, ReadOptions options) {
        super(file, options, Layout.LINES);
    }
}
