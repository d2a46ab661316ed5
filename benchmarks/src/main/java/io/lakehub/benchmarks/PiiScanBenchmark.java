package io.lakehub.benchmarks;

import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.pii.ColumnClassification;
import io.lakehub.processors.pii.PiiScanner;
import io.lakehub.processors.pii.ScanOptions;
import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What the PII scan costs on the CSV ingest benchmark's file (1M rows, 11 columns, the same seed as
 * {@link CsvIngestBenchmark}): the file is read batch by batch as an ingest reads it and every batch
 * is offered to a {@link PiiScanner}; the time spent inside {@code offer} is measured apart from the
 * reading, as is the time of the offers after every column's sample was complete.
 *
 * <pre>
 * bench/run PiiScanBenchmark [--rows N] [--work DIR] [--runs N]
 * </pre>
 */
public final class PiiScanBenchmark {
    public static void main(String[] args) throws IOException {
        long rows = 1_000_000;
        Path work = Path.of("bench-work"); // shared with CsvIngestBenchmark (same file, same seed)
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + "; use --rows N, --work DIR, --runs N");
            }
        }
        Path csv = CsvBenchmarkData.ensure(work.resolve("ingest-" + rows + "-seed42.csv"), rows, 42);
        for (int run = 1; run <= runs; run++) {
            long readNanos = 0;
            long scanNanos = 0;
            long afterDoneNanos = 0;
            long afterDoneBatches = 0;
            long batches = 0;
            PiiScanner scanner;
            try (BatchReader reader = BatchReaders.forFile(csv, ReadOptions.detect());
                    BufferAllocator allocator = new RootAllocator()) {
                long t = System.nanoTime();
                reader.open();
                scanner = new PiiScanner(reader.schema(), ScanOptions.DEFAULTS);
                try (VectorSchemaRoot batch =
                        VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                    while (reader.next(batch)) {
                        long s = System.nanoTime();
                        readNanos += s - t;
                        boolean done = scanner.isDone();
                        scanner.offer(batch);
                        t = System.nanoTime();
                        scanNanos += t - s;
                        if (done) {
                            afterDoneNanos += t - s;
                            afterDoneBatches++;
                        }
                        batches++;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "run %d: %d rows, %d batches: read %.0f ms, scan %.1f ms (%.1f%% of the read); after the samples were"
                            + " complete %d batches cost %.3f ms in all%n",
                    run,
                    scanner.rows(),
                    batches,
                    readNanos / 1e6,
                    scanNanos / 1e6,
                    100.0 * scanNanos / readNanos,
                    afterDoneBatches,
                    afterDoneNanos / 1e6);
            if (run == runs) {
                for (ColumnClassification c : scanner.result()) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %-12s %-15s %.2f  sampled %d%n",
                            c.column(),
                            c.pii() == null ? "-" : c.pii(),
                            c.confidence(),
                            c.sampled());
                }
            }
        }
    }
}
