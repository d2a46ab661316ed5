package io.lakehub.processors.read.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class ParquetBatchReaderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void quietParquetFooterLogging() {
        // parquet-java logs whole footers, column statistics (data values) included, at DEBUG.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.parquet")).setLevel(Level.INFO);
    }

    @Test
    void mapsDuckDbTypesToLakeTypesAndValues() throws Exception {
        Path file = duckDbCopy("types.parquet", """
                SELECT 1::TINYINT t, 2::SMALLINT sm, 3::INT i, 4::BIGINT b, 5::UTINYINT ut, 4000000000::UINTEGER ui,
                  18446744073709551615::UBIGINT ub, 0.1::FLOAT f, 0.1::DOUBLE d, 12.34::DECIMAL(10,2) d1,
                  1234567890.0123456789::DECIMAL(38,10) d2, true bo, DATE '2024-02-29' da,
                  TIMESTAMPTZ '2024-01-02 03:04:05.123456+00' tz, TIMESTAMP '2024-01-02 03:04:05.123456' ts,
                  TIMESTAMP_MS '2024-01-02 03:04:05.123' tms, TIMESTAMP_NS '2024-01-02 03:04:05.123456789' tns,
                  TIME '12:34:56.5' ti, 'héllo 😀 李' s, '\\xAA\\xBB'::BLOB bl,
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID u, '{"x": [1, 2]}'::JSON j, [1, NULL, 3] l,
                  {'a': 1, 'b': 'x'} st, MAP {'k1': 1.5, 'k2': NULL} m, [{'p': 1.25}] ls, 'x'::ENUM('x', 'y') e
                UNION ALL
                SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                """, "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields())
                .extracting(LakeField::type)
                .containsExactly(
                        LakeType.INT,
                        LakeType.INT,
                        LakeType.INT,
                        LakeType.BIGINT,
                        LakeType.INT,
                        LakeType.BIGINT,
                        LakeType.DOUBLE,
                        LakeType.DOUBLE,
                        LakeType.DOUBLE,
                        LakeType.DECIMAL,
                        LakeType.DECIMAL,
                        LakeType.BOOLEAN,
                        LakeType.DATE,
                        LakeType.TIMESTAMP,
                        LakeType.LOCAL_TIMESTAMP,
                        LakeType.LOCAL_TIMESTAMP,
                        LakeType.LOCAL_TIMESTAMP,
                        LakeType.TIME,
                        LakeType.STRING,
                        LakeType.BINARY,
                        LakeType.UUID,
                        LakeType.JSON,
                        LakeType.LIST,
                        LakeType.JSON,
                        LakeType.JSON,
                        LakeType.JSON,
                        LakeType.STRING);
        Map<String, Object> r = rows.get(0);
        assertThat(r)
                .containsEntry("t", 1)
                .containsEntry("sm", 2)
                .containsEntry("i", 3)
                .containsEntry("b", 4L)
                .containsEntry("ut", 5)
                .containsEntry("ui", 4_000_000_000L)
                .containsEntry("ub", 1.8446744073709552E19)
                .containsEntry("f", 0.1)
                .containsEntry("d", 0.1)
                .containsEntry("d1", new BigDecimal("12.34"))
                .containsEntry("d2", new BigDecimal("1234567890.0123456789"))
                .containsEntry("bo", true)
                .containsEntry("da", (int) LocalDate.of(2024, 2, 29).toEpochDay())
                .containsEntry("tz", ReadResults.micros("2024-01-02T03:04:05.123456Z"))
                .containsEntry("ts", LocalDateTime.parse("2024-01-02T03:04:05.123456"))
                .containsEntry("tms", LocalDateTime.parse("2024-01-02T03:04:05.123"))
                .containsEntry("tns", LocalDateTime.parse("2024-01-02T03:04:05.123456"))
                .containsEntry("ti", LocalTime.parse("12:34:56.5").toNanoOfDay() / 1000)
                .containsEntry("s", "héllo 😀 李")
                .containsEntry("j", "{\"x\": [1, 2]}")
                .containsEntry("l", Arrays.asList(1, null, 3))
                .containsEntry("st", "{\"a\":1,\"b\":\"x\"}")
                .containsEntry("m", "{\"k1\":1.5,\"k2\":null}")
                .containsEntry("ls", "[{\"p\":1.25}]")
                .containsEntry("e", "x");
        assertThat((byte[]) r.get("bl")).containsExactly(0xAA, 0xBB);
        assertThat((byte[]) r.get("u")).containsExactly(ReadResults.uuidBytes("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(reader.schema().field("d2").orElseThrow()).isEqualTo(LakeField.decimal("d2", 38, 10));
        assertThat(reader.schema().field("l").orElseThrow()).isEqualTo(LakeField.list("l", LakeType.INT));
        assertThat(rows.get(1).values()).containsOnlyNulls();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncompressed", "snappy", "zstd", "gzip", "lz4_raw", "brotli"})
    void decompressesTheCommonCodecs(String codec) throws Exception {
        Path file = duckDbCopy(
                codec + ".parquet", "SELECT i, 'row ' || i AS s FROM range(5000) t(i)", ", COMPRESSION " + codec);

        List<Map<String, Object>> rows = ReadResults.readAll(new ParquetBatchReader(file, ReadOptions.detect()));

        assertThat(rows).hasSize(5000);
        assertThat(rows.get(4321)).containsEntry("i", 4321L).containsEntry("s", "row 4321");
    }

    @Test
    void streamsRowGroupsInBatches() throws Exception {
        Path file = duckDbCopy(
                "groups.parquet", "SELECT i, i * 2 AS twice FROM range(10000) t(i)", ", ROW_GROUP_SIZE 1000");
        ReadOptions options = new ReadOptions(null, null, null, null, null, Map.of(), 300);

        long next = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ParquetBatchReader reader = new ParquetBatchReader(file, options)) {
            reader.open();
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(batch)) {
                    assertThat(batch.getRowCount()).isLessThanOrEqualTo(300);
                    BigIntVector i = (BigIntVector) batch.getVector("i");
                    BigIntVector twice = (BigIntVector) batch.getVector("twice");
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        assertThat(i.get(r)).isEqualTo(next);
                        assertThat(twice.get(r)).isEqualTo(2 * next);
                        next++;
                    }
                }
            }
            assertThat(reader.rowsRead()).isEqualTo(10_000);
            assertThat(reader.contentHash()).isEqualTo(sha256(file));
        }
        assertThat(next).isEqualTo(10_000);
    }

    @Test
    void decimalsTimesLocalTimestampsUuidsAndListsKeepTheirTypesAndExactValues() throws Exception {
        Path file = duckDbCopy("typed.parquet", """
                SELECT 1 AS n, -99999999999999999999999999999999999999::DECIMAL(38,0) big, -0.000001::DECIMAL(18,6) small,
                  TIME '00:00:00.000001' t, TIMESTAMP '1901-12-13 20:45:52.123456' ntz,
                  '00000000-0000-0000-0000-000000000000'::UUID u, ['a', NULL, ''] words,
                  [1.5, NULL, -2.25]::DECIMAL(9,2)[] prices, [TIMESTAMPTZ '1969-12-31 23:59:59.999999+00'] instants,
                  [TIMESTAMP '2024-01-01 00:00:00'] walls, ['ffffffff-ffff-ffff-ffff-ffffffffffff'::UUID] ids,
                  [TIME '23:59:59'] times
                UNION ALL
                SELECT 2, NULL, NULL, NULL, NULL, NULL, [], NULL, [NULL], NULL, [], NULL
                ORDER BY n
                """, "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields())
                .containsExactly(
                        LakeField.nullable("n", LakeType.INT),
                        LakeField.decimal("big", 38, 0),
                        LakeField.decimal("small", 18, 6),
                        LakeField.nullable("t", LakeType.TIME),
                        LakeField.nullable("ntz", LakeType.LOCAL_TIMESTAMP),
                        LakeField.nullable("u", LakeType.UUID),
                        LakeField.list("words", LakeType.STRING),
                        LakeField.list("prices", LakeField.decimal("element", 9, 2)),
                        LakeField.list("instants", LakeType.TIMESTAMP),
                        LakeField.list("walls", LakeType.LOCAL_TIMESTAMP),
                        LakeField.list("ids", LakeType.UUID),
                        LakeField.list("times", LakeType.TIME));
        Map<String, Object> r = rows.get(0);
        assertThat(r)
                .containsEntry("big", new BigDecimal("-" + "9".repeat(38)))
                .containsEntry("small", new BigDecimal("-0.000001"))
                .containsEntry("t", 1L)
                .containsEntry("ntz", LocalDateTime.parse("1901-12-13T20:45:52.123456"))
                .containsEntry("words", Arrays.asList("a", null, ""))
                .containsEntry("prices", Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-2.25")))
                .containsEntry("instants", List.of(-1L))
                .containsEntry("walls", List.of(LocalDateTime.parse("2024-01-01T00:00")))
                .containsEntry("times", List.of(86_399_000_000L));
        assertThat((byte[]) r.get("u")).containsExactly(new byte[16]);
        assertThat((List<?>) r.get("ids"))
                .singleElement()
                .isEqualTo(ReadResults.uuidBytes("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        assertThat(rows.get(1))
                .containsEntry("big", null)
                .containsEntry("words", List.of())
                .containsEntry("prices", null)
                .containsEntry("instants", Arrays.asList((Object) null))
                .containsEntry("ids", List.of());
    }

    @Test
    void datasetsThatStoredTheseAsOlderTypesStillTakeTheFile() throws Exception {
        // Before the lake had these types, decimals were read as double, times and UUIDs as text and
        // lists as JSON: a dataset built then asks the reader for those types, and gets them.
        Path file = duckDbCopy("old.parquet", """
                SELECT 12.34::DECIMAL(10,2) d, TIME '12:34:56.5' t, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID u,
                  [1, NULL, 3] l, ['x', NULL] s, TIMESTAMP '2024-01-02 03:04:05' ntz, 7 AS i
                """, "");
        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        reader.open();
        reader.readAs(LakeSchema.of(
                LakeField.nullable("d", LakeType.DOUBLE),
                LakeField.nullable("t", LakeType.STRING),
                LakeField.nullable("u", LakeType.STRING),
                LakeField.nullable("l", LakeType.JSON),
                LakeField.nullable("s", LakeType.STRING),
                LakeField.nullable("ntz", LakeType.STRING),
                LakeField.decimal("i", 12, 2)));
        List<Map<String, Object>> rows;
        try (BufferAllocator allocator = new RootAllocator()) {
            rows = ReadResults.drain(reader, allocator);
        }
        reader.close();
        assertThat(rows.get(0))
                .containsEntry("d", 12.34)
                .containsEntry("t", "12:34:56.5")
                .containsEntry("u", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                .containsEntry("l", "[1,null,3]")
                .containsEntry("s", "[\"x\",null]")
                .containsEntry("ntz", "2024-01-02T03:04:05")
                .containsEntry("i", new BigDecimal("7.00"));

        // A timestamp without zone is read as an instant only when an override says so (taken as UTC).
        ReadOptions asUtc = new ReadOptions(null, null, null, null, null, Map.of("ntz", LakeType.TIMESTAMP), 0);
        assertThat(ReadResults.readAll(new ParquetBatchReader(file, asUtc)).get(0))
                .containsEntry("ntz", ReadResults.micros("2024-01-02T03:04:05Z"));

        ParquetBatchReader narrowing = new ParquetBatchReader(file, ReadOptions.detect());
        narrowing.open();
        assertThatThrownBy(() -> narrowing.readAs(LakeSchema.of(
                        LakeField.decimal("d", 10, 1),
                        LakeField.nullable("t", LakeType.TIME),
                        LakeField.nullable("u", LakeType.UUID),
                        LakeField.list("l", LakeType.INT),
                        LakeField.list("s", LakeType.STRING),
                        LakeField.nullable("ntz", LakeType.LOCAL_TIMESTAMP),
                        LakeField.nullable("i", LakeType.INT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'd' holds decimal(10,2) values and cannot be read as decimal(10,1)");
        assertThatThrownBy(() -> narrowing.readAs(LakeSchema.of(
                        LakeField.nullable("d", LakeType.DOUBLE),
                        LakeField.nullable("t", LakeType.TIME),
                        LakeField.nullable("u", LakeType.UUID),
                        LakeField.list("l", LakeType.BIGINT),
                        LakeField.list("s", LakeType.STRING),
                        LakeField.nullable("ntz", LakeType.LOCAL_TIMESTAMP),
                        LakeField.nullable("i", LakeType.INT))))
                .hasMessage("Column 'l' holds list<int> values and cannot be read as list<bigint>");
        narrowing.close();
    }

    @Test
    void aParameterisedTypeOverrideWidensADecimalAndOneWithoutParametersIsRefused() throws Exception {
        Path file = duckDbCopy("amounts.parquet", "SELECT -12.34::DECIMAL(10,2) amount, 5 AS n", "");

        ParquetBatchReader reader =
                new ParquetBatchReader(file, ReadOptions.withTypes(Map.of("amount", LakeField.decimal("x", 12, 4))));
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields()).first().isEqualTo(LakeField.decimal("amount", 12, 4));
        assertThat(rows.get(0)).containsEntry("amount", new BigDecimal("-12.3400"));
        ReadOptions narrower = ReadOptions.withTypes(Map.of("amount", LakeField.decimal("amount", 10, 3)));
        assertThatThrownBy(() -> new ParquetBatchReader(file, narrower).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(file + ": column 'amount' holds decimal(10,2) values, which cannot be read as"
                        + " decimal(10,3) (type override)");
        ReadOptions bare = new ReadOptions(null, null, null, null, null, Map.of("amount", LakeType.DECIMAL), 0);
        assertThatThrownBy(() -> new ParquetBatchReader(file, bare).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("'amount'")
                .hasMessageContaining("without its parameters");
        ReadOptions intAsDecimal = ReadOptions.withTypes(Map.of("n", LakeField.decimal("n", 12, 2)));
        assertThat(ReadResults.readAll(new ParquetBatchReader(file, intAsDecimal))
                        .get(0))
                .containsEntry("n", new BigDecimal("5.00"));
    }

    @Test
    void legacyAndUnusualParquetTypes() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message legacy {
                  optional int96 spark_ts;
                  optional group two_level (LIST) { repeated int32 array; }
                  optional group tuples (LIST) { repeated group tuples_tuple { required binary name (STRING); } }
                  repeated int64 bare;
                  optional fixed_len_byte_array(2) half (FLOAT16);
                  optional int32 u32 (INTEGER(32,false));
                  optional int64 u64 (INTEGER(64,false));
                  optional int32 tm (TIME(MILLIS,true));
                  optional group by_id (MAP) {
                    repeated group key_value { required int32 key; optional binary value (STRING); }
                  }
                  optional binary raw;
                }
                """);
        Path file = dir.resolve("legacy.parquet");
        try (ParquetWriter<Group> w = writer(file, schema)) {
            Group g = new SimpleGroupFactory(schema).newGroup();
            // 2024-01-02T03:04:05.123456789Z: 11,045,123,456,789 ns into Julian day 2,460,312.
            g.add(
                    "spark_ts",
                    Binary.fromConstantByteArray(ByteBuffer.allocate(12)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(11_045_123_456_789L)
                            .putInt(2_460_312)
                            .array()));
            g.addGroup("two_level").append("array", 1).append("array", 2);
            Group tuples = g.addGroup("tuples");
            tuples.addGroup("tuples_tuple").append("name", "a");
            tuples.addGroup("tuples_tuple").append("name", "b");
            g.add("bare", 7L);
            g.add("bare", 8L);
            g.add("half", Binary.fromConstantByteArray(new byte[] {0x00, 0x3E})); // 1.5 in binary16, little-endian
            g.add("u32", -1); // 4294967295 unsigned
            g.add("u64", -1L); // 18446744073709551615 unsigned
            g.add("tm", 45_296_000); // 12:34:56
            Group map = g.addGroup("by_id");
            map.addGroup("key_value").append("key", 7).append("value", "seven");
            g.add("raw", Binary.fromConstantByteArray(new byte[] {1, 2}));
            w.write(g);
            w.write(new SimpleGroupFactory(schema).newGroup());
        }

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields())
                .extracting(LakeField::type)
                .containsExactly(
                        LakeType.TIMESTAMP,
                        LakeType.LIST,
                        LakeType.JSON,
                        LakeType.LIST,
                        LakeType.DOUBLE,
                        LakeType.BIGINT,
                        LakeType.DOUBLE,
                        LakeType.TIME,
                        LakeType.JSON,
                        LakeType.BINARY);
        assertThat(reader.schema().field("two_level").orElseThrow().element().type())
                .isEqualTo(LakeType.INT);
        assertThat(rows.get(0))
                .containsEntry("spark_ts", ReadResults.micros("2024-01-02T03:04:05.123456Z"))
                .containsEntry("two_level", List.of(1, 2))
                .containsEntry("tuples", "[{\"name\":\"a\"},{\"name\":\"b\"}]")
                .containsEntry("bare", List.of(7L, 8L))
                .containsEntry("half", 1.5)
                .containsEntry("u32", 4_294_967_295L)
                .containsEntry("u64", 1.8446744073709552E19)
                .containsEntry("tm", 45_296_000_000L)
                .containsEntry("by_id", "{\"7\":\"seven\"}");
        assertThat(rows.get(1))
                .containsEntry("spark_ts", null)
                .containsEntry("two_level", null)
                .containsEntry("bare", List.of())
                .containsEntry("by_id", null);
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingRowAndColumn() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional binary name (STRING); }");
        Path file = dir.resolve("bad-utf8.parquet");
        try (ParquetWriter<Group> w = writer(file, schema)) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("name", "fine"));
            w.write(new SimpleGroupFactory(schema)
                    .newGroup()
                    .append("name", Binary.fromConstantByteArray(new byte[] {'a', (byte) 0xFF})));
        }

        assertThatThrownBy(() -> ReadResults.readAll(new ParquetBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(file + ": row 2, column 'name': text that is not valid UTF-8")
                .satisfies(e -> assertThat(((ReadFailedException) e).column()).isEqualTo("name"));
    }

    @Test
    void refusesFilesThatAreNotParquet() throws Exception {
        Path empty = dir.resolve("empty.parquet");
        Files.createFile(empty);
        Path csv = dir.resolve("csv.parquet");
        Files.writeString(csv, "a,b\n1,2\n");
        Path good = duckDbCopy("good.parquet", "SELECT 1 AS a", "");
        Path truncated = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));

        assertThatThrownBy(() -> new ParquetBatchReader(empty, ReadOptions.detect()).open())
                .hasMessage(empty + ": file is empty");
        assertThatThrownBy(() -> new ParquetBatchReader(csv, ReadOptions.detect()).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(csv + ": not a readable Parquet file (no valid footer: truncated, or another format)")
                .hasCauseInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new ParquetBatchReader(truncated, ReadOptions.detect()).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(truncated + ": not a readable Parquet file");
        assertThatThrownBy(() -> new ParquetBatchReader(dir.resolve("nope.parquet"), ReadOptions.detect()).open())
                .hasMessage(dir.resolve("nope.parquet") + ": file not found. Nothing was read.");
    }

    @Test
    void aLogicalTypeTheReaderDoesNotInterpretIsReadAsItsPhysicalTypeWithAWarning() throws Exception {
        Path file = duckDbCopy("interval.parquet", "SELECT 1 AS id, INTERVAL 1 DAY AS gap", "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(rows).hasSize(1);
        assertThat(reader.schema().field("gap").orElseThrow().type()).isEqualTo(LakeType.BINARY);
        assertThat((byte[]) rows.get(0).get("gap")).hasSize(12);
        assertThat(reader.facts()).containsEntry("read.unknownLogicalTypes", "gap");
    }

    @Test
    void aFileWithoutRowsReadsAsItsColumnsAndNoRows() throws Exception {
        Path file = duckDbCopy("none.parquet", "SELECT 1 AS a, 'x' AS b WHERE false", "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(rows).isEmpty();
        assertThat(reader.schema().fields())
                .containsExactly(LakeField.nullable("a", LakeType.INT), LakeField.nullable("b", LakeType.STRING));
        assertThat(reader.contentHash()).isNotBlank();
    }

    @Test
    void readAsAndOverridesMayOnlyWiden() throws Exception {
        Path file = duckDbCopy("w.parquet", "SELECT 1::INT a, DATE '2024-01-01' d, 2::BIGINT b", "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        reader.open();
        assertThatThrownBy(() -> reader.readAs(LakeSchema.of(
                        LakeField.nullable("a", LakeType.INT),
                        LakeField.nullable("d", LakeType.DATE),
                        LakeField.nullable("b", LakeType.INT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Column 'b' holds bigint values and cannot be read as int");
        reader.readAs(LakeSchema.of(
                LakeField.nullable("a", LakeType.DOUBLE),
                LakeField.nullable("d", LakeType.TIMESTAMP),
                LakeField.nullable("b", LakeType.STRING)));
        List<Map<String, Object>> rows;
        try (BufferAllocator allocator = new RootAllocator()) {
            rows = ReadResults.drain(reader, allocator);
        }
        reader.close();
        assertThat(rows.get(0))
                .containsEntry("a", 1.0)
                .containsEntry("d", ReadResults.micros("2024-01-01T00:00:00Z"))
                .containsEntry("b", "2");

        ReadOptions toString = new ReadOptions(null, null, null, null, null, Map.of("d", LakeType.STRING), 0);
        assertThat(ReadResults.readAll(new ParquetBatchReader(file, toString)).get(0))
                .containsEntry("d", "2024-01-01");
        ReadOptions narrowing = new ReadOptions(null, null, null, null, null, Map.of("b", LakeType.BOOLEAN), 0);
        assertThatThrownBy(() -> new ParquetBatchReader(file, narrowing).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(file + ": column 'b' holds bigint values, which cannot be read as boolean (type override)");
    }

    @Test
    void twoThousandColumnsAndAFiveMegabyteString() throws Exception {
        StringBuilder select = new StringBuilder("SELECT repeat('ß', 2621440) || 'end' AS big");
        for (int c = 0; c < 2000; c++) {
            select.append(", ").append(c).append(" AS c").append(c);
        }
        Path file = duckDbCopy("wide.parquet", select.toString(), "");

        ParquetBatchReader reader = new ParquetBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().size()).isEqualTo(2001);
        assertThat(rows.get(0).get("c1999")).isEqualTo(1999);
        assertThat((String) rows.get(0).get("big")).hasSize(2_621_443).endsWith("ßend");
    }

    private Path duckDbCopy(String name, String select, String extraOptions) throws SQLException {
        Path file = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + extraOptions + ")");
        }
        return file;
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        // Test-only: parquet-java's example writer, with Hadoop's API on the test class path.
        return ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withConf(new PlainParquetConfiguration())
                .build();
    }

    private static String sha256(Path file) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
