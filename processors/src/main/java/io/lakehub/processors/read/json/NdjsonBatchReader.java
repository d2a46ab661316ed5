package io.lakehub.processors.read.json;

import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;

/**
 * Reads NDJSON / JSON Lines: one JSON value per line, one row per value, streaming. Blank lines
 * are skipped. Leniently, an object may span several lines and several objects may share a line
 * (so a pretty-printed single object is one record); line numbers in errors are physical lines. A
 * line that is not valid JSON is a bad row when a bad row handler is set (parsing resumes at the
 * next line), else refused. Columns, types, values that are not objects and failures are as
 * described in {@link JsonRecordReader}.
 */
public final class NdjsonBatchReader extends JsonRecordReader {

    public NdjsonBatchReader(Path file, ReadOptions options) {
        super(file, options, Layout.LINES);
    }
}
