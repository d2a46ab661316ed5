package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.read.csv.CsvBatchReader;
import io.lakehub.processors.read.json.JsonBatchReader;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import io.lakehub.processors.read.parquet.ParquetBatchReader;
import io.lakehub.processors.read.text.TextBatchReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReadersTest {
    @TempDir
    Path dir;

    @Test
    void everyFormatHasAReader() {
        assertThat(BatchReaders.formats()).containsExactlyInAnyOrder(Format.values());
    }

    @Test
    void theFormatInTheOptionsPicksTheReaderWhateverTheFileLooksLike() throws Exception {
        Path file = Files.writeString(dir.resolve("data.csv"), "id\n1\n", StandardCharsets.UTF_8);
        Map<Format, Class<?>> expected = Map.of(
                Format.CSV, CsvBatchReader.class,
                Format.JSON, JsonBatchReader.class,
                Format.NDJSON, NdjsonBatchReader.class,
                Format.PARQUET, ParquetBatchReader.class,
                Format.TEXT, TextBatchReader.class);
        for (Format format : Format.values()) {
            assertThat(BatchReaders.forFile(file, ReadOptions.detect().withFormat(format)))
                    .as(format.displayName())
                    .isExactlyInstanceOf(expected.get(format));
        }
    }

    @Test
    void withoutAFormatTheFileDecides() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "id,name\n1,a\n", StandardCharsets.UTF_8);
        Path ndjson = Files.writeString(dir.resolve("b.ndjson"), "{\"id\": 1}\n", StandardCharsets.UTF_8);
        Path markdown = Files.writeString(dir.resolve("c.md"), "# title\n", StandardCharsets.UTF_8);

        assertThat(BatchReaders.forFile(csv, ReadOptions.detect())).isInstanceOf(CsvBatchReader.class);
        assertThat(BatchReaders.forFile(ndjson, ReadOptions.detect())).isInstanceOf(NdjsonBatchReader.class);
        assertThat(BatchReaders.forFile(markdown, ReadOptions.detect())).isInstanceOf(TextBatchReader.class);
    }
}
