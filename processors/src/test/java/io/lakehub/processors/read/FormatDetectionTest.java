package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.read.json.JsonBatchReader;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import io.lakehub.processors.read.parquet.ParquetBatchReader;
import io.lakehub.processors.read.text.TextBatchReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "data.csv, CSV",
        "data.TSV, CSV",
        "data.ndjson, NDJSON",
        "data.JSONL, NDJSON",
        "data.parquet, PARQUET",
        "notes.txt, TEXT",
        "notes.md, TEXT",
        "notes.Markdown, TEXT"
    })
    void byExtensionWithoutLookingAtTheContent(String name, Format expected) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "[{\"looks\": \"like json\"}]");
        assertThat(FormatDetection.detect(file)).isEqualTo(expected);
    }

    @Test
    void dotJsonIsAnArrayOrOneObjectPerLine() throws IOException {
        assertThat(FormatDetection.detect(write("a.json", "\n  [{\"a\": 1}]"))).isEqualTo(Format.JSON);
        assertThat(FormatDetection.detect(write("b.json", "{\"a\": 1}\n{\"a\": 2}\n")))
                .isEqualTo(Format.NDJSON);
        assertThat(FormatDetection.detect(write("c.json", "\uFEFF{\"a\": 1}"))).isEqualTo(Format.NDJSON);
        assertThat(FormatDetection.detect(write("d.json", ""))).isEqualTo(Format.JSON);
    }

    @Test
    void unknownExtensionsAreSniffed() throws IOException {
        assertThat(FormatDetection.detect(write("x.dat", "PAR1\0\0"))).isEqualTo(Format.PARQUET);
        assertThat(FormatDetection.detect(write("x.log", "\uFEFF \t\r\n[1]"))).isEqualTo(Format.JSON);
        assertThat(FormatDetection.detect(write("noext", "{\"a\":1}"))).isEqualTo(Format.NDJSON);
        assertThat(FormatDetection.detect(write("x.export", "a,b\n1,2\n"))).isEqualTo(Format.CSV);
        assertThat(FormatDetection.detect(write("x.empty", ""))).isEqualTo(Format.CSV);
    }

    @Test
    void utf16ByBomIsSniffed() throws IOException {
        Path le = dir.resolve("le.data");
        Files.write(le, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, " [1]".getBytes(StandardCharsets.UTF_16LE)));
        Path be = dir.resolve("be.data");
        Files.write(be, concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "\n{}".getBytes(StandardCharsets.UTF_16BE)));

        assertThat(FormatDetection.detect(le)).isEqualTo(Format.JSON);
        assertThat(FormatDetection.detect(be)).isEqualTo(Format.NDJSON);
    }

    @Test
    void aMissingFileThatMustBeSniffedIsRefused() {
        Path missing = dir.resolve("missing.bin");
        assertThatThrownBy(() -> FormatDetection.detect(missing))
                .isInstanceOf(ReadFailedException.class)
                .hasMessage(missing + ": file not found. Nothing was read.");
    }

    @Test
    void theReaderFactoryUsesDetection() throws IOException {
        assertThat(BatchReaders.forFile(write("e.jsonl", "{}"), ReadOptions.detect()))
                .isInstanceOf(NdjsonBatchReader.class);
        assertThat(BatchReaders.forFile(write("f.json", "[]"), ReadOptions.detect()))
                .isInstanceOf(JsonBatchReader.class);
        assertThat(BatchReaders.forFile(write("g.md", "#"), ReadOptions.detect()))
                .isInstanceOf(TextBatchReader.class);
        assertThat(BatchReaders.forFile(write("h.bin", "PAR1"), ReadOptions.detect()))
                .isInstanceOf(ParquetBatchReader.class);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
