package io.lakehub.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;

/**
 * The baseline process of {@link StartupBenchmark}: DuckDB's own CSV to Parquet conversion as a
 * whole process, standing in for the {@code duckdb} command-line tool (not installed on these
 * machines): {@code COPY (FROM read_csv(IN)) TO OUT (FORMAT parquet, COMPRESSION zstd)} through
 * duckdb_jdbc. Prints the in-process seconds of the COPY alone on stdout, so that the benchmark can
 * report both the whole process and the conversion.
 *
 * <pre>
 * java -cp ... io.lakehub.benchmarks.DuckDbCsvToParquet IN.csv OUT.parquet
 * </pre>
 */
public final class DuckDbCsvToParquet {
    private DuckDbCsvToParquet() {}

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = connection.createStatement()) {
            long t = System.nanoTime();
            s.execute("COPY (FROM read_csv('" + in + "')) TO '" + out + "' (FORMAT parquet, COMPRESSION zstd)");
            System.out.printf(Locale.ROOT, "%.3f%n", (System.nanoTime() - t) / 1e9);
        }
    }
}
