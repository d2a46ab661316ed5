package io.lakehub.processors.read.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextBatchReaderTest {
    @TempDir
    Path dir;

    @Test
    void oneRowWithTheFileNameAndTheWholeText() throws Exception {
        String markdown = "# Überschrift\r\n\r\nSome *text* — with 😀.\n";
        Path file = dir.resolve("notes.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);

        TextBatchReader reader = new TextBatchReader(file, ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema())
                .isEqualTo(LakeSchema.of(
                        LakeField.nullable("path", LakeType.STRING), LakeField.nullable("text", LakeType.STRING)));
        assertThat(rows).containsExactly(Map.of("path", "notes.md", "text", markdown));
        assertThat(reader.rowsRead()).isEqualTo(1);
        assertThat(reader.contentHash())
                .isEqualTo("sha256:"
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
    }

    @Test
    void bomsAreHonouredAndDropped() throws IOException {
        Path utf8 = dir.resolve("bom8.txt");
        Files.write(
                utf8,
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "héllo".getBytes(StandardCharsets.UTF_8)));
        Path utf16 = dir.resolve("bom16.txt");
        Files.write(utf16, concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "héllo".getBytes(StandardCharsets.UTF_16BE)));

        assertThat(ReadResults.readAll(new TextBatchReader(utf8, ReadOptions.detect()))
                        .get(0)
                        .get("text"))
                .isEqualTo("héllo");
        assertThat(ReadResults.readAll(new TextBatchReader(utf16, ReadOptions.detect()))
                        .get(0)
                        .get("text"))
                .isEqualTo("héllo");
    }

    @Test
    void undecodableBytesAreRefusedNamingTheLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "line one\nline two\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        // Undetected, these bytes would be detected as Latin-1; a charset given is decoded strictly.
        ReadOptions utf8 = new ReadOptions(null, null, null, StandardCharsets.UTF_8, null, Map.of(), 0);
        assertThatThrownBy(() -> ReadResults.readAll(new TextBatchReader(file, utf8)))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(
                        file + ": line 3: bytes that are not valid UTF-8; save the file as UTF-8 or name its encoding")
                .satisfies(e -> assertThat(((ReadFailedException) e).line()).isEqualTo(3));

        ReadOptions latin1 = new ReadOptions(null, null, null, StandardCharsets.ISO_8859_1, null, Map.of(), 0);
        assertThat(ReadResults.readAll(new TextBatchReader(file, latin1)).get(0).get("text"))
                .isEqualTo("line one\nline two\ncafé\n");
    }

    @Test
    void aFiveMegabyteDocument() throws IOException {
        String text = "Zeile mit Umlauten äöü\n".repeat(5 * 1024 * 1024 / 26);
        Path file = dir.resolve("big.md");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        assertThat(ReadResults.readAll(new TextBatchReader(file, ReadOptions.detect()))
                        .get(0)
                        .get("text"))
                .isEqualTo(text);
    }

    @Test
    void anEmptyFileIsNoRowsAndAnOversizedOneIsRefused() throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.createFile(empty);
        Path huge = dir.resolve("huge.txt");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength((65L << 20)); // sparse: no 65 MiB written to disk
        }

        TextBatchReader emptyReader = new TextBatchReader(empty, ReadOptions.detect());
        assertThat(ReadResults.readAll(emptyReader)).isEmpty();
        assertThat(emptyReader.schema().names()).containsExactly("path", "text");
        assertThatThrownBy(() -> new TextBatchReader(huge, ReadOptions.detect()).open())
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(huge + ": file is 65 MiB; text files over 64 MiB are not read as a single value");
    }

    @Test
    void aFileThatIsNotUtf8HasItsCharsetDetectedAndRecorded() throws IOException {
        Path file = dir.resolve("latin.txt");
        String text = "Café crème à la française, déjà vu à Besançon.\n".repeat(10);
        Files.writeString(file, text, java.nio.charset.Charset.forName("windows-1252"));
        TextBatchReader reader = new TextBatchReader(file, ReadOptions.detect());
        assertThat(ReadResults.readAll(reader).get(0).get("text")).isEqualTo(text);
        assertThat(reader.facts().get("read.charset")).isIn("ISO-8859-1", "windows-1252");
    }

    @Test
    void readAsAcceptsOnlyTheTextSchema() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "x");
        try (TextBatchReader reader = new TextBatchReader(file, ReadOptions.detect())) {
            reader.open();
            reader.readAs(reader.schema());
            assertThatThrownBy(() -> reader.readAs(LakeSchema.of(
                            LakeField.nullable("path", LakeType.STRING), LakeField.nullable("text", LakeType.JSON))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
