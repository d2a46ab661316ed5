package io.lakehub.processors.parquet;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.testing.Batches;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBDriver;

/**
 * Writes a file with every column type through {@link ParquetBatchWriter} (each codec), then reads
 * it back with DuckDB. {@link HadoopFreeTest} runs
 * it in a class loader that has no Hadoop jar, so any Hadoop class touched on the way fails it.
 */
public final class HadoopFreeProbe {
    private HadoopFreeProbe() {}

    /** One line per codec: {@code <codec> <rows written> <rows read> <string of row 1> <sum(l)> <count(j)>}. */
    public static List<String> run(Path lake) throws Exception {
        LakeSchema schema = LakeSchema.of(
                LakeField.nullable("b", LakeType.BOOLEAN),
                LakeField.nullable("i", LakeType.INT),
                LakeField.nullable("l", LakeType.BIGINT),
                LakeField.nullable("d", LakeType.DOUBLE),
                LakeField.nullable("day", LakeType.DATE),
                LakeField.nullable("ts", LakeType.TIMESTAMP),
                LakeField.nullable("s", LakeType.STRING),
                LakeField.nullable("j", LakeType.JSON));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Arrays.asList(
                    i % 2 == 0,
                    i,
                    (long) i * 1_000_000_000L,
                    i / 4.0,
                    LocalDate.ofEpochDay(i),
                    Instant.ofEpochSecond(i),
                    i % 7 == 0 ? null : "text " + i,
                    "{\"n\":" + i + "}"));
        }
        List<String> result = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = Batches.of(allocator, schema, rows)) {
            for (ParquetCodec codec : ParquetCodec.values()) {
                NewDataFile file;
                try (ParquetBatchWriter writer = ParquetBatchWriter.create(
                        schema, ParquetWriteOptions.defaults().withCodec(codec), lake, lake.resolve("probe"))) {
                    writer.write(batch);
                    file = writer.finish();
                }
                result.add(codec + " " + file.rowCount() + " " + readBack(lake.resolve(file.relativePath())));
            }
        }
        return result;
    }

    /**
     * Reads the file back with DuckDB, the engine the lake is queried with. (parquet-java's own
     * reader cannot be used Hadoop-free in 1.16: building its {@code ParquetReadOptions} loads
     * {@code ParquetInputFormat}, a Hadoop {@code FileInputFormat}; upstream GH-3780.)
     */
    private static String readBack(Path file) throws Exception {
        // The driver directly: DriverManager only sees drivers of the test's own class loader.
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(s) FILTER (WHERE i = 1), sum(l), count(j)"
                        + " FROM read_parquet('" + file + "')")) {
            rs.next();
            return rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getLong(4);
        }
    }
}
