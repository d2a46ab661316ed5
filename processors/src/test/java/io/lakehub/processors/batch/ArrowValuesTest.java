package io.lakehub.processors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.parquet.ParquetBatchWriter;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.testing.DuckDb;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowValuesTest {
    @TempDir
    Path lake;

    static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.decimal("amount", 12, 2),
            LakeField.nullable("day", LakeType.DATE),
            LakeField.nullable("opens", LakeType.TIME),
            LakeField.nullable("at", LakeType.TIMESTAMP),
            LakeField.nullable("placed", LakeType.LOCAL_TIMESTAMP),
            LakeField.nullable("id", LakeType.UUID),
            LakeField.list("tags", LakeType.STRING),
            LakeField.list("prices", LakeField.decimal("element", 6, 3)));

    /** Values as a JDBC driver hands them over (java.sql types, Object[] arrays), written and read back. */
    @Test
    void jdbcStyleValuesLandExactly() {
        List<Object[]> rows = List.of(
                new Object[] {
                    new BigDecimal("-1234567890.5"),
                    java.sql.Date.valueOf("1950-06-01"),
                    java.sql.Time.valueOf("08:30:00"),
                    OffsetDateTime.parse("1969-12-31T23:00:00-02:00"),
                    LocalDateTime.parse("2024-03-31T02:30:00.000001"),
                    UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                    new Object[] {"a", null},
                    new Object[] {new BigDecimal("1.5"), 2L}
                },
                new Object[] {
                    BigInteger.TEN,
                    null,
                    LocalTime.of(23, 59, 59, 999_999_999),
                    Instant.EPOCH,
                    null,
                    null,
                    new Object[0],
                    null
                });
        NewDataFile file;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(SCHEMA), allocator);
                ParquetBatchWriter writer =
                        ParquetBatchWriter.create(SCHEMA, ParquetWriteOptions.defaults(), lake, lake.resolve("v"))) {
            batch.allocateNew();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < SCHEMA.size(); c++) {
                    ArrowValues.set(batch.getVector(c), SCHEMA.fields().get(c), r, rows.get(r)[c]);
                }
            }
            batch.setRowCount(rows.size());
            writer.write(batch);
            file = writer.finish();
        }

        assertThat(DuckDb.query("SELECT amount, day::VARCHAR, opens::VARCHAR, \"at\", placed::VARCHAR, id::VARCHAR,"
                        + " tags::VARCHAR, prices::VARCHAR FROM read_parquet('" + lake.resolve(file.relativePath())
                        + "')"))
                .containsExactly(
                        List.of(
                                new BigDecimal("-1234567890.50"),
                                "1950-06-01",
                                "08:30:00",
                                Instant.parse("1970-01-01T01:00:00Z"),
                                "2024-03-31 02:30:00.000001",
                                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                                "[a, NULL]",
                                "[1.500, 2.000]"),
                        Arrays.asList(
                                new BigDecimal("10.00"),
                                null,
                                "23:59:59.999999",
                                Instant.EPOCH,
                                null,
                                null,
                                "[]",
                                null));
    }

    @Test
    void decimalsThatWouldRoundOrOverflowAreRefusedNamingTheColumn() {
        LakeField amount = LakeField.decimal("amount", 5, 2);
        assertThat(ArrowValues.decimal(amount, new BigDecimal("-999.9"))).isEqualTo(new BigDecimal("-999.90"));
        assertThatThrownBy(() -> ArrowValues.decimal(amount, new BigDecimal("1.005")))
                .hasMessage("Column 'amount' is decimal(5,2) but a value has more than 2 digits after the point");
        assertThatThrownBy(() -> ArrowValues.decimal(amount, 1000L))
                .hasMessage("Column 'amount' is decimal(5,2) but a value has more than 3 digits before the point");
        assertThatThrownBy(() -> ArrowValues.decimal(amount, 1.5))
                .hasMessageContaining("'amount'")
                .hasMessageContaining("Double");
        assertThat(ArrowValues.uuidBytes(new UUID(1, 2)))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2);
    }
}
