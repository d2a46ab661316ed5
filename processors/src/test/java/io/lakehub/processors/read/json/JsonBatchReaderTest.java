package io.lakehub.processors.read.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.read.BadRow;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonBatchReaderTest {
    @TempDir
    Path dir;

    @Test
    void infersTypesFromJsonValueKindsAndKeepsKeysInOrderOfFirstAppearance() throws IOException {
        Path file = write("people.json", """
                [
                  {"id": 1, "name": "Zoë 李", "active": true, "score": 9.5, "born": "1990-02-28",
                   "seen": "2024-01-02T03:04:05.123456Z", "big": 3000000000, "tags": ["a", {"b": 1.10}]},
                  {"id": 2, "name": null, "active": false, "score": 7, "born": null,
                   "seen": "2024-01-02 03:04:05", "address": {"city": "Köln", "zip": "01234"}},
                  {"id": 3, "extra": null, "zip": "01234", "emoji": "😀"}
                ]
                """);

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema())
                .isEqualTo(new LakeSchema(List.of(
                        LakeField.nullable("id", LakeType.INT),
                        LakeField.nullable("name", LakeType.STRING),
                        LakeField.nullable("active", LakeType.BOOLEAN),
                        LakeField.nullable("score", LakeType.DOUBLE),
                        LakeField.nullable("born", LakeType.DATE),
                        LakeField.nullable("seen", LakeType.TIMESTAMP),
                        LakeField.nullable("big", LakeType.BIGINT),
                        LakeField.nullable("tags", LakeType.JSON),
                        LakeField.nullable("address", LakeType.JSON),
                        LakeField.nullable("extra", LakeType.STRING),
                        LakeField.nullable("zip", LakeType.STRING),
                        LakeField.nullable("emoji", LakeType.STRING))));
        assertThat(rows).hasSize(3);
        Map<String, Object> first = rows.get(0);
        assertThat(first.get("id")).isEqualTo(1);
        assertThat(first.get("name")).isEqualTo("Zoë 李");
        assertThat(first.get("active")).isEqualTo(true);
        assertThat(first.get("score")).isEqualTo(9.5);
        assertThat(first.get("born")).isEqualTo((int) LocalDate.of(1990, 2, 28).toEpochDay());
        assertThat(first.get("seen")).isEqualTo(ReadResults.micros("2024-01-02T03:04:05.123456Z"));
        assertThat(first.get("big")).isEqualTo(3_000_000_000L);
        assertThat(first.get("tags")).isEqualTo("[\"a\",{\"b\":1.10}]");
        assertThat(first.get("address")).isNull();

        Map<String, Object> second = rows.get(1);
        assertThat(second.get("name")).isNull();
        assertThat(second.get("score")).isEqualTo(7.0);
        assertThat(second.get("seen")).isEqualTo(ReadResults.micros("2024-01-02T03:04:05Z"));
        assertThat(second.get("address")).isEqualTo("{\"city\":\"Köln\",\"zip\":\"01234\"}");
        assertThat(second.get("big")).isNull();

        Map<String, Object> third = rows.get(2);
        assertThat(third.get("zip")).isEqualTo("01234");
        assertThat(third.get("emoji")).isEqualTo("😀");
        assertThat(third.get("active")).isNull();
        assertThat(reader.rowsRead()).isEqualTo(3);
    }

    @Test
    void integersBeyondLongStayExactTextAndMixedKindsWiden() throws IOException {
        Path file = write("numbers.json", """
                [{"n": 1, "huge": 123456789012345678901234567890, "mixed": 1, "when": "2024-01-01", "odd": true},
                 {"n": 2.5, "huge": 1, "mixed": "x", "when": "2024-01-01T10:00:00+02:00", "odd": {"k": [1, 2]}}]
                """);

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields())
                .extracting(LakeField::type)
                .containsExactly(LakeType.DOUBLE, LakeType.STRING, LakeType.STRING, LakeType.TIMESTAMP, LakeType.JSON);
        assertThat(rows.get(0).get("huge")).isEqualTo("123456789012345678901234567890");
        assertThat(rows.get(1).get("huge")).isEqualTo("1");
        assertThat(rows.get(0).get("mixed")).isEqualTo("1");
        assertThat(rows.get(1).get("mixed")).isEqualTo("x");
        assertThat(rows.get(0).get("when")).isEqualTo(ReadResults.micros("2024-01-01T00:00:00Z"));
        assertThat(rows.get(1).get("when")).isEqualTo(ReadResults.micros("2024-01-01T08:00:00Z"));
        assertThat(rows.get(0).get("odd")).isEqualTo("true");
        assertThat(rows.get(1).get("odd")).isEqualTo("{\"k\":[1,2]}");
    }

    @Test
    void typeOverridesParseQuotedValuesAndDeclareKeysTheSampleLacks() throws IOException {
        Path file = write("orders.json", """
                [{"id": "7", "price": "12.50", "paid": "TRUE", "payload": 5},
                 {"id": "8", "price": 3, "paid": false, "payload": "x", "note": "late"}]
                """);
        ReadOptions options = new ReadOptions(
                null,
                null,
                null,
                null,
                null,
                Map.of(
                        "id", LakeType.BIGINT,
                        "price", LakeType.DOUBLE,
                        "paid", LakeType.BOOLEAN,
                        "payload", LakeType.JSON,
                        "zeta", LakeType.INT,
                        "alpha", LakeType.STRING),
                0);

        JsonBatchReader reader = new JsonBatchReader(file, options);
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().names()).containsExactly("id", "price", "paid", "payload", "note", "alpha", "zeta");
        assertThat(rows.get(0))
                .containsEntry("id", 7L)
                .containsEntry("price", 12.5)
                .containsEntry("paid", true)
                .containsEntry("payload", "5");
        assertThat(rows.get(1))
                .containsEntry("price", 3.0)
                .containsEntry("paid", false)
                .containsEntry("payload", "\"x\"")
                .containsEntry("alpha", null)
                .containsEntry("zeta", null);
    }

    @Test
    void quotedAndUnquotedNumbersInOneColumnAreTextKeptAsWritten() throws IOException {
        Path file = write("zip.json", "[{\"zip\": 1234}, {\"zip\": \"01234\"}]");
        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());

        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().fields().get(0).type()).isEqualTo(LakeType.STRING);
        assertThat(rows).extracting(r -> r.get("zip")).containsExactly("1234", "01234");
    }

    @Test
    void readAsWidensToTheDatasetTypes() throws IOException {
        Path file = write("w.json", "[{\"a\": 1, \"d\": \"2024-03-01\", \"s\": true}]");
        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        reader.open();
        reader.readAs(LakeSchema.of(
                LakeField.nullable("a", LakeType.DOUBLE),
                LakeField.nullable("d", LakeType.TIMESTAMP),
                LakeField.nullable("s", LakeType.STRING)));
        List<Map<String, Object>> rows;
        try (BufferAllocator allocator = new RootAllocator()) {
            rows = ReadResults.drain(reader, allocator);
        }
        reader.close();
        assertThat(rows.get(0))
                .containsEntry("a", 1.0)
                .containsEntry("d", ReadResults.micros("2024-03-01T00:00:00Z"))
                .containsEntry("s", "true");
    }

    @Test
    void readAsRefusesOtherColumns() throws IOException {
        Path file = write("w.json", "[{\"a\": 1}]");
        try (JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect())) {
            reader.open();
            assertThatThrownBy(() -> reader.readAs(LakeSchema.of(LakeField.nullable("b", LakeType.INT))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[a]");
        }
    }

    @Test
    void brokenJsonNamesFileLineAndPositionButNeverTheValue() throws IOException {
        Path file = write("broken.json", "[\n  {\"a\": 1},\n  {\"a\": secretvalue}\n]\n");

        ReadFailedException e = catchThrowableOfType(
                ReadFailedException.class, () -> ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())));

        assertThat(e.getMessage()).startsWith(file + ": line 3, position ").contains("not valid JSON");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getCause()).isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("secretvalue");
        }
    }

    @Test
    void truncatedJsonSaysSo() throws IOException {
        Path file = write("cut.json", "[{\"a\": 1}, {\"a\": \"unfinished");

        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining(file + ": line 1")
                .hasMessageContaining("ends in the middle of a value");
    }

    @Test
    void topLevelValuesAfterTheArrayAreMoreRecords() throws IOException {
        Path twoArrays = write("two.json", "[{\"a\": 1}, {\"a\": 2}]\n[{\"a\": 3}]\n");
        Path objects = write("obj.json", "{\"a\": 1}\n{\"a\": 2}");

        assertThat(ReadResults.readAll(new JsonBatchReader(twoArrays, ReadOptions.detect())))
                .extracting(r -> r.get("a"))
                .containsExactly(1, 2, 3);
        assertThat(ReadResults.readAll(new JsonBatchReader(objects, ReadOptions.detect())))
                .extracting(r -> r.get("a"))
                .containsExactly(1, 2);
    }

    @Test
    void contentAfterTheArrayThatIsNotJsonIsRefusedNamingTheOffset() throws IOException {
        Path file = write("junk.json", "[{\"a\": 1}]\nEOF\n");

        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(file + ": offset ")
                .hasMessageContaining("(line 2, position ")
                .hasMessageContaining("unexpected content after the top-level JSON value")
                .message()
                .doesNotContain("EOF");
    }

    @Test
    void anArrayOfScalarsOrArraysIsOneValueColumn() throws IOException {
        Path numbers = write("n.json", "[1, 2, 3]");
        Path mixed = write("m.json", "[4, \"hello\", null]");
        Path arrays = write("a.json", "[[1, 2], [3], []]");

        JsonBatchReader reader = new JsonBatchReader(numbers, ReadOptions.detect());
        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("value")).containsExactly(1, 2, 3);
        assertThat(reader.schema().fields()).containsExactly(LakeField.nullable("value", LakeType.INT));

        JsonBatchReader mixedReader = new JsonBatchReader(mixed, ReadOptions.detect());
        assertThat(ReadResults.readAll(mixedReader))
                .extracting(r -> r.get("value"))
                .containsExactly("4", "hello", null);
        assertThat(mixedReader.schema().fields()).containsExactly(LakeField.nullable("value", LakeType.STRING));

        JsonBatchReader arraysReader = new JsonBatchReader(arrays, ReadOptions.detect());
        assertThat(ReadResults.readAll(arraysReader))
                .extracting(r -> r.get("value"))
                .containsExactly("[1,2]", "[3]", "[]");
        assertThat(arraysReader.schema().fields()).containsExactly(LakeField.nullable("value", LakeType.JSON));
    }

    @Test
    void anElementThatIsNotAnObjectAmongObjectsIsABadRow() throws IOException {
        Path file = write("scalars.json", "[{\"a\": 1},\n 2, {\"a\": 3}]");

        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(file + ": line 2: record 2 is a number, but every record must be an object");

        List<BadRow> bad = new ArrayList<>();
        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        reader.onBadRows(bad::add);
        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("a")).containsExactly(1, 3);
        assertThat(bad)
                .containsExactly(new BadRow(
                        file.toString(), 2, "record 2 is a number, but every record must be an object", "2"));
        assertThat(reader.facts()).containsEntry("read.badRows", "1");
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAtAnyDepthAndIsCounted() throws IOException {
        Path file = write(
                "dup.json",
                "[{\"a\": 1, \"b\": 2,\n \"a\": 3}, {\"a\": 4, \"a\": null, \"meta\": {\"x\": 1.10, \"y\": 0,"
                        + " \"x\": 2.50}}]");

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(rows).extracting(r -> r.get("a")).containsExactly(3, null);
        assertThat(rows.get(1).get("meta")).isEqualTo("{\"x\":2.50,\"y\":0}");
        assertThat(reader.facts()).containsEntry("read.duplicateKeys", "3");
    }

    @Test
    void keysDifferingOnlyInCaseGetNumberedColumnsAndAFact() throws IOException {
        Path file = write("case.json", "[{\"id\": 42, \"Id\": 43, \"iD\": 44, \"ID\": 45, \"Id_1\": 46}]");

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().names()).containsExactly("id", "Id_1", "iD_2", "ID_3", "Id_1_1");
        assertThat(rows.get(0))
                .containsExactly(
                        Map.entry("id", 42),
                        Map.entry("Id_1", 43),
                        Map.entry("iD_2", 44),
                        Map.entry("ID_3", 45),
                        Map.entry("Id_1_1", 46));
        assertThat(reader.facts()).containsEntry("read.renamedKeys", "Id→Id_1, iD→iD_2, ID→ID_3, Id_1→Id_1_1");
    }

    @Test
    void undecodableBytesAreRefusedWithTheLine() throws IOException {
        Path file = dir.resolve("latin1.json");
        byte[] head = "[{\"a\": \"ok\"},\n {\"a\": \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}]".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // 'é' in ISO-8859-1, invalid as UTF-8 here
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(file, all);

        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(file + ": line 2, position ")
                .hasMessageContaining("not valid UTF-8");

        ReadOptions latin1 = new ReadOptions(null, null, null, StandardCharsets.ISO_8859_1, null, Map.of(), 0);
        assertThat(ReadResults.readAll(new JsonBatchReader(file, latin1)))
                .extracting(r -> r.get("a"))
                .containsExactly("ok", "café");
    }

    @Test
    void utf16WithBomIsDetected() throws IOException {
        Path file = dir.resolve("u16.json");
        byte[] body = "[{\"name\": \"Ärger\"}]".getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        Files.write(file, all);

        assertThat(ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect())))
                .containsExactly(Map.of("name", "Ärger"));
    }

    @Test
    void emptyInputsAreZeroRowsWithoutColumns() throws IOException {
        for (String content : new String[] {"", " \n\n ", " [ ] ", "[]\n[]"}) {
            Path file = write("empty.json", content);
            JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());

            assertThat(ReadResults.readAll(reader)).as("'%s'", content).isEmpty();
            assertThat(reader.schema().fields()).isEmpty();
            assertThat(reader.contentHash()).isNotBlank();
        }
    }

    @Test
    void recordsWithoutKeysAreRefused() throws IOException {
        Path noKeys = write("nokeys.json", "[{}, {}]");

        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(noKeys, ReadOptions.detect())))
                .hasMessage(noKeys + ": the 2 records have no keys, so there are no columns to read");
    }

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(missing, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(missing + ": file not found. Nothing was read.");
    }

    @Test
    void twoThousandKeys() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int r = 0; r < 3; r++) {
            json.append(r == 0 ? "{" : ",{");
            for (int k = 0; k < 2000; k++) {
                json.append(k == 0 ? "" : ",")
                        .append("\"k")
                        .append(k)
                        .append("\":")
                        .append(r * 10_000 + k);
            }
            json.append('}');
        }
        Path file = write("wide.json", json.append(']').toString());

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().size()).isEqualTo(2000);
        assertThat(reader.schema().names().get(1999)).isEqualTo("k1999");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("k1999")).isEqualTo(21_999);
    }

    @Test
    void aFiveMegabyteStringValue() throws IOException {
        String big = "ü".repeat(5 * 1024 * 1024 / 2) + "end";
        Path file = write("big.json", "[{\"id\": 1, \"blob\": \"" + big + "\"}, {\"id\": 2, \"blob\": \"small\"}]");

        List<Map<String, Object>> rows = ReadResults.readAll(new JsonBatchReader(file, ReadOptions.detect()));

        assertThat(rows.get(0).get("blob")).isEqualTo(big);
        assertThat(rows.get(1).get("blob")).isEqualTo("small");
    }

    @Test
    void contentHashIsTheSha256OfTheFileOnceReadToTheEnd() throws Exception {
        Path file = write("h.json", "[{\"a\": 1}, {\"a\": 2}]\n\n   \n");
        try (JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());
                BufferAllocator allocator = new RootAllocator()) {
            reader.open();
            assertThatThrownBy(reader::contentHash).isInstanceOf(IllegalStateException.class);
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(batch)) {
                    assertThat(batch.getRowCount()).isEqualTo(2);
                }
                assertThat(batch.getRowCount()).isZero();
            }
            String expected = "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertThat(reader.contentHash()).isEqualTo(expected);
        }
    }

    @Test
    void batchesHoldAtMostBatchRows() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            json.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append('}');
        }
        Path file = write("b.json", json.append(']').toString());
        ReadOptions options = new ReadOptions(null, null, null, null, null, Map.of(), 10);

        try (JsonBatchReader reader = new JsonBatchReader(file, options);
                BufferAllocator allocator = new RootAllocator()) {
            reader.open();
            assertThat(reader.batchRows()).isEqualTo(10);
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                int[] sizes = new int[4];
                int n = 0;
                while (reader.next(batch)) {
                    sizes[n++] = batch.getRowCount();
                }
                assertThat(sizes).containsExactly(10, 10, 5, 0);
            }
            assertThat(reader.rowsRead()).isEqualTo(25);
        }
    }

    @Test
    void trailingCommasInTheArrayAndItsObjectsAreReadAsIfAbsentButTwoCommasAreNot() throws IOException {
        Path file = write("trailing.json", "[\n  {\"id\": 1, \"tags\": [1, 2,],},\n  {\"id\": 2,},\n]\n");

        JsonBatchReader reader = new JsonBatchReader(file, ReadOptions.detect());

        assertThat(ReadResults.readAll(reader))
                .extracting(r -> r.get("id"), r -> r.get("tags"))
                .containsExactly(tuple(1, "[1,2]"), tuple(2, null));

        Path doubled = write("doubled.json", "[{\"id\": 1},, {\"id\": 2}]\n");
        assertThatThrownBy(() -> ReadResults.readAll(new JsonBatchReader(doubled, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(doubled.toString());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
