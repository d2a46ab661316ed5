package io.lakehub.processors.read;

import io.lakehub.processors.read.csv.CsvBatchReader;
import io.lakehub.processors.read.json.JsonBatchReader;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import io.lakehub.processors.read.parquet.ParquetBatchReader;
import io.lakehub.processors.read.text.TextBatchReader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Picks the reader for a source: the format given in the options, else detected from the file. A
 * registry keyed by {@link Format}: a new format is its enum constant, its detection and one line
 * in {@link #READERS}.
 */
public final class BatchReaders {
    private static final Map<Format, BiFunction<Path, ReadOptions, BatchReader>> READERS = readers();

    private BatchReaders() {}

    private static Map<Format, BiFunction<Path, ReadOptions, BatchReader>> readers() {
        Map<Format, BiFunction<Path, ReadOptions, BatchReader>> readers = new EnumMap<>(Format.class);
        readers.put(Format.CSV, CsvBatchReader::new);
        readers.put(Format.JSON, JsonBatchReader::new);
        readers.put(Format.NDJSON, NdjsonBatchReader::new);
        readers.put(Format.PARQUET, ParquetBatchReader::new);
        readers.put(Format.TEXT, TextBatchReader::new);
        return Collections.unmodifiableMap(readers);
    }

    /** A reader for {@code file}, not yet opened. */
    public static BatchReader forFile(Path file, ReadOptions options) {
        Format format = options.format() != null ? options.format() : FormatDetection.detect(file);
        BiFunction<Path, ReadOptions, BatchReader> reader = READERS.get(format);
        if (reader == null) {
            // Only a Format added without its line above gets here: a bug in the hub, not the file.
            throw new IllegalStateException("No reader is registered for the format " + format.displayName());
        }
        return reader.apply(file, options);
    }

    /** The formats a reader is registered for: every {@link Format} (a test holds the registry to that). */
    public static Set<Format> formats() {
        return Collections.unmodifiableSet(READERS.keySet());
    }
}
