package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.csv.CsvBatchReader;
import io.lakehub.processors.testing.DuckDb;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
    static final DatasetName PEOPLE = DatasetName.of("people");
    /** Named explicitly: format detection is another module's work and not needed here. */
    static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);

    @TempDir
    Path tmp;

    Path lake;
    Path inbox;
    InMemoryCatalog catalog;
    Ingestor ingestor;

    @BeforeEach
    void setUp() throws IOException {
        lake = Files.createDirectories(tmp.resolve("lake"));
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        catalog = new InMemoryCatalog(lake);
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
    }

    private IngestRequest request(Path file) {
        return IngestRequest.builder(PEOPLE)
                .file(file)
                .options(CSV)
                .sourceSystem("inbox")
                .sourceUri("sftp://bob:secret@host/in/" + file.getFileName())
                .pipeline("p1")
                .actor("tester")
                .build();
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(inbox.resolve(name), content);
    }

    @Test
    void commitsTheFileWithLineageAndDuckDbReadsIt() throws IOException {
        Path f = csv("people.csv", "id,name,score\n1,Ann,1.5\n2,\"Bob, Jr.\",\n3,Zoë,3\n");
        IngestResult result = ingestor.ingest(request(f));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.files()).singleElement().asString().startsWith("people/");
        assertThat(result.contentHash()).isEqualTo(io.lakehub.processors.testing.Hashes.sha256(Files.readAllBytes(f)));
        assertThat(result.schemaChanges())
                .containsExactly("added column id (int)", "added column name (string)", "added column score (double)");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(3);

        LineageRecord lineage = catalog.lineage(PEOPLE).getFirst();
        assertThat(lineage.sourceUri()).isEqualTo("sftp://***@host/in/people.csv");
        assertThat(lineage.sourceSystem()).isEqualTo("inbox");
        assertThat(lineage.pipeline()).isEqualTo("p1");
        assertThat(lineage.contentHash()).isEqualTo(result.contentHash());

        assertThat(DuckDb.query("SELECT id, name, score FROM read_parquet('"
                        + lake.resolve(result.files().getFirst()) + "')"))
                .containsExactly(
                        List.of(1, "Ann", 1.5), java.util.Arrays.asList(2, "Bob, Jr.", null), List.of(3, "Zoë", 3.0));
    }

    @Test
    void aFileReadAsOneColumnOrWithCleanedHeaderNamesSaysSoInTheResult() throws IOException {
        IngestResult oneColumn = ingestor.ingest(request(csv("dec.csv", "amount\n12,5\n145,00\n5.25\n")));
        assertThat(oneColumn.rows()).isEqualTo(3);
        assertThat(oneColumn.note()).contains("read as one column");
        assertThat(catalog.snapshots(PEOPLE).getLast().properties()).containsEntry("read.singleColumn", "true");

        IngestResult table = ingestor.ingest(request(csv("t.csv", "amount\n1\n2\n")));
        assertThat(table.note()).isNull();
    }

    @Test
    void theSameBytesAgainAreADuplicateThatWritesNothing() throws IOException {
        Path f = csv("a.csv", "id\n1\n2\n");
        IngestResult first = ingestor.ingest(request(f));
        List<String> filesAfterFirst = catalog.filesOnDisk();

        Path again = Files.copy(f, inbox.resolve("a-again.csv"));
        IngestResult second = ingestor.ingest(request(again));

        assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(second.snapshotId()).isEqualTo(first.snapshotId());
        assertThat(second.files()).isEmpty();
        assertThat(catalog.filesOnDisk()).isEqualTo(filesAfterFirst);
        assertThat(catalog.snapshots(PEOPLE)).hasSize(1);
        AuditEvent dup = catalog.audit().latest(1).getFirst();
        assertThat(dup.action()).isEqualTo("ingest.duplicate");
        assertThat(dup.entity()).isEqualTo("dataset:people");
        assertThat(dup.details())
                .contains("\"source\":\"sftp://***@host/in/a-again.csv\"")
                .contains("\"contentHash\":\"" + first.contentHash() + "\"")
                .contains("\"earlierSnapshot\":" + first.snapshotId());
    }

    @Test
    void aRefusedFileLeavesNoParquetFileAndIsAudited() throws IOException {
        StringBuilder sb = new StringBuilder("id,secret\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i).append(",s").append(i).append('\n');
        }
        sb.append("100000,top-secret-value,extra\n");
        Path f = csv("ragged.csv", sb.toString());

        // on_bad_rows fail: the ragged row refuses the file (the default, rejects, would keep it aside).
        assertThatThrownBy(() -> ingestor.ingest(request(f).toBuilder()
                        .badRows(BadRowPolicy.parse("fail", null))
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("ragged.csv: line 100002 has 3 fields")
                .hasMessageEndingWith("Nothing was written.")
                .hasMessageNotContaining("top-secret");

        assertThat(catalog.filesOnDisk()).isEmpty();
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        AuditEvent refused = catalog.audit().latest(1).getFirst();
        assertThat(refused.action()).isEqualTo("ingest.refused");
        assertThat(refused.details())
                .contains("\"line\":100002")
                .contains("line 100002 has 3 fields")
                .doesNotContain("top-secret")
                .doesNotContain("bob:secret");
    }

    @Test
    void aValuePastTheSampleWidensTheColumnAndReadsAgain() throws IOException {
        Path f = csv("wide.csv", intsThen(CsvBatchReader.SAMPLE_ROWS + 50_000, "12345678901"));
        IngestResult result = ingestor.ingest(request(f));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.schemaChanges()).contains("added column n (bigint)");
        assertThat(catalog.dataset(PEOPLE)
                        .orElseThrow()
                        .schema()
                        .field("n")
                        .orElseThrow()
                        .type())
                .isEqualTo(LakeType.BIGINT);
        assertThat(DuckDb.query("SELECT count(*), max(n) FROM read_parquet('" + lake + "/people/*.parquet')"))
                .containsExactly(List.of((long) CsvBatchReader.SAMPLE_ROWS + 50_001, 12_345_678_901L));
        assertThat(catalog.filesOnDisk()).hasSameSizeAs(result.files());
    }

    @Test
    void anOverriddenColumnIsNotWidenedButRefused() throws IOException {
        Path f = csv("over.csv", intsThen(CsvBatchReader.SAMPLE_ROWS + 10, "oops"));
        IngestRequest request = IngestRequest.of(
                        PEOPLE,
                        f,
                        new ReadOptions(Format.CSV, null, null, null, null, Map.of("n", LakeType.INT), 0),
                        "cli",
                        "tester")
                .toBuilder()
                // With on_bad_rows rejects (the default) the row would be a bad row instead.
                .badRows(BadRowPolicy.parse("fail", null))
                .build();

        assertThatThrownBy(() -> ingestor.ingest(request))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("over.csv: line " + (CsvBatchReader.SAMPLE_ROWS + 12) + ", column 'n'")
                .hasMessageContaining("type override")
                .hasMessageNotContaining("oops");
        assertThat(catalog.filesOnDisk()).isEmpty();
    }

    @Test
    void schemaEvolvesAcrossIngestsAndIncompatibleTypesAreRefused() throws IOException {
        ingestor.ingest(request(csv("1.csv", "id,day\n1,2024-01-01\n")));
        IngestResult second = ingestor.ingest(request(csv("2.csv", "id,day,extra\n2.5,2024-01-02,x\n")));
        assertThat(second.schemaChanges())
                .containsExactly("widened column id from int to double", "added column extra (string)");

        List<String> before = catalog.filesOnDisk();
        assertThatThrownBy(() -> ingestor.ingest(request(csv("3.csv", "id,day\n3,17\n"))))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("3.csv: Column 'day' of dataset 'people' is date but the incoming data has int")
                .hasMessageEndingWith("Nothing was written.");
        assertThat(catalog.filesOnDisk()).isEqualTo(before);

        IngestRequest widen = IngestRequest.of(PEOPLE, csv("4.csv", "id,day\n4,17\n"), CSV, "cli", "t").toBuilder()
                .sourceUri("4.csv")
                .widenToString(true)
                .build();
        assertThat(ingestor.ingest(widen).schemaChanges()).containsExactly("widened column day from date to string");
    }

    @Test
    void aFailedCommitIsNotARefusalAndTheCatalogDeletesTheFiles() throws IOException {
        catalog.onCommit(r -> {
            throw new CatalogUnavailableException("catalog down; nothing was committed", null);
        });
        assertThatThrownBy(() -> ingestor.ingest(request(csv("c.csv", "id\n1\n"))))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(catalog.filesOnDisk()).isEmpty();
        assertThat(catalog.audit().latest(10)).noneMatch(e -> e.action().equals("ingest.refused"));
    }

    @Test
    void filesOfACommitWhoseOutcomeIsUnknownAreKept() throws IOException {
        // COMMIT failed and the catalog cannot tell whether it landed: it keeps the files, and so must
        // the ingest, or a landed snapshot would point at deleted files.
        catalog.onCommitLeavingFiles(r -> {
            throw new CatalogUnavailableException("outcome unknown; the new data files were left in place", null);
        });
        assertThatThrownBy(() -> ingestor.ingest(request(csv("u.csv", "id\n1\n"))))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(catalog.filesOnDisk()).hasSize(1);
    }

    @Test
    void manyRowGroupsAndFilesKeepSourceOrder() throws IOException {
        Ingestor small = new Ingestor(
                catalog,
                IngestSettings.defaults()
                        .withWriterThreads(3)
                        .withBatchRows(1000)
                        .withTargetFileSizeBytes(64 * 1024)
                        .withParquet(ParquetWriteOptions.defaults().withRowGroupRows(5000)));
        StringBuilder sb = new StringBuilder("n,text\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i).append(",row ").append(i).append('\n');
        }
        IngestResult result = small.ingest(request(csv("order.csv", sb.toString())));
        small.close();

        assertThat(result.files()).hasSizeGreaterThan(2);
        long expectedFirst = 0;
        for (String file : result.files()) {
            List<List<Object>> rows =
                    DuckDb.query("SELECT min(n), max(n), count(*), bool_and(n = lag_n + 1 OR lag_n IS NULL) FROM"
                            + " (SELECT n, lag(n) OVER () AS lag_n FROM read_parquet('" + lake.resolve(file) + "'))");
            List<Object> r = rows.getFirst();
            assertThat(r.get(0))
                    .as("file %s starts where the previous ended", file)
                    .isEqualTo((int) expectedFirst);
            assertThat(r.get(3)).as("rows in source order within %s", file).isEqualTo(true);
            expectedFirst = ((Integer) r.get(1)) + 1;
        }
        assertThat(expectedFirst).isEqualTo(200_000);
        assertThat(catalog.liveFiles(PEOPLE)).hasSameSizeAs(result.files());
    }

    @Test
    void wideFilesAndHugeFieldsGoThrough() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < 2000; c++) {
            sb.append(c == 0 ? "" : ",").append("c").append(c);
        }
        sb.append('\n');
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 2000; c++) {
                sb.append(c == 0 ? "" : ",").append(r * c);
            }
            sb.append('\n');
        }
        IngestResult wide = ingestor.ingest(request(csv("wide.csv", sb.toString())));
        assertThat(DuckDb.query("SELECT count(*), sum(c1999) FROM read_parquet('"
                        + lake.resolve(wide.files().getFirst()) + "')"))
                .containsExactly(List.of(300L, java.math.BigInteger.valueOf(1999L * 299 * 300 / 2)));

        String big = "é".repeat(5 * 1024 * 1024 / 2) + "\n\"quoted\"";
        Path f = csv("big.csv", "id,blob\n1,\"" + big.replace("\"", "\"\"") + "\"\n2,small\n");
        IngestResult result = ingestor.ingest(IngestRequest.of(DatasetName.of("blobs"), f, CSV, "cli", "t"));
        assertThat(DuckDb.query("SELECT id, length(blob), blob = '" + big.replace("'", "''") + "' FROM read_parquet('"
                        + lake.resolve(result.files().getFirst()) + "') ORDER BY id"))
                .containsExactly(List.of(1, (long) big.length(), true), java.util.Arrays.asList(2, 5L, false));
        assertThat(catalog.liveFiles(DatasetName.of("blobs"))
                        .getFirst()
                        .stats()
                        .get(1)
                        .max())
                .isNull();
    }

    @Test
    void aWriterFailingMidwayLeavesNothingBehind() throws IOException {
        // The dataset folder cannot be created: a file stands where it should be.
        Files.writeString(lake.resolve("people"), "not a folder");
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 0; i < 300_000; i++) {
            sb.append(i).append('\n');
        }
        assertThatThrownBy(() -> ingestor.ingest(request(csv("w.csv", sb.toString()))))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("Could not create a Parquet file");
        assertThat(catalog.filesOnDisk()).containsExactly("people");
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
    }

    private static String intsThen(int rows, String last) {
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append('\n');
        }
        return sb.append(last).append('\n').toString();
    }
}
