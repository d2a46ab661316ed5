package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.schema.InvalidColumnNameException;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A column name with a control character (what a UTF-16 file read as 8-bit, or a corrupt export,
 * produces): a CSV header cell is cleaned by the reader (NUL dropped, other control characters made
 * spaces, counted in {@code read.columnNamesCleaned}); a JSON key that spells one out is refused at
 * ingest, naming the file and the column, before anything is written: once committed, no SQL view
 * could name that column.
 */
class ColumnNameIngestTest {
    static final DatasetName PEOPLE = DatasetName.of("people");

    @TempDir
    Path tmp;

    Path lake;
    InMemoryCatalog catalog;
    Ingestor ingestor;

    @BeforeEach
    void setUp() throws IOException {
        lake = Files.createDirectories(tmp.resolve("lake"));
        catalog = new InMemoryCatalog(lake);
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
    }

    enum Source {
        NDJSON(
                "people.ndjson",
                "{\"id\":1,\"col\\u0000 2\":\"a\"}\n{\"id\":2,\"col\\u0000 2\":\"b\"}\n",
                Format.NDJSON);

        final String file;
        final String content;
        final Format format;

        Source(String file, String content, Format format) {
            this.file = file;
            this.content = content;
            this.format = format;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCsvHeaderWithControlCharactersIsCleanedAndTheRunSaysSo(boolean formatNamed) throws IOException {
        Path file = Files.writeString(tmp.resolve("people.csv"), "id,col\u0000 2,first\tname\n1,a,b\n2,b,c\n");
        ReadOptions options = formatNamed ? ReadOptions.detect().withFormat(Format.CSV) : ReadOptions.detect();

        IngestResult result = ingestor.ingest(IngestRequest.builder(PEOPLE)
                .file(file)
                .options(options)
                .sourceSystem("inbox")
                .actor("tester")
                .build());

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.note()).contains("2 header name(s) held control characters");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema().names()).containsExactly("id", "col 2", "first name");
        assertThat(catalog.snapshots(PEOPLE).getFirst().properties()).containsEntry("read.columnNamesCleaned", "2");
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void aColumnNameWithANulByteIsRefusedNamingFileAndColumnAndNothingIsWritten(Source source) throws IOException {
        Path file = Files.writeString(tmp.resolve(source.file), source.content, StandardCharsets.UTF_8);
        ReadOptions options = source.format == null
                ? ReadOptions.detect()
                : ReadOptions.detect().withFormat(source.format);

        assertThatThrownBy(() -> ingestor.ingest(IngestRequest.builder(PEOPLE)
                        .file(file)
                        .options(options)
                        .sourceSystem("inbox")
                        .actor("tester")
                        .widenToString(true)
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasCauseInstanceOf(InvalidColumnNameException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("Column name 'col\\u0000 2'")
                .hasMessageContaining("control character (U+0000)")
                .hasMessageEndingWith("Nothing was written.")
                .message()
                .doesNotContain("\u0000");

        assertThat(catalog.filesOnDisk()).isEmpty();
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        AuditEvent refused = catalog.audit().latest(1).getFirst();
        assertThat(refused.action()).isEqualTo("ingest.refused");
        assertThat(refused.entity()).isEqualTo("dataset:people");
        assertThat(refused.details()).contains("col\\\\u0000 2").contains("\"column\":\"col\\u0000 2\"");
    }
}
