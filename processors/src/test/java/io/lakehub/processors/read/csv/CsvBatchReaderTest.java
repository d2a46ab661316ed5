package io.lakehub.processors.read.csv;

import static io.lakehub.processors.testing.Hashes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBatchReaderTest {
    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void infersTypesAndReadsValues() throws IOException {
        Path f = write("people.csv", """
                id,name,score,active,born,seen,big
                1,Ann,1.5,true,1990-01-02,2024-01-15T10:20:30Z,5000000000
                2,Bob,,FALSE,1985-12-31,2024-01-15 10:20:30.5+01:00,7
                """);
        Read r = readAll(f, ReadOptions.detect());
        assertThat(r.schema)
                .isEqualTo(LakeSchema.of(
                        LakeField.nullable("id", LakeType.INT),
                        LakeField.nullable("name", LakeType.STRING),
                        LakeField.nullable("score", LakeType.DOUBLE),
                        LakeField.nullable("active", LakeType.BOOLEAN),
                        LakeField.nullable("born", LakeType.DATE),
                        LakeField.nullable("seen", LakeType.TIMESTAMP),
                        LakeField.nullable("big", LakeType.BIGINT)));
        assertThat(r.rows)
                .containsExactly(
                        List.of(
                                1,
                                "Ann",
                                1.5,
                                true,
                                LocalDate.of(1990, 1, 2),
                                Instant.parse("2024-01-15T10:20:30Z"),
                                5_000_000_000L),
                        Arrays.asList(
                                2,
                                "Bob",
                                null,
                                false,
                                LocalDate.of(1985, 12, 31),
                                Instant.parse("2024-01-15T09:20:30.5Z"),
                                7L));
        assertThat(r.hash).isEqualTo(sha256(Files.readAllBytes(f)));
    }

    @Test
    void detectsSemicolonTabAndPipe() throws IOException {
        for (String d : List.of(";", "\t", "|")) {
            Path f = write("d.csv", "a" + d + "b" + d + "c\n1" + d + "x, y" + d + "2.5\n3" + d + "z" + d + "4\n");
            Read r = readAll(f, ReadOptions.detect());
            assertThat(r.schema.names()).as("delimiter %s", d).containsExactly("a", "b", "c");
            assertThat(r.rows).containsExactly(List.of(1, "x, y", 2.5), List.of(3, "z", 4.0));
        }
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndNewlinesWithCrlf() throws IOException {
        Path f = write("q.csv", "id,text\r\n1,\"a, \"\"quoted\"\"\r\nsecond line\"\r\n2,\"\"\r\n3,\r\n");
        Read r = readAll(f, ReadOptions.detect());
        assertThat(r.rows)
                .containsExactly(List.of(1, "a, \"quoted\"\r\nsecond line"), List.of(2, ""), Arrays.asList(3, null));
    }

    @Test
    void readsUtf8AndUtf16WithBom() throws IOException {
        String text = "name,city\nZoë,Malmö\n李,東京\n";
        byte[] utf8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        for (byte[] bytes : List.of(utf8, le, be)) {
            Path f = dir.resolve("bom.csv");
            Files.write(f, bytes);
            Read r = readAll(f, ReadOptions.detect());
            assertThat(r.schema.names()).containsExactly("name", "city");
            assertThat(r.rows).containsExactly(List.of("Zoë", "Malmö"), List.of("李", "東京"));
            assertThat(r.hash).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void fileWithoutHeaderGetsNumberedColumns() throws IOException {
        Path f = write("n.csv", "1,a,2024-01-01\n2,b,2024-01-02\n");
        Read r = readAll(f, ReadOptions.detect());
        assertThat(r.schema)
                .isEqualTo(LakeSchema.of(
                        LakeField.nullable("column0", LakeType.INT),
                        LakeField.nullable("column1", LakeType.STRING),
                        LakeField.nullable("column2", LakeType.DATE)));
        assertThat(r.rows).hasSize(2);

        Path words = write("w.csv", "alpha,beta\ngamma,delta\n");
        Read forced = readAll(words, new ReadOptions(null, null, null, null, false, Map.of(), 0));
        assertThat(forced.schema.names()).containsExactly("column0", "column1");
        assertThat(forced.rows).containsExactly(List.of("alpha", "beta"), List.of("gamma", "delta"));
    }

    @Test
    void headerNamesAreTrimmedFilledAndMadeUnique() throws IOException {
        Path f = write("h.csv", " id ,,name,Name,name\n1,2,3,4,5\n");
        Read r = readAll(f, ReadOptions.detect());
        assertThat(r.schema.names()).containsExactly("id", "column1", "name", "Name_2", "name_3");
    }

    @Test
    void overridesReplaceInference() throws IOException {
        Path f = write("o.csv", "zip,amount\n12345,10\n54321,20\n");
        Read r = readAll(f, overrides(Map.of("zip", LakeType.STRING, "amount", LakeType.DOUBLE)));
        assertThat(r.schema.fields()).extracting(LakeField::type).containsExactly(LakeType.STRING, LakeType.DOUBLE);
        assertThat(r.rows).containsExactly(List.of("12345", 10.0), List.of("54321", 20.0));

        assertThatThrownBy(() -> readAll(f, overrides(Map.of("zipcode", LakeType.STRING))))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("'zipcode'")
                .hasMessageContaining("zip, amount");
    }

    @Test
    void raggedRowIsRefusedWithItsPhysicalLine() throws IOException {
        Path f = write("r.csv", "a,b\n1,\"two\nlines\"\n2,x\n3,y,extra-secret-value\n");
        assertThatThrownBy(() -> readAll(f, ReadOptions.detect()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("r.csv: line 5 has 3 fields")
                .hasMessageContaining("2 columns")
                .hasMessageNotContaining("secret")
                .extracting(e -> ((ReadFailedException) e).line())
                .isEqualTo(5L);
    }

    @Test
    void raggedRowPastTheSampleIsRefusedToo() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < CsvBatchReader.SAMPLE_ROWS + 10; i++) {
            sb.append(i).append(",x\n");
        }
        sb.append("1\n");
        Path f = write("late.csv", sb.toString());
        long expectedLine = CsvBatchReader.SAMPLE_ROWS + 12;
        assertThatThrownBy(() -> readAll(f, ReadOptions.detect()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("line " + expectedLine + " has 1 field ");
    }

    @Test
    void undecodableBytesAreRefusedWithTheirLine() throws IOException {
        // In the sample the charset would be detected; a charset the caller gives is decoded strictly.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("a,b\n1,ok\n2,\"multi\nline\"\n3,caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xE9); // Latin-1 'é', not UTF-8
        out.writeBytes("\n4,x\n".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("latin1.csv");
        Files.write(f, out.toByteArray());
        ReadOptions utf8 = new ReadOptions(null, null, null, StandardCharsets.UTF_8, null, Map.of(), 0);
        assertThatThrownBy(() -> readAll(f, utf8))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("latin1.csv: line 5 has bytes that are not valid UTF-8")
                .extracting(e -> ((ReadFailedException) e).line())
                .isEqualTo(5L);
    }

    @Test
    void undecodableBytesDeepIntoTheFileAreRefusedWithTheirLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,text\n".getBytes(StandardCharsets.UTF_8));
        int lines = 1;
        while (out.size() < 300_000) {
            out.writeBytes((lines + ",Zoë und ein längerer Text\n").getBytes(StandardCharsets.UTF_8));
            lines++;
        }
        out.writeBytes((lines + ",bad ").getBytes(StandardCharsets.UTF_8));
        out.write(0xFF);
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("deep.csv");
        Files.write(f, out.toByteArray());
        long expected = lines + 1;
        assertThatThrownBy(() -> readAll(f, ReadOptions.detect()))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("deep.csv: line " + expected + " has bytes that are not valid UTF-8");
    }

    @Test
    void charactersStraddlingReadBuffersSurviveIntact() throws IOException {
        // Put a 4-byte and a 2-byte character across every offset around the 64 KiB read buffer.
        for (int shift = 0; shift < 4; shift++) {
            StringBuilder sb = new StringBuilder("t\n");
            sb.append("x".repeat(65_536 - 2 - 2 - shift)).append('\n');
            sb.append("😀é,\"😀\"\n".replace(",", "")).append("end\n");
            Path f = write("edge" + shift + ".csv", sb.toString());
            Read r = readAll(f, ReadOptions.detect());
            assertThat(r.rows.get(1).get(0)).as("shift %d", shift).isEqualTo("😀é\"😀\"");
            assertThat(r.rows).hasSize(3);
        }
    }

    @Test
    void aNonAsciiDelimiterIsParsedFromDecodedText() throws IOException {
        Path f = write("para.csv", "a§b\n1§Zoë\n2§\"x§y\"\n");
        Read r = readAll(f, new ReadOptions(null, '§', null, null, null, Map.of(), 0));
        assertThat(r.schema.names()).containsExactly("a", "b");
        assertThat(r.rows).containsExactly(List.of(1, "Zoë"), List.of(2, "x§y"));
    }

    @Test
    void unclosedQuoteIsRefusedWithTheLineItStarts() throws IOException {
        // Detection reads this file without quoting, as DuckDB does; the quote the caller gives holds.
        Path f = write("u.csv", "a,b\n1,x\n2,\"never closed\n3,y\n");
        assertThat(readAll(f, ReadOptions.detect()).rows).hasSize(3);
        ReadOptions quoted = new ReadOptions(null, null, '"', null, null, Map.of(), 0);
        assertThatThrownBy(() -> readAll(f, quoted))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageContaining("u.csv: line 3 starts a quoted field that is never closed");
    }

    @Test
    void readsTwoThousandColumns() throws IOException {
        int n = 2000;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < n; c++) {
            sb.append(c == 0 ? "" : ",").append("c").append(c);
        }
        sb.append('\n');
        for (int row = 0; row < 50; row++) {
            for (int c = 0; c < n; c++) {
                sb.append(c == 0 ? "" : ",").append(row * n + c);
            }
            sb.append('\n');
        }
        Read r = readAll(write("wide.csv", sb.toString()), ReadOptions.detect());
        assertThat(r.schema.size()).isEqualTo(n);
        assertThat(r.rows).hasSize(50);
        assertThat(r.rows.get(49).get(1999)).isEqualTo(49 * n + 1999);
    }

    @Test
    void readsAFiveMegabyteField() throws IOException {
        String big = "x".repeat(5 * 1024 * 1024 - 3) + "é,\"";
        String escaped = big.replace("\"", "\"\"");
        Path f = write("big.csv", "id,blob\n1,\"" + escaped + "\"\n2,small\n");
        Read r = readAll(f, ReadOptions.detect());
        assertThat(r.rows).hasSize(2);
        assertThat((String) r.rows.get(0).get(1)).hasSize(big.length()).isEqualTo(big);
        assertThat(r.rows.get(1)).containsExactly(2, "small");
    }

    @Test
    void valuePastTheSampleRaisesMismatchAndReadsAfterWidening() throws IOException {
        StringBuilder sb = new StringBuilder("n,label\n");
        for (int i = 0; i < CsvBatchReader.SAMPLE_ROWS + 100; i++) {
            sb.append(i).append(",l").append(i).append('\n');
        }
        sb.append("9999999999,last\n");
        Path f = write("widen.csv", sb.toString());
        long line = CsvBatchReader.SAMPLE_ROWS + 102;

        assertThatThrownBy(() -> readAll(f, ReadOptions.detect()))
                .isInstanceOfSatisfying(ValueMismatchException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo("n");
                    assertThat(e.expected()).isEqualTo(LakeType.INT);
                    assertThat(e.suggested()).isEqualTo(LakeType.BIGINT);
                    assertThat(e.getMessage()).doesNotContain("9999999999");
                });

        LakeSchema wide =
                LakeSchema.of(LakeField.nullable("n", LakeType.BIGINT), LakeField.nullable("label", LakeType.STRING));
        Read r = readAll(f, ReadOptions.detect(), wide);
        assertThat(r.rows).hasSize(CsvBatchReader.SAMPLE_ROWS + 101);
        assertThat(r.rows.get(r.rows.size() - 1)).containsExactly(9_999_999_999L, "last");
    }

    @Test
    void fillsBatchesOfTheRequestedSizeAndReusesThem() throws IOException {
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i).append('\n');
        }
        Path f = write("b.csv", sb.toString());
        try (CsvBatchReader reader =
                new CsvBatchReader(f, new ReadOptions(null, null, null, null, null, Map.of(), 300))) {
            reader.open();
            assertThat(reader.batchRows()).isEqualTo(300);
            List<Integer> sizes = new ArrayList<>();
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(root)) {
                    sizes.add(root.getRowCount());
                }
                assertThat(root.getRowCount()).isZero();
            }
            assertThat(sizes).containsExactly(300, 300, 300, 100);
            assertThat(reader.rowsRead()).isEqualTo(1000);
        }
    }

    // ---------------------------------------------------------------- helpers

    record Read(LakeSchema schema, List<List<Object>> rows, String hash) {}

    private Read readAll(Path f, ReadOptions options) {
        return readAll(f, options, null);
    }

    private Read readAll(Path f, ReadOptions options, LakeSchema readAs) {
        try (CsvBatchReader reader = new CsvBatchReader(f, options)) {
            reader.open();
            if (readAs != null) {
                reader.readAs(readAs);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
                while (reader.next(root)) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        List<Object> row = new ArrayList<>();
                        for (FieldVector v : root.getFieldVectors()) {
                            row.add(value(v, i));
                        }
                        rows.add(row);
                    }
                }
            }
            return new Read(reader.schema(), rows, reader.contentHash());
        }
    }

    static Object value(FieldVector v, int i) {
        if (v.isNull(i)) {
            return null;
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        if (v instanceof DateDayVector d) {
            return LocalDate.ofEpochDay(d.get(i));
        }
        if (v instanceof TimeStampVector t) {
            return Instant.EPOCH.plus(t.get(i), ChronoUnit.MICROS);
        }
        return v.getObject(i);
    }

    private static ReadOptions overrides(Map<String, LakeType> overrides) {
        return new ReadOptions(null, null, null, null, null, overrides, 0);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content, StandardCharsets.UTF_8);
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, charset);
        return f;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
