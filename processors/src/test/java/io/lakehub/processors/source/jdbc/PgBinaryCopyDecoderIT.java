package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.read.ReadFailedException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/** Binary COPY from the real PostgreSQL on 127.0.0.1:5432 into Arrow vectors, every type and NULLs. */
class PgBinaryCopyDecoderIT {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String TABLE = "pgcopy_it_types";

    private static Connection db;
    private final BufferAllocator allocator = new RootAllocator();

    @BeforeAll
    static void createTable() throws SQLException {
        db = DriverManager.getConnection(URL, "postgres", "");
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute("CREATE TYPE pgcopy_it_mood AS ENUM ('sad', 'happy')");
        } catch (SQLException e) {
            // The enum type survives from an earlier run of this test; it is the same type.
        }
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, small smallint, i int, amount numeric(12,2),"
                    + " big numeric(38,10), r real, d double precision, b boolean, day date, t time, ts timestamp,"
                    + " tstz timestamptz, u uuid, j json, jb jsonb, name varchar(20), c char(3), raw bytea,"
                    + " tags text[], nums int[], mood pgcopy_it_mood)");
            s.execute("INSERT INTO " + TABLE + " VALUES (1, -7, 42, -12345.67, 12345678901234567890.0123456789, 1.5,"
                    + " 2.25, true, '1969-12-31', '13:45:10.123456', '1965-03-04 05:06:07.000008',"
                    + " '2024-02-29 23:59:59.5+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}',"
                    + " '{\"b\": true}', 'Zoë', 'ab', '\\x00ff10', ARRAY['x', NULL, 'y'], '{}', 'happy')");
            s.execute("INSERT INTO " + TABLE + " (id) VALUES (2)");
            s.execute("INSERT INTO " + TABLE + " (id, amount, big) VALUES (3, 0.01, -0.0000000001)");
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        db.close();
    }

    private static Field field(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    @Test
    void decodesEveryTypeAndNulls() throws Exception {
        ArrowType ts = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        List<Field> fields = new ArrayList<>(List.of(
                field("id", new ArrowType.Int(64, true)),
                field("small", new ArrowType.Int(32, true)),
                field("i", new ArrowType.Int(32, true)),
                field("amount", new ArrowType.Decimal(12, 2, 128)),
                field("big", new ArrowType.Decimal(38, 10, 128)),
                field("r", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                field("d", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                field("b", ArrowType.Bool.INSTANCE),
                field("day", new ArrowType.Date(DateUnit.DAY)),
                field("t", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
                field("ts", ts),
                field("tstz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                field("u", new ArrowType.FixedSizeBinary(16)),
                field("j", ArrowType.Utf8.INSTANCE),
                field("jb", ArrowType.Utf8.INSTANCE),
                field("name", ArrowType.Utf8.INSTANCE),
                field("c", ArrowType.Utf8.INSTANCE),
                field("raw", ArrowType.Binary.INSTANCE)));
        fields.add(new Field(
                "tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(field("item", ArrowType.Utf8.INSTANCE))));
        fields.add(new Field(
                "nums",
                FieldType.nullable(ArrowType.List.INSTANCE),
                List.of(field("item", new ArrowType.Int(32, true)))));
        fields.add(field("mood", ArrowType.Utf8.INSTANCE));
        List<PgBinaryCopyDecoder.Column> columns = List.of(
                col("id", PgWire.INT8),
                col("small", PgWire.INT2),
                col("i", PgWire.INT4),
                col("amount", PgWire.NUMERIC),
                col("big", PgWire.NUMERIC),
                col("r", PgWire.FLOAT4),
                col("d", PgWire.FLOAT8),
                col("b", PgWire.BOOL),
                col("day", PgWire.DATE),
                col("t", PgWire.TIME),
                col("ts", PgWire.TIMESTAMP),
                col("tstz", PgWire.TIMESTAMPTZ),
                col("u", PgWire.UUID),
                col("j", PgWire.TEXT),
                col("jb", PgWire.JSONB),
                col("name", PgWire.TEXT),
                col("c", PgWire.TEXT),
                col("raw", PgWire.BYTEA),
                col("tags", PgWire.ARRAY),
                col("nums", PgWire.ARRAY),
                col("mood", PgWire.TEXT));

        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                PGCopyInputStream in = new PGCopyInputStream(
                        db.unwrap(PGConnection.class),
                        "COPY (SELECT * FROM " + TABLE + " ORDER BY id) TO STDOUT (FORMAT binary)")) {
            PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(in, columns, TABLE);
            assertThat(decoder.fill(root, 100)).isEqualTo(3);

            assertThat(((BigIntVector) root.getVector("id")).get(0)).isEqualTo(1);
            assertThat(((IntVector) root.getVector("small")).get(0)).isEqualTo(-7);
            assertThat(((IntVector) root.getVector("i")).get(0)).isEqualTo(42);
            DecimalVector amount = (DecimalVector) root.getVector("amount");
            assertThat(amount.getObject(0)).isEqualTo(new BigDecimal("-12345.67"));
            assertThat(amount.getObject(2)).isEqualTo(new BigDecimal("0.01"));
            DecimalVector big = (DecimalVector) root.getVector("big");
            assertThat(big.getObject(0)).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
            assertThat(big.getObject(2)).isEqualTo(new BigDecimal("-0.0000000001"));
            assertThat(((Float8Vector) root.getVector("r")).get(0)).isEqualTo(1.5);
            assertThat(((Float8Vector) root.getVector("d")).get(0)).isEqualTo(2.25);
            assertThat(((BitVector) root.getVector("b")).get(0)).isEqualTo(1);
            assertThat(((DateDayVector) root.getVector("day")).get(0))
                    .isEqualTo((int) LocalDate.of(1969, 12, 31).toEpochDay());
            assertThat(((TimeMicroVector) root.getVector("t")).get(0))
                    .isEqualTo(LocalTime.of(13, 45, 10, 123_456_000).toNanoOfDay() / 1000);
            long tsMicros = LocalDateTime.of(1965, 3, 4, 5, 6, 7, 8_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000 + 8;
            assertThat(((TimeStampMicroVector) root.getVector("ts")).get(0)).isEqualTo(tsMicros);
            Instant tstz = Instant.parse("2024-02-29T21:59:59.5Z");
            assertThat(((TimeStampMicroTZVector) root.getVector("tstz")).get(0))
                    .isEqualTo(tstz.getEpochSecond() * 1_000_000 + 500_000);
            byte[] u = ((FixedSizeBinaryVector) root.getVector("u")).get(0);
            UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
            assertThat(java.nio.ByteBuffer.wrap(u).getLong()).isEqualTo(uuid.getMostSignificantBits());
            assertThat(java.nio.ByteBuffer.wrap(u, 8, 8).getLong()).isEqualTo(uuid.getLeastSignificantBits());
            assertThat(text(root, "j", 0)).isEqualTo("{\"a\": [1, 2]}");
            assertThat(text(root, "jb", 0)).isEqualTo("{\"b\": true}");
            assertThat(text(root, "name", 0)).isEqualTo("Zoë");
            assertThat(text(root, "c", 0)).isEqualTo("ab ");
            assertThat(((VarBinaryVector) root.getVector("raw")).get(0)).containsExactly(0x00, 0xff, 0x10);
            assertThat(((ListVector) root.getVector("tags")).getObject(0))
                    .extracting(o -> o == null ? null : o.toString())
                    .containsExactly("x", null, "y");
            assertThat(((ListVector) root.getVector("nums")).getObject(0)).isEmpty();
            assertThat(text(root, "mood", 0)).isEqualTo("happy");

            for (var v : root.getFieldVectors()) {
                if (!v.getName().equals("id")) {
                    assertThat(v.isNull(1)).as(v.getName()).isTrue();
                }
            }
            assertThat(decoder.fill(root, 100)).isZero();
            assertThat(decoder.rowsRead()).isEqualTo(3);
        }
    }

    @Test
    void refusesANumericThatWouldBeRounded() throws Exception {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(
                        new Schema(List.of(field("x", new ArrowType.Decimal(10, 1, 128)))), allocator);
                PGCopyInputStream in = new PGCopyInputStream(
                        db.unwrap(PGConnection.class), "COPY (SELECT 1.25::numeric AS x) TO STDOUT (FORMAT binary)")) {
            PgBinaryCopyDecoder decoder = new PgBinaryCopyDecoder(in, List.of(col("x", PgWire.NUMERIC)), "q");
            assertThatThrownBy(() -> decoder.fill(root, 10))
                    .isInstanceOf(ReadFailedException.class)
                    .hasMessageContaining("column 'x'")
                    .hasMessageContaining("more than 1 fractional digits")
                    .hasMessageNotContaining("1.25");
        }
    }

    private static String text(VectorSchemaRoot root, String column, int row) {
        return new String(((VarCharVector) root.getVector(column)).get(row), StandardCharsets.UTF_8);
    }

    private static PgBinaryCopyDecoder.Column col(String name, PgWire wire) {
        return new PgBinaryCopyDecoder.Column(name, wire);
    }
}
