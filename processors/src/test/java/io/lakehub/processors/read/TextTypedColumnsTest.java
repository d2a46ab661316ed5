package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.csv.CsvBatchReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and JSON values read as decimal, time, timestamp_ntz and UUID columns: when a type override
 * names those types (decimal with its precision and scale) and when the dataset already holds them
 * (the ingest then reads the file as the dataset's types).
 */
class TextTypedColumnsTest {
    @TempDir
    Path dir;

    private static Map<String, LakeField> typed() {
        Map<String, LakeField> types = new LinkedHashMap<>();
        types.put("amount", LakeField.decimal("amount", 10, 2));
        types.put("opens", LakeField.nullable("opens", LakeType.TIME));
        types.put("placed", LakeField.nullable("placed", LakeType.LOCAL_TIMESTAMP));
        types.put("uid", LakeField.nullable("uid", LakeType.UUID));
        return types;
    }

    @Test
    void csvCellsReadExactlyAsOverriddenTypes() throws Exception {
        Path file = Files.writeString(
                dir.resolve("orders.csv"),
                "amount,opens,placed,uid\n"
                        + "-12.5,08:30,1969-07-20 20:17:40.123456,A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11\n"
                        + ",,,\n"
                        + "99999999.99,23:59:59.999999,2024-02-29,00000000-0000-0000-0000-000000000000\n");

        BatchReader reader =
                new CsvBatchReader(file, ReadOptions.withTypes(typed()).withFormat(Format.CSV));
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields()).containsExactlyElementsOf(typed().values());
        assertThat(rows.get(0))
                .containsEntry("amount", new BigDecimal("-12.50"))
                .containsEntry("opens", 30_600_000_000L)
                .containsEntry("placed", LocalDateTime.parse("1969-07-20T20:17:40.123456"));
        assertThat((byte[]) rows.get(0).get("uid"))
                .containsExactly(ReadResults.uuidBytes("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(rows.get(1).values()).containsOnlyNulls();
        assertThat(rows.get(2))
                .containsEntry("amount", new BigDecimal("99999999.99"))
                .containsEntry("opens", 86_399_999_999L)
                .containsEntry("placed", LocalDateTime.parse("2024-02-29T00:00"));
    }

    @Test
    void aCsvValueThatDoesNotFitItsDecimalIsAMismatchNamingLineAndColumn() throws Exception {
        Path rounding = Files.writeString(dir.resolve("r.csv"), "amount\n1.25\n1.255\n");
        Path tooBig = Files.writeString(dir.resolve("b.csv"), "amount\n123456789.5\n");
        Path notUuid = Files.writeString(dir.resolve("u.csv"), "uid\n123e4567e89b12d3a456426614174000\n");
        ReadOptions options = ReadOptions.withTypes(Map.of("amount", LakeField.decimal("amount", 10, 2)))
                .withFormat(Format.CSV);
        ReadOptions uuid = ReadOptions.withTypes(Map.of("uid", LakeField.nullable("uid", LakeType.UUID)))
                .withFormat(Format.CSV);

        assertThatThrownBy(() -> ReadResults.readAll(new CsvBatchReader(rounding, options)))
                .isInstanceOf(ValueMismatchException.class)
                .hasMessage(rounding + ": line 3, column 'amount': value is not a valid decimal");
        assertThatThrownBy(() -> ReadResults.readAll(new CsvBatchReader(tooBig, options)))
                .isInstanceOf(ValueMismatchException.class)
                .hasMessageContaining("line 2, column 'amount'");
        assertThatThrownBy(() -> ReadResults.readAll(new CsvBatchReader(notUuid, uuid)))
                .isInstanceOf(ValueMismatchException.class)
                .hasMessageContaining("column 'uid': value is not a valid uuid");
    }

    @Test
    void aCsvFileReadAsADatasetsDecimalColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("n.csv"), "n\n1\n-2\n");
        CsvBatchReader reader = new CsvBatchReader(file, ReadOptions.detect().withFormat(Format.CSV));
        reader.open();
        assertThat(reader.schema().fields()).containsExactly(LakeField.nullable("n", LakeType.INT));
        reader.readAs(LakeSchema.of(LakeField.decimal("n", 12, 2)));
        List<Map<String, Object>> rows;
        try (BufferAllocator allocator = new RootAllocator()) {
            rows = ReadResults.drain(reader, allocator);
        }
        reader.close();
        assertThat(rows).extracting(r -> r.get("n")).containsExactly(new BigDecimal("1.00"), new BigDecimal("-2.00"));
    }

    @Test
    void jsonNumbersAndStringsReadExactlyAsOverriddenTypes() throws Exception {
        Path file = Files.writeString(
                dir.resolve("orders.ndjson"),
                "{\"amount\": 12345678.91, \"opens\": \"08:30:00.5\", \"placed\": \"2024-01-02T03:04:05\","
                        + " \"uid\": \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"}\n"
                        + "{\"amount\": \"-0.01\", \"opens\": null}\n"
                        + "{\"amount\": 7}\n");

        BatchReader reader = BatchReaders.forFile(file, ReadOptions.withTypes(typed()));
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().field("amount")).contains(LakeField.decimal("amount", 10, 2));
        assertThat(rows)
                .extracting(r -> r.get("amount"))
                .containsExactly(new BigDecimal("12345678.91"), new BigDecimal("-0.01"), new BigDecimal("7.00"));
        assertThat(rows.get(0))
                .containsEntry("opens", 30_600_500_000L)
                .containsEntry("placed", LocalDateTime.parse("2024-01-02T03:04:05"));
    }

    @Test
    void aListOverrideOnATextSourceIsRefusedNamingTheColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("l.csv"), "tags\nx\n");
        ReadOptions list = ReadOptions.withTypes(Map.of("tags", LakeField.list("tags", LakeType.STRING)))
                .withFormat(Format.CSV);

        assertThatThrownBy(() -> ReadResults.readAll(new CsvBatchReader(csv, list)))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(csv + ": the type override for column 'tags' is list, which CSV values cannot be read as"
                        + " (text sources read " + TextTypes.NAMES + ")");
        ReadOptions bare = new ReadOptions(null, null, null, null, null, Map.of("tags", LakeType.DECIMAL), 0)
                .withFormat(Format.CSV);
        assertThatThrownBy(() -> ReadResults.readAll(new CsvBatchReader(csv, bare)))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("without its parameters");
    }
}
