package io.lakehub.processors.read;

import io.lakehub.processors.read.csv.CsvBatchReader;
import io.lakehub.processors.read.json.JsonBatchReader;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import io.lakehub.processors.read.parquet.ParquetBatchReader;
import io.lakehub.processors.read.text.TextBatchReader;
import java.nio.file.Path;

/** Picks the reader for a source: the format given in the options, else detected from the file. */
public final class BatchReaders {
    private BatchReaders() {}

    /** A reader for {@code file}, not yet opened. */
    public static BatchReader forFile(Path file, ReadOptions options) {
        Format format = options.format() != null ? options.format() : FormatDetection.detect(file);
        return switch (format) {
            case CSV -> new CsvBatchReader(file, options);
            case JSON -> new JsonBatchReader(file, options);
            case NDJSON -> new NdjsonBatchReader(file, options);
            case PARQUET -> new ParquetBatchReader(file, options);
            case TEXT -> new TextBatchReader(file, options);
        };
    }
}
