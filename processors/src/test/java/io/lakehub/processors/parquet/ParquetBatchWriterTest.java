package io.lakehub.processors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.testing.Batches;
import io.lakehub.processors.testing.DuckDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetBatchWriterTest {
    static final LakeSchema ALL_TYPES = LakeSchema.of(
            LakeField.nullable("b", LakeType.BOOLEAN),
            LakeField.nullable("i", LakeType.INT),
            LakeField.nullable("l", LakeType.BIGINT),
            LakeField.nullable("d", LakeType.DOUBLE),
            LakeField.nullable("day", LakeType.DATE),
            LakeField.nullable("ts", LakeType.TIMESTAMP),
            LakeField.nullable("s", LakeType.STRING),
            LakeField.nullable("j", LakeType.JSON),
            LakeField.nullable("bin", LakeType.BINARY));

    @TempDir
    Path lake;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    private static List<List<Object>> sampleRows() {
        String longText = "ü€😀 ".repeat(50_000);
        return List.of(
                Arrays.asList(
                        true,
                        1,
                        5_000_000_000L,
                        1.5,
                        LocalDate.of(2024, 2, 29),
                        Instant.parse("2024-01-15T10:20:30.123456Z"),
                        "Zoë",
                        "{\"a\":[1,2]}",
                        new byte[] {0, 1, 2}),
                Arrays.asList(null, null, null, null, null, null, null, null, null),
                Arrays.asList(
                        false,
                        -7,
                        Long.MIN_VALUE,
                        -0.25,
                        LocalDate.of(1969, 12, 31),
                        Instant.parse("1969-12-31T23:59:59.999999Z"),
                        longText,
                        "null",
                        new byte[0]),
                Arrays.asList(
                        true,
                        Integer.MAX_VALUE,
                        Long.MAX_VALUE,
                        1e300,
                        LocalDate.of(9999, 12, 31),
                        Instant.parse("2262-01-01T00:00:00Z"),
                        "",
                        "[]",
                        null));
    }

    @Test
    void duckDbReadsBackValuesTypesNullsUnicodeAndLongStrings() {
        Path datasetDir = lake.resolve("things");
        NewDataFile file;
        try (VectorSchemaRoot batch = Batches.of(allocator, ALL_TYPES, sampleRows());
                ParquetBatchWriter writer =
                        ParquetBatchWriter.create(ALL_TYPES, ParquetWriteOptions.defaults(), lake, datasetDir)) {
            writer.write(batch);
            writer.write(batch);
            file = writer.finish();
        }
        assertThat(file.relativePath())
                .startsWith("things/")
                .endsWith(".parquet")
                .doesNotContain(".tmp-");
        assertThat(file.rowCount()).isEqualTo(8);
        Path path = lake.resolve(file.relativePath());
        assertThat(file.sizeBytes()).isEqualTo(size(path));

        assertThat(DuckDb.types(path))
                .containsExactly(
                        Map.entry("b", "BOOLEAN"),
                        Map.entry("i", "INTEGER"),
                        Map.entry("l", "BIGINT"),
                        Map.entry("d", "DOUBLE"),
                        Map.entry("day", "DATE"),
                        Map.entry("ts", "TIMESTAMP WITH TIME ZONE"),
                        Map.entry("s", "VARCHAR"),
                        Map.entry("j", "JSON"),
                        Map.entry("bin", "BLOB"));
        List<List<Object>> back =
                DuckDb.query("SELECT b, i, l, d, day, ts, s, j::VARCHAR, bin FROM read_parquet('" + path + "')");
        List<List<Object>> expected = new ArrayList<>(sampleRows());
        expected.addAll(sampleRows());
        assertThat(back).hasSize(8);
        for (int r = 0; r < 8; r++) {
            List<Object> got = new ArrayList<>(back.get(r));
            List<Object> want = new ArrayList<>(expected.get(r));
            assertThat(got.get(8) == null ? null : blob(got.get(8))).isEqualTo(want.get(8));
            assertThat(got.subList(0, 8)).as("row %d", r).isEqualTo(want.subList(0, 8));
        }
    }

    static final LakeSchema NEW_TYPES = LakeSchema.of(
            LakeField.decimal("small", 9, 2),
            LakeField.decimal("medium", 18, 6),
            LakeField.decimal("wide", 38, 10),
            LakeField.decimal("odd", 25, 0),
            LakeField.nullable("t", LakeType.TIME),
            LakeField.nullable("local", LakeType.LOCAL_TIMESTAMP),
            LakeField.nullable("id", LakeType.UUID),
            LakeField.list("tags", LakeType.STRING),
            LakeField.list("nums", LakeType.INT),
            LakeField.list("prices", LakeField.decimal("e", 20, 4)),
            LakeField.list("ids", LakeType.UUID),
            LakeField.list("stamps", LakeType.TIMESTAMP));

    private static List<List<Object>> newTypeRows() {
        BigDecimal max38 = new BigDecimal("9".repeat(28) + "." + "9".repeat(10));
        return List.of(
                Arrays.asList(
                        new BigDecimal("1234567.89"),
                        new BigDecimal("-123456789012.345678"),
                        max38,
                        new BigDecimal("-" + "9".repeat(25)),
                        LocalTime.of(23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        Arrays.asList("a", null, "ü€😀", ""),
                        Arrays.asList(1, -2, Integer.MIN_VALUE),
                        Arrays.asList(new BigDecimal("-0.0001"), null, new BigDecimal("9999999999999999.9999")),
                        List.of(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff")),
                        List.of(Instant.parse("1900-01-01T00:00:00Z"))),
                Arrays.asList(null, null, null, null, null, null, null, null, null, null, null, null),
                Arrays.asList(
                        new BigDecimal("-0.01"),
                        new BigDecimal("0.000001"),
                        max38.negate(),
                        BigDecimal.ONE,
                        LocalTime.MIDNIGHT,
                        LocalDateTime.of(1600, 1, 1, 0, 0),
                        UUID.fromString("00000000-0000-0000-0000-000000000001"),
                        List.of(),
                        Arrays.asList((Integer) null),
                        List.of(),
                        Arrays.asList((UUID) null),
                        List.of()),
                Arrays.asList(
                        new BigDecimal("-9999999.99"),
                        new BigDecimal("999999999999.999999"),
                        new BigDecimal("-0.0000000001"),
                        new BigDecimal("-1"),
                        LocalTime.of(0, 0, 0, 1000),
                        LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000),
                        UUID.fromString("80000000-0000-0000-8000-000000000000"),
                        List.of("only"),
                        null,
                        List.of(new BigDecimal("-1234567890123456.0000")),
                        null,
                        Arrays.asList(null, Instant.parse("2024-02-29T12:00:00.000001Z"))));
    }

    @Test
    void decimalsTimesLocalTimestampsUuidsAndListsReadBackExactlyInDuckDb() {
        NewDataFile file;
        try (VectorSchemaRoot batch = Batches.of(allocator, NEW_TYPES, newTypeRows());
                ParquetBatchWriter writer = ParquetBatchWriter.create(
                        NEW_TYPES, ParquetWriteOptions.defaults(), lake, lake.resolve("new"))) {
            writer.write(batch);
            file = writer.finish();
        }
        Path path = lake.resolve(file.relativePath());

        assertThat(DuckDb.types(path))
                .containsExactly(
                        Map.entry("small", "DECIMAL(9,2)"),
                        Map.entry("medium", "DECIMAL(18,6)"),
                        Map.entry("wide", "DECIMAL(38,10)"),
                        Map.entry("odd", "DECIMAL(25,0)"),
                        Map.entry("t", "TIME"),
                        Map.entry("local", "TIMESTAMP"),
                        Map.entry("id", "UUID"),
                        Map.entry("tags", "VARCHAR[]"),
                        Map.entry("nums", "INTEGER[]"),
                        Map.entry("prices", "DECIMAL(20,4)[]"),
                        Map.entry("ids", "UUID[]"),
                        Map.entry("stamps", "TIMESTAMP WITH TIME ZONE[]"));
        // Every value as DuckDB's text, which is exact for each of these types.
        List<List<Object>> back = DuckDb.query("SELECT small::VARCHAR, medium::VARCHAR, wide::VARCHAR, odd::VARCHAR,"
                + " t::VARCHAR, local::VARCHAR, id::VARCHAR, tags::VARCHAR, nums::VARCHAR, prices::VARCHAR,"
                + " ids::VARCHAR, stamps::VARCHAR, len(tags), tags IS NULL FROM read_parquet('" + path + "')");
        assertThat(back)
                .containsExactly(
                        Arrays.asList(
                                "1234567.89",
                                "-123456789012.345678",
                                "9999999999999999999999999999.9999999999",
                                "-9999999999999999999999999",
                                "23:59:59.999999",
                                "1969-07-20 20:17:40.123456",
                                "123e4567-e89b-12d3-a456-426614174000",
                                "[a, NULL, ü€😀, '']",
                                "[1, -2, -2147483648]",
                                "[-0.0001, NULL, 9999999999999999.9999]",
                                "[ffffffff-ffff-ffff-ffff-ffffffffffff]",
                                "['1900-01-01 00:00:00+00']",
                                4L,
                                false),
                        Arrays.asList(
                                null, null, null, null, null, null, null, null, null, null, null, null, null, true),
                        Arrays.asList(
                                "-0.01",
                                "0.000001",
                                "-9999999999999999999999999999.9999999999",
                                "1",
                                "00:00:00",
                                "1600-01-01 00:00:00",
                                "00000000-0000-0000-0000-000000000001",
                                "[]",
                                "[NULL]",
                                "[]",
                                "[NULL]",
                                "[]",
                                0L,
                                false),
                        Arrays.asList(
                                "-9999999.99",
                                "999999999999.999999",
                                "-0.0000000001",
                                "-1",
                                "00:00:00.000001",
                                "2262-04-11 23:47:16.854775",
                                "80000000-0000-0000-8000-000000000000",
                                "[only]",
                                null,
                                "[-1234567890123456.0000]",
                                null,
                                "[NULL, '2024-02-29 12:00:00.000001+00']",
                                1L,
                                false));
        assertThat(DuckDb.query("SELECT sum(small), sum(wide) FROM read_parquet('" + path + "')"))
                .containsExactly(List.of(
                        new BigDecimal("1234567.89")
                                .add(new BigDecimal("-0.01"))
                                .add(new BigDecimal("-9999999.99")),
                        new BigDecimal("-0.0000000001")));

        assertThat(file.stats())
                .contains(
                        new ColumnStats("small", 1, "-9999999.99", "1234567.89"),
                        new ColumnStats("medium", 1, "-123456789012.345678", "999999999999.999999"),
                        new ColumnStats(
                                "wide",
                                1,
                                "-9999999999999999999999999999.9999999999",
                                "9999999999999999999999999999.9999999999"),
                        new ColumnStats("odd", 1, "-9999999999999999999999999", "1"),
                        new ColumnStats("t", 1, "00:00", "23:59:59.999999"),
                        new ColumnStats("local", 1, "1600-01-01T00:00", "2262-04-11T23:47:16.854775"));
        assertThat(file.stats()).extracting(ColumnStats::column).doesNotContain("tags", "nums", "prices");
    }

    @Test
    void statisticsPerColumn() {
        NewDataFile file;
        try (VectorSchemaRoot batch = Batches.of(allocator, ALL_TYPES, sampleRows());
                ParquetBatchWriter writer = ParquetBatchWriter.create(
                        ALL_TYPES, ParquetWriteOptions.defaults().withRowGroupRows(2), lake, lake.resolve("s"))) {
            writer.write(batch);
            file = writer.finish();
        }
        assertThat(file.stats())
                .containsExactly(
                        new ColumnStats("b", 1, "false", "true"),
                        new ColumnStats("i", 1, "-7", String.valueOf(Integer.MAX_VALUE)),
                        new ColumnStats("l", 1, String.valueOf(Long.MIN_VALUE), String.valueOf(Long.MAX_VALUE)),
                        new ColumnStats("d", 1, "-0.25", "1.0E300"),
                        new ColumnStats("day", 1, "1969-12-31", "9999-12-31"),
                        new ColumnStats("ts", 1, "1969-12-31T23:59:59.999999Z", "2262-01-01T00:00:00Z"),
                        // the long text is the max and too long to keep as a bound
                        new ColumnStats("s", 1, "", null),
                        new ColumnStats("j", 1, null, null),
                        new ColumnStats("bin", 2, null, null));
    }

    @Test
    void everyCodecIsReadableAndRowGroupsFromOtherThreadsKeepTheirOrder() throws Exception {
        LakeSchema schema =
                LakeSchema.of(LakeField.nullable("n", LakeType.BIGINT), LakeField.nullable("s", LakeType.STRING));
        for (ParquetCodec codec : ParquetCodec.values()) {
            ParquetFormat format =
                    new ParquetFormat(schema, ParquetWriteOptions.defaults().withCodec(codec));
            Path dir = lake.resolve("codec_" + codec.name().toLowerCase());
            NewDataFile file;
            try (ParquetBatchWriter writer = ParquetBatchWriter.create(format, lake, dir)) {
                List<CompletableFuture<ParquetRowGroup>> groups = new ArrayList<>();
                for (int g = 0; g < 4; g++) {
                    int first = g * 1000;
                    groups.add(CompletableFuture.supplyAsync(() -> encode(format, first, 1000)));
                }
                for (CompletableFuture<ParquetRowGroup> g : groups) {
                    writer.append(g.get());
                }
                file = writer.finish();
            }
            Path path = lake.resolve(file.relativePath());
            assertThat(DuckDb.query("SELECT count(*), min(n), max(n), bool_and(s = 'v' || n) FROM read_parquet('" + path
                            + "')"))
                    .containsExactly(List.of(4000L, 0L, 3999L, true));
            assertThat(DuckDb.query("SELECT n FROM read_parquet('" + path + "') LIMIT 3 OFFSET 1998"))
                    .containsExactly(List.of(1998L), List.of(1999L), List.of(2000L));
            assertThat(DuckDb.query("SELECT count(*), min(compression) FROM parquet_metadata('" + path + "')"))
                    .containsExactly(List.of(8L, codec.name()));
        }
    }

    private ParquetRowGroup encode(ParquetFormat format, int first, int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            rows.add(List.of((long) i, "v" + i));
        }
        ParquetRowGroup group = format.newRowGroup();
        try (VectorSchemaRoot batch = Batches.of(allocator, format.schema(), rows)) {
            group.add(batch);
        }
        group.seal();
        return group;
    }

    @Test
    void onlyTheTempNameExistsUntilFinishAndAbortLeavesNothing() throws IOException {
        Path dir = lake.resolve("crash");
        try (VectorSchemaRoot batch = Batches.of(allocator, ALL_TYPES, sampleRows())) {
            ParquetBatchWriter writer = ParquetBatchWriter.create(ALL_TYPES, ParquetWriteOptions.defaults(), lake, dir);
            writer.write(batch);
            assertThat(names(dir))
                    .singleElement()
                    .asString()
                    .startsWith(".tmp-")
                    .endsWith(".parquet");
            writer.abort();
            assertThat(names(dir)).isEmpty();

            // close() without finish() is an abort too
            try (ParquetBatchWriter w =
                    ParquetBatchWriter.create(ALL_TYPES, ParquetWriteOptions.defaults(), lake, dir)) {
                w.write(batch);
            }
            assertThat(names(dir)).isEmpty();

            // a finished file can still be withdrawn, e.g. when its commit is refused
            ParquetBatchWriter done = ParquetBatchWriter.create(ALL_TYPES, ParquetWriteOptions.defaults(), lake, dir);
            done.write(batch);
            NewDataFile file = done.finish();
            assertThat(names(dir))
                    .containsExactly(Path.of(file.relativePath()).getFileName().toString());
            assertThat(file.relativePath()).matches("crash/\\d{8}T\\d{6}-[0-9a-f-]{36}\\.parquet");
            done.abort();
            assertThat(names(dir)).isEmpty();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] blob(Object v) {
        try {
            if (v instanceof java.sql.Blob b) {
                return b.getBytes(1, (int) b.length());
            }
            if (v instanceof java.nio.ByteBuffer bb) {
                byte[] a = new byte[bb.remaining()];
                bb.duplicate().get(a);
                return a;
            }
            return (byte[]) v;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
