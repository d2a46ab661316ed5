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
import io.lakehub.processors.read.NewColumnException;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonBatchReaderTest {
    private static final int SAMPLE = JsonRecordReader.SAMPLE_RECORDS;

    @TempDir
    Path dir;

    @Test
    void aTrailingCommaBeforeAClosingBraceOrBracketIsReadAsIfAbsent() throws Exception {
        // A pretty-printed object as hand-edited (parquet-testing's variant/data_dictionary.json has one).
        Path file = Files.writeString(
                dir.resolve("trailing.json"), "{\n  \"id\": 1,\n  \"tags\": [\"a\", \"b\",],\n  \"name\": \"x\",\n}\n");

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());

        assertThat(ReadResults.readAll(reader)).containsExactly(Map.of("id", 1, "tags", "[\"a\",\"b\"]", "name", "x"));
        assertThat(reader.badRowCount()).isZero();
    }

    @Test
    void keysDifferingOnlyInCaseAreDistinctColumns() throws Exception {
        Path file = Files.writeString(dir.resolve("case.ndjson"), "{\"a\":1,\"A\":2}\n{\"A\":3}\n");

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());

        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("A_1")).containsExactly(2, 3);
        assertThat(reader.schema().names()).containsExactly("a", "A_1");
        assertThat(reader.facts()).containsEntry("read.renamedKeys", "A→A_1");
    }

    @Test
    void aKeyLearntAfterTheSampleThatDiffersOnlyInCaseGetsANumberedColumnToo() throws Exception {
        Path file = sampleThen("late-case.ndjson", "{\"n\": 1, \"S\": \"late\"}");

        NewColumnException e = catchThrowableOfType(
                NewColumnException.class, () -> ReadResults.readAll(new NdjsonBatchReader(file, ReadOptions.detect())));
        assertThat(e.key()).isEqualTo("S");

        // What the ingest does next: read again with the learnt key as a type override.
        ReadOptions learnt = new ReadOptions(null, null, null, null, null, Map.of("S", e.suggested()), 0);
        NdjsonBatchReader reader = new NdjsonBatchReader(file, learnt);
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().names()).containsExactly("n", "s", "S_1");
        assertThat(rows.get(SAMPLE)).containsEntry("s", null).containsEntry("S_1", "late");
        assertThat(reader.facts()).containsEntry("read.renamedKeys", "S→S_1");
    }

    @Test
    void readsOneObjectPerLineSkippingBlankLines() throws IOException {
        Path file = write("events.ndjson", """
                {"id": 1, "kind": "click", "at": "2024-05-01T12:00:00Z"}

                {"id": 2, "kind": "view", "props": {"page": "/ä"}}
                {"id": 3,
                 "kind": "pretty"}
                """);

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().names()).containsExactly("id", "kind", "at", "props");
        assertThat(rows).extracting(r -> r.get("kind")).containsExactly("click", "view", "pretty");
        assertThat(rows.get(1).get("props")).isEqualTo("{\"page\":\"/ä\"}");
        assertThat(rows.get(2).get("at")).isNull();
    }

    @Test
    void aLineThatIsNotAnObjectIsRefused() throws IOException {
        Path file = write("bad.ndjson", "{\"a\": 1}\n[1, 2]\n");

        assertThatThrownBy(() -> ReadResults.readAll(new NdjsonBatchReader(file, ReadOptions.detect())))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(file + ": line 2: expected one JSON object per line, found an array");
    }

    @Test
    void brokenLineIsNamed() throws IOException {
        Path file = write("broken.ndjson", "{\"a\": 1}\n{\"a\": 2}\n{\"a\" 3}\n");

        ReadFailedException e = catchThrowableOfType(
                ReadFailedException.class,
                () -> ReadResults.readAll(new NdjsonBatchReader(file, ReadOptions.detect())));

        assertThat(e.getMessage()).isEqualTo(file + ": line 3, position 6: not valid JSON");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void aLineThatIsNotValidJsonGoesToTheBadRowHandlerAndReadingGoesOn() throws Exception {
        Path file = write(
                "broken.ndjson", "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 5, \"b\" \"y\"}\r\n{\"b\": \"z\"}\n{\"a\": 4");
        List<BadRow> bad = new ArrayList<>();

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        reader.onBadRows(bad::add);
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        // The broken line's cells (a=5) never reach the next row.
        assertThat(rows).extracting(r -> r.get("a")).containsExactly(1, null);
        assertThat(rows).extracting(r -> r.get("b")).containsExactly("x", "z");
        assertThat(bad)
                .containsExactly(
                        new BadRow(file.toString(), 2, "not valid JSON", "{\"a\": 5, \"b\" \"y\"}"),
                        new BadRow(
                                file.toString(),
                                4,
                                "the JSON ends in the middle of a value (a bracket or quote is never closed)",
                                "{\"a\": 4"));
        assertThat(reader.facts()).containsEntry("read.badRows", "2");
        assertThat(reader.contentHash()).isEqualTo(sha256(file));
    }

    @Test
    void afterAnUnclosedObjectTheNextLineIsReadAgain() throws Exception {
        Path file = write("unclosed.ndjson", "{\"a\": 1\n{\"a\": 2}\n\n{\"a\": 3}\n");
        List<BadRow> bad = new ArrayList<>();

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        reader.onBadRows(bad::add);

        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("a")).containsExactly(2, 3);
        assertThat(bad).extracting(BadRow::line, BadRow::raw).containsExactly(tuple(1L, "{\"a\": 1"));
    }

    @Test
    void pastTheFirstSkippedLineErrorsStillNameTheirPhysicalLine() throws Exception {
        Path file = write("late.ndjson", "{\"a\": 1}\n{oops}\n\n{\"a\": 2}\n{\"a\": \"text\"}\n");
        ReadOptions aIsInt = new ReadOptions(null, null, null, null, null, Map.of("a", LakeType.INT), 0);
        NdjsonBatchReader reader = new NdjsonBatchReader(file, aIsInt);
        reader.onBadRows(row -> {});

        assertThatThrownBy(() -> ReadResults.readAll(reader))
                .isInstanceOf(ValueMismatchException.class)
                .hasMessageStartingWith(file + ": line 5, column 'a'");
    }

    @Test
    void emptyAndBlankFilesAreZeroRows() throws IOException {
        for (String content : new String[] {"", "\n\n", " \r\n \n"}) {
            Path file = write("e.ndjson", content);
            NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());

            assertThat(ReadResults.readAll(reader)).isEmpty();
            assertThat(reader.schema().fields()).isEmpty();
        }
    }

    @Test
    void linesOfScalarsAreOneValueColumn() throws IOException {
        Path file = write("n.ndjson", "1\n2.5\n\nnull\n");

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());

        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("value")).containsExactly(1.0, 2.5, null);
        assertThat(reader.schema().names()).containsExactly("value");
    }

    @Test
    void aLineThatIsNotAnObjectGoesToTheBadRowHandler() throws IOException {
        Path file = write("bad.ndjson", "{\"a\": 1}\n[1, 2]\n\"x\"\n{\"a\": 4}\n");
        List<BadRow> bad = new ArrayList<>();

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        reader.onBadRows(bad::add);

        assertThat(ReadResults.readAll(reader)).extracting(r -> r.get("a")).containsExactly(1, 4);
        assertThat(bad)
                .containsExactly(
                        new BadRow(file.toString(), 2, "expected one JSON object per line, found an array", "[1,2]"),
                        new BadRow(file.toString(), 3, "expected one JSON object per line, found a string", "\"x\""));
    }

    @Test
    void aValuePastTheSampleThatDoesNotFitSuggestsTheWiderType() throws IOException {
        Path file = sampleThen("late.ndjson", "{\"n\": 1.5, \"s\": \"x\"}");

        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        ValueMismatchException e =
                catchThrowableOfType(ValueMismatchException.class, () -> ReadResults.readAll(reader));

        assertThat(e.getMessage())
                .isEqualTo(file + ": line " + (SAMPLE + 1) + ", column 'n': value is not a valid int");
        assertThat(e.column()).isEqualTo("n");
        assertThat(e.expected()).isEqualTo(LakeType.INT);
        assertThat(e.suggested()).isEqualTo(LakeType.DOUBLE);

        // What the ingest does next: read again with the column widened.
        NdjsonBatchReader again = new NdjsonBatchReader(file, ReadOptions.detect());
        again.open();
        again.readAs(LakeSchema.of(LakeField.nullable("n", LakeType.DOUBLE), LakeField.nullable("s", LakeType.STRING)));
        List<Map<String, Object>> rows;
        try (BufferAllocator allocator = new RootAllocator()) {
            rows = ReadResults.drain(again, allocator);
        }
        again.close();
        assertThat(rows).hasSize(SAMPLE + 1);
        assertThat(rows.get(SAMPLE).get("n")).isEqualTo(1.5);
        assertThat(rows.get(0).get("n")).isEqualTo(0.0);
    }

    @Test
    void mismatchSuggestionsFollowTheWideningRules() throws IOException {
        assertThat(mismatchFor("{\"n\": 5000000000}").suggested()).isEqualTo(LakeType.BIGINT);
        assertThat(mismatchFor("{\"n\": \"five\"}").suggested()).isEqualTo(LakeType.STRING);
        assertThat(mismatchFor("{\"n\": 123456789012345678901234567890}").suggested())
                .isEqualTo(LakeType.STRING);
        assertThat(mismatchFor("{\"n\": {\"x\": 1}}").suggested()).isEqualTo(LakeType.JSON);
        assertThat(mismatchFor("{\"n\": true}").suggested()).isEqualTo(LakeType.STRING);
    }

    @Test
    void aDeclaredTypeIsEnforcedForQuotedValuesToo() throws IOException {
        Path file = write("o.ndjson", "{\"n\": \"12\"}\n{\"n\": \"twelve\"}\n");
        ReadOptions options = new ReadOptions(null, null, null, null, null, Map.of("n", LakeType.INT), 0);

        ValueMismatchException e = catchThrowableOfType(
                ValueMismatchException.class, () -> ReadResults.readAll(new NdjsonBatchReader(file, options)));

        assertThat(e.getMessage()).isEqualTo(file + ": line 2, column 'n': value is not a valid int");
    }

    @Test
    void aKeyFirstSeenPastTheSampleIsANewColumnUnlessItIsNull() throws IOException {
        Path file = sampleThen(
                "newkey.ndjson", "{\"n\": 1, \"s\": \"x\", \"ghost\": null}\n{\"n\": 2, \"email\": \"a@b\"}");

        NewColumnException e = catchThrowableOfType(
                NewColumnException.class, () -> ReadResults.readAll(new NdjsonBatchReader(file, ReadOptions.detect())));

        assertThat(e.key()).isEqualTo("email");
        assertThat(e.column()).isEqualTo("email");
        assertThat(e.suggested()).isEqualTo(LakeType.STRING);
        assertThat(e.line()).isEqualTo(SAMPLE + 2);
        assertThat(e.getMessage())
                .isEqualTo(file + ": line " + (SAMPLE + 2) + " (record " + (SAMPLE + 2) + "): key 'email' first appears"
                        + " after the " + SAMPLE + " records the columns were inferred from; declare it with a type"
                        + " override (email=string) to read it as a column");

        // Declaring it, as the message says, makes it a column.
        ReadOptions declared = new ReadOptions(null, null, null, null, null, Map.of(e.key(), e.suggested()), 0);
        NdjsonBatchReader reader = new NdjsonBatchReader(file, declared);
        List<Map<String, Object>> rows = ReadResults.readAll(reader);
        assertThat(reader.schema().names()).containsExactly("n", "s", "email");
        assertThat(rows.get(SAMPLE + 1).get("email")).isEqualTo("a@b");
        assertThat(rows.get(0).get("email")).isNull();
    }

    /**
     * 200,000 generated records (seeded) read in batches of 1,000: every value arrives, the Arrow
     * memory in use never exceeds a few batches' worth, and the hash is that of the file.
     */
    @Test
    void streamsLargeFilesInSmallBatches() throws Exception {
        int records = 200_000;
        Path file = dir.resolve("big.ndjson");
        Random random = new Random(42);
        long expectedIdSum = 0;
        long expectedLengthSum = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < records; i++) {
                long id = random.nextInt(1_000_000);
                String name = "user-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                expectedIdSum += id;
                expectedLengthSum += name.length();
                w.write("{\"id\":" + id + ",\"name\":\"" + name + "\",\"score\":" + random.nextDouble()
                        + (random.nextInt(10) == 0 ? ",\"tags\":[1,2]" : "") + "}\n");
            }
        }
        assertThat(Files.size(file)).isGreaterThan(10_000_000L);

        ReadOptions options = new ReadOptions(null, null, null, null, null, Map.of(), 1000);
        long idSum = 0;
        long lengthSum = 0;
        long rows = 0;
        // 4 MiB is far below the file's 10+ MB: holding all records would fail allocation.
        try (BufferAllocator allocator = new RootAllocator(4L << 20);
                NdjsonBatchReader reader = new NdjsonBatchReader(file, options)) {
            reader.open();
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(batch)) {
                    assertThat(batch.getRowCount()).isLessThanOrEqualTo(1000);
                    IntVector ids = (IntVector) batch.getVector("id");
                    VarCharVector names = (VarCharVector) batch.getVector("name");
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        idSum += ids.get(r);
                        lengthSum += names.get(r).length;
                    }
                    rows += batch.getRowCount();
                }
            }
            assertThat(allocator.getPeakMemoryAllocation()).isLessThan(2L << 20);
            assertThat(reader.rowsRead()).isEqualTo(records);
            assertThat(reader.contentHash()).isEqualTo(sha256(file));
        }
        assertThat(rows).isEqualTo(records);
        assertThat(idSum).isEqualTo(expectedIdSum);
        assertThat(lengthSum).isEqualTo(expectedLengthSum);
    }

    @Test
    void bigintColumnsWidenInsideTheSample() throws IOException {
        Path file = write("ints.ndjson", "{\"n\": 1}\n{\"n\": 9000000000}\n");
        NdjsonBatchReader reader = new NdjsonBatchReader(file, ReadOptions.detect());
        try (BufferAllocator allocator = new RootAllocator()) {
            reader.open();
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                assertThat(reader.next(batch)).isTrue();
                assertThat(((BigIntVector) batch.getVector("n")).get(1)).isEqualTo(9_000_000_000L);
            }
        } finally {
            reader.close();
        }
    }

    private ValueMismatchException mismatchFor(String lateRecord) throws IOException {
        Path file = sampleThen("m" + Math.abs(lateRecord.hashCode()) + ".ndjson", lateRecord);
        return catchThrowableOfType(
                ValueMismatchException.class,
                () -> ReadResults.readAll(new NdjsonBatchReader(file, ReadOptions.detect())));
    }

    /** A full inference sample of small ints and strings, then the given lines. */
    private Path sampleThen(String name, String after) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < SAMPLE; i++) {
                w.write("{\"n\": " + (i % 100) + ", \"s\": \"v" + i + "\"}\n");
            }
            w.write(after);
            w.write("\n");
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
