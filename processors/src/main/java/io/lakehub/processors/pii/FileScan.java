package io.lakehub.processors.pii;

import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Scans a file without ingesting it: reads it with the hub's own readers (CSV, JSON, NDJSON,
 * Parquet, text; format and charset detected as an ingest would) and feeds the batches to a {@link
 * PiiScanner} until every column's sample is complete or the file ends. Rows the reader cannot read
 * are skipped (counted in {@link Result#badRows()}), as a scan should classify what it can. Nothing
 * is written anywhere.
 */
public final class FileScan {
    private FileScan() {}

    /**
     * The result of a file scan.
     *
     * @param columns one classification per column, in file order
     * @param rowsRead rows read from the file (the read stops once every sample is complete)
     * @param badRows rows the reader could not read and skipped
     */
    public record Result(List<ColumnClassification> columns, long rowsRead, long badRows) {
        public Result {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Scans {@code file}.
     *
     * @throws io.lakehub.processors.read.ReadFailedException if the file cannot be read at all (its
     *     message names the file, never a value of it)
     */
    public static Result scan(Path file, ScanOptions options) {
        long[] bad = new long[1];
        try (BatchReader reader = BatchReaders.forFile(file, ReadOptions.detect());
                BufferAllocator allocator = new RootAllocator()) {
            reader.onBadRows(row -> bad[0]++);
            reader.open();
            PiiScanner scanner = new PiiScanner(reader.schema(), options);
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (!scanner.isDone() && reader.next(batch)) {
                    scanner.offer(batch);
                }
            }
            return new Result(scanner.result(), scanner.rows(), bad[0]);
        }
    }
}
