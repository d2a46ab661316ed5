package io.lakehub.processors.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetCodec;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.pii.PiiType;
import io.lakehub.processors.pii.ScanOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PII step in a real ingest (embedded H2 catalog, real Parquet files): what a policy removes is
 * in no byte of the files, and the classification is committed with the data.
 */
class PiiGovernedIngestTest {
    private static final DatasetName PEOPLE = DatasetName.of("people");
    private static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);
    private static final String[] CARDS = {"4111-1111-1111-1111", "5500-0000-0000-0004", "3400-000000-00009"};

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private Ingestor ingestor;
    private PiiGovernance governance;

    @BeforeEach
    void setUp() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        governance = PiiGovernance.of(true, "secret-0029", PiiAction.FLAG, ScanOptions.DEFAULTS);
        // Uncompressed pages: a value that reached a file is in its bytes as written.
        ingestor = new Ingestor(
                        catalog,
                        IngestSettings.defaults()
                                .withWriterThreads(2)
                                .withBatchRows(256)
                                .withParquet(ParquetWriteOptions.defaults().withCodec(ParquetCodec.UNCOMPRESSED)))
                .governedBy(governance);
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
        catalog.close();
    }

    private Path people(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("id,email,card,ssn,city\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i)
                    .append(",person")
                    .append(i)
                    .append("@mail.example.com,")
                    .append(CARDS[i % CARDS.length])
                    .append(',')
                    .append(String.format("%03d-%02d-%04d", 100 + i % 500, 10 + i % 80, 1000 + i))
                    .append(",Springfield")
                    .append(i % 10)
                    .append('\n');
        }
        return Files.writeString(Files.createDirectories(home.resolve("in")).resolve("people.csv"), sb);
    }

    private IngestRequest request(Path file, String pipeline) {
        return IngestRequest.builder(PEOPLE)
                .file(file)
                .options(CSV)
                .sourceSystem("test")
                .pipeline(pipeline)
                .actor("tester")
                .build();
    }

    private byte[] allFileBytes() throws IOException {
        List<byte[]> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(catalog.datasetDir(PEOPLE))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                parts.add(Files.readAllBytes(f));
            }
        }
        return String.join(
                        "|",
                        parts.stream()
                                .map(b -> new String(b, StandardCharsets.ISO_8859_1))
                                .toList())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private List<List<Object>> lake(String select) {
        return DuckDb.query(select.replace("$lake", "read_parquet('" + catalog.datasetDir(PEOPLE) + "/*.parquet')"));
    }

    @Test
    void maskedHashedAndDroppedValuesNeverReachTheFiles() throws IOException {
        governance.usePipelines(Map.of(
                "people-pipe",
                new PiiConfig(
                        true,
                        List.of(
                                PiiPolicy.column("f: pii.policies[0]", "email", PiiAction.HASH),
                                PiiPolicy.type("f: pii.policies[1]", PiiType.CREDIT_CARD, PiiAction.MASK)
                                        .keeping(0, 4),
                                PiiPolicy.column("f: pii.policies[2]", "ssn", PiiAction.DROP)))));
        Path file = people(3000);

        IngestResult result = ingestor.ingest(request(file, "people-pipe"));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        byte[] bytes = allFileBytes();
        assertThat(contains(bytes, "Springfield7"))
                .as("a flagged value is written as it came")
                .isTrue();
        for (int i = 0; i < 3000; i += 97) {
            assertThat(contains(bytes, "person" + i + "@mail")).isFalse();
            assertThat(contains(bytes, String.format("-%04d", 1000 + i))).isFalse();
        }
        for (String card : CARDS) {
            assertThat(contains(bytes, card.substring(0, 9))).isFalse();
        }
        assertThat(lake("SELECT count(*) FROM $lake WHERE length(email) = 64 AND card LIKE '%*%'"))
                .containsExactly(List.of(3000L));
        assertThat(lake("SELECT card FROM $lake WHERE id = 0")).containsExactly(List.of("***************1111"));
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema().names())
                .containsExactly("id", "email", "card", "city");

        Snapshot snapshot = catalog.snapshots(PEOPLE).getFirst();
        assertThat(snapshot.properties())
                .containsEntry("step.pii.column.email.pii", "EMAIL")
                .containsEntry("step.pii.column.email.action", "hash")
                .containsEntry("step.pii.column.card.pii", "CREDIT_CARD")
                .containsEntry("step.pii.column.card.action", "mask")
                .containsEntry("step.pii.column.ssn.pii", "US_SSN")
                .containsEntry("step.pii.column.ssn.action", "drop")
                .containsEntry("step.pii.column.city.pii", "none");
        assertThat(String.join("\n", snapshot.properties().values())).doesNotContain("@mail", "Springfield");
    }

    @Test
    void quarantinedRowsLandInTheCompanionDatasetInTheSameCommitAndNeverInTheDataset() throws IOException {
        governance.usePipelines(Map.of(
                "notes-pipe",
                new PiiConfig(true, List.of(PiiPolicy.column("f: pii.policies[0]", "note", PiiAction.QUARANTINE)))));
        StringBuilder csv = new StringBuilder("id,note\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i)
                    .append(',')
                    .append(
                            i % 10 == 3
                                    ? "please call me back at writer" + i + "@mail.example.com soon"
                                    : "delivered to the back door thanks " + i)
                    .append('\n');
        }
        Path file =
                Files.writeString(Files.createDirectories(home.resolve("in")).resolve("notes.csv"), csv);
        List<io.lakehub.catalog.commit.DatasetChange> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var subscription = catalog.changes().subscribe(published::add)) {
            IngestResult result = ingestor.ingest(request(file, "notes-pipe"));
            assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
            assertThat(result.note())
                    .isEqualTo("200 rows with PII in a quarantined column went to people__quarantine instead (same"
                            + " commit)");
        }

        DatasetName quarantine = DatasetName.of("people__quarantine");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(1800);
        assertThat(catalog.dataset(quarantine).orElseThrow().rowCount()).isEqualTo(200);
        assertThat(catalog.dataset(quarantine).orElseThrow().schema().names()).containsExactly("id", "note");
        assertThat(contains(allFileBytes(), "@mail.example.com"))
                .as("no quarantined row reached the dataset's files")
                .isFalse();
        assertThat(lake("SELECT count(*), min(id) FROM $lake WHERE id % 10 = 3"))
                .containsExactly(java.util.Arrays.asList(0L, null));
        assertThat(DuckDb.query("SELECT count(*), min(id) FROM read_parquet('" + catalog.datasetDir(quarantine)
                        + "/*.parquet') WHERE note LIKE '%@mail.example.com%'"))
                .containsExactly(List.of(200L, 3));
        // One transaction: the change feed heard both right after it, and the snapshots say so.
        assertThat(published)
                .extracting(io.lakehub.catalog.commit.DatasetChange::dataset)
                .containsExactly("people", "people__quarantine");
        Snapshot main = catalog.snapshots(PEOPLE).getFirst();
        assertThat(main.properties())
                .containsEntry("quarantine.dataset", "people__quarantine")
                .containsEntry("step.pii.quarantined", "200")
                .containsEntry("step.pii.column.note.action", "quarantine");
        assertThat(catalog.snapshots(quarantine).getFirst().properties()).containsEntry("quarantine.of", "people");

        // The same bytes again: a duplicate of the dataset's commit, and the quarantine gets nothing.
        IngestResult again = ingestor.ingest(request(file, "notes-pipe"));
        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(catalog.dataset(quarantine).orElseThrow().rowCount()).isEqualTo(200);
    }

    @Test
    void anUpsertCommitsItsQuarantineInTheSameTransactionAsItsMerge() throws IOException {
        governance.usePipelines(Map.of(
                "notes-pipe",
                new PiiConfig(true, List.of(PiiPolicy.column("f: pii.policies[0]", "note", PiiAction.QUARANTINE)))));
        Path dir = Files.createDirectories(home.resolve("in"));
        Path first = Files.writeString(
                dir.resolve("a.csv"), "id,note\n1,all good here\n2,fine as well\n3,reach me at ann@example.org\n");
        Path second = Files.writeString(
                dir.resolve("b.csv"), "id,note\n1,now mail bob@example.org instead\n2,updated and clean\n");
        try (Ingestor upserting = new Ingestor(
                        catalog,
                        IngestSettings.defaults().withWriterThreads(2),
                        dataset -> null,
                        new io.lakehub.processors.upsert.UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()))
                .governedBy(governance)) {
            for (Path f : List.of(first, second)) {
                IngestResult r = upserting.ingest(IngestRequest.builder(PEOPLE)
                        .file(f)
                        .options(CSV)
                        .sourceSystem("test")
                        .pipeline("notes-pipe")
                        .actor("tester")
                        .mode(io.lakehub.processors.ingest.IngestMode.UPSERT)
                        .key(List.of("id"))
                        .build());
                assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
            }
        }

        DatasetName quarantine = DatasetName.of("people__quarantine");
        assertThat(catalog.snapshots(PEOPLE).getFirst().operation()).isEqualTo("MERGE");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(2);
        assertThat(catalog.snapshots(quarantine)).hasSize(2);
        assertThat(catalog.dataset(quarantine).orElseThrow().rowCount()).isEqualTo(2);
        assertThat(DuckDb.query(
                        "SELECT id FROM read_parquet('" + catalog.datasetDir(quarantine) + "/*.parquet') ORDER BY id"))
                .containsExactly(List.of(1), List.of(3));
    }

    @Test
    void hashedColumnsJoinAcrossIngestsAndEveryIngestIsScannedByDefault() throws IOException {
        governance.usePipelines(Map.of(
                "hashing",
                new PiiConfig(true, List.of(PiiPolicy.column("f: pii.policies[0]", "email", PiiAction.HASH)))));
        Path file = people(50);
        ingestor.ingest(request(file, "hashing"));
        String first =
                (String) lake("SELECT email FROM $lake WHERE id = 3").getFirst().getFirst();
        assertThat(first)
                .isEqualTo(new PiiStep(
                                List.of(),
                                "secret-0029".getBytes(StandardCharsets.UTF_8),
                                PiiAction.FLAG,
                                ScanOptions.DEFAULTS)
                        .hash("person3@mail.example.com"));

        DatasetName plain = DatasetName.of("plain");
        ingestor.ingest(IngestRequest.builder(plain)
                .file(file)
                .options(CSV)
                .sourceSystem("test")
                .actor("tester")
                .build());
        assertThat(catalog.snapshots(plain).getFirst().properties())
                .containsEntry("step.pii.column.email.pii", "EMAIL")
                .doesNotContainKey("step.pii.column.email.action");
    }

    @Test
    void aPolicyNamingAColumnTheSourceLacksRefusesTheSourceAndNothingIsWritten() throws IOException {
        governance.usePipelines(Map.of(
                "people-pipe",
                new PiiConfig(
                        true,
                        List.of(PiiPolicy.column(
                                "config/lakehub.yaml:12: lakehub.pipelines[0].pii.policies[0]",
                                "e_mail",
                                PiiAction.MASK)))));
        Path file = people(10);
        assertThatThrownBy(() -> ingestor.ingest(request(file, "people-pipe")))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining(
                        "config/lakehub.yaml:12: lakehub.pipelines[0].pii.policies[0].column: column 'e_mail' is not"
                                + " in the source");
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        assertThat(
                        Files.exists(catalog.datasetDir(PEOPLE))
                                ? Files.list(catalog.datasetDir(PEOPLE)).count()
                                : 0)
                .isZero();
    }
}
