package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
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

/** {@code on_bad_rows}: the good rows land, the bad ones go to {@code <dataset>__rejects}, within a limit. */
class BadRowsIngestTest {
    static final DatasetName ORDERS = DatasetName.of("orders");
    static final DatasetName REJECTS = DatasetName.of("orders__rejects");
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

    private IngestRequest request(Path file, ReadOptions options, BadRowPolicy policy) {
        return IngestRequest.builder(ORDERS)
                .file(file)
                .options(options)
                .sourceSystem("inbox")
                .actor("tester")
                .badRows(policy)
                .build();
    }

    private IngestRequest request(Path file, BadRowPolicy policy) {
        return request(file, CSV, policy);
    }

    /** {@code rows} data rows {@code i,name-i,i.5}; the rows whose numbers are in {@code ragged} have a fourth field. */
    private Path orders(String name, int rows, int... ragged) throws IOException {
        StringBuilder sb = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(",name-").append(i).append(',').append(i).append(".5");
            for (int r : ragged) {
                if (r == i) {
                    sb.append(",extra");
                }
            }
            sb.append('\n');
        }
        return Files.writeString(inbox.resolve(name), sb.toString());
    }

    private List<List<Object>> query(DatasetName dataset, String select) {
        String files = catalog.liveFiles(dataset).stream()
                .map(f -> "'" + lake.resolve(f.relativePath()) + "'")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        return DuckDb.query(select.replace("$t", "read_parquet([" + files + "])"));
    }

    @Test
    void oneRaggedRowInAThousandLandsInTheRejectsDatasetAndTheOthersInTheDataset() throws IOException {
        Path f = orders("orders.csv", 1000, 500);

        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.UNSET));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.rows()).isEqualTo(999);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(result.rejectsDataset()).isEqualTo("orders__rejects");
        assertThat(catalog.dataset(ORDERS).orElseThrow().rowCount()).isEqualTo(999);
        assertThat(query(ORDERS, "SELECT count(*), sum(id) FROM $t"))
                .containsExactly(List.of(999L, java.math.BigInteger.valueOf(500_500 - 500)));
        assertThat(query(REJECTS, "SELECT source_file, line_number, reason, raw_line FROM $t"))
                .containsExactly(List.of(
                        f.toString(),
                        501L,
                        "the row has 4 fields but the file has 3 columns",
                        "500,name-500,500.5,extra"));
        assertThat(catalog.dataset(REJECTS).orElseThrow().schema().names())
                .containsExactly("source_file", "line_number", "reason", "raw_line", "ingested_at");

        Snapshot data = catalog.snapshots(ORDERS).getFirst();
        assertThat(data.properties())
                .containsEntry("read.badRows", "1")
                .containsEntry(Ingestor.REJECTS_DATASET, "orders__rejects");
        assertThat(catalog.lineage(REJECTS).getFirst().contentHash()).isEqualTo(result.contentHash());
        List<String> commits = catalog.audit().latest(10).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .map(AuditEvent::details)
                .toList();
        assertThat(commits)
                .anySatisfy(d ->
                        assertThat(d).contains("\"bad_rows\":1").contains("\"rejects_dataset\":\"orders__rejects\""));
        assertThat(commits).anySatisfy(d -> assertThat(d).contains("\"rejects_of\":\"orders\""));
    }

    @Test
    void theRowAfterABadRowKeepsItsOwnValues() throws IOException {
        // Text, numbers and nulls after a short row and a long row: nothing of the bad rows leaks.
        Path f = Files.writeString(
                inbox.resolve("o.csv"),
                "id,name,amount\n" + "1,ann,1.5\n" + "2,bob\n" + "3,,\n" + "4,dan,4.5,x\n" + "5,eve,\n"
                        + "6,fay,6.5\n".repeat(1));
        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.parse("rejects", "50%")));

        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.badRows()).isEqualTo(2);
        assertThat(query(ORDERS, "SELECT id, name, amount FROM $t ORDER BY id"))
                .containsExactly(
                        List.of(1, "ann", 1.5),
                        java.util.Arrays.asList(3, null, null),
                        java.util.Arrays.asList(5, "eve", null),
                        List.of(6, "fay", 6.5));
        assertThat(query(REJECTS, "SELECT line_number, raw_line FROM $t ORDER BY line_number"))
                .containsExactly(List.of(3L, "2,bob"), List.of(5L, "4,dan,4.5,x"));
    }

    @Test
    void aValueShiftedByAnUnquotedDelimiterIsABadRowNotAReasonToWidenTheColumn() throws IOException {
        // Past the type sample: "Smith, John" unquoted puts " John" under amount, a double column.
        StringBuilder sb = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 30_000; i++) {
            sb.append(i).append(i == 25_000 ? ",Smith, John,12.5\n" : ",n" + i + "," + i + ".5\n");
        }
        Path f = Files.writeString(inbox.resolve("shifted.csv"), sb.toString());

        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.UNSET));

        assertThat(result.rows()).isEqualTo(29_999);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(result.schemaChanges()).contains("added column amount (double)");
        assertThat(query(REJECTS, "SELECT line_number, raw_line FROM $t"))
                .containsExactly(List.of(25_001L, "25000,Smith, John,12.5"));
    }

    @Test
    void aShiftedValueInsideTheTypeSampleDoesNotWidenTheColumnEither() throws IOException {
        // Row 150 is within the rows sampled for the column types.
        StringBuilder sb = new StringBuilder("id,name,amount\n");
        for (int i = 1; i <= 300; i++) {
            sb.append(i).append(i == 150 ? ",Smith, John,12.5\n" : ",n" + i + "," + i + ".5\n");
        }
        Path f = Files.writeString(inbox.resolve("shifted-early.csv"), sb.toString());

        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.UNSET));

        assertThat(result.rows()).isEqualTo(299);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(result.schemaChanges()).contains("added column amount (double)");
        assertThat(query(REJECTS, "SELECT line_number, raw_line FROM $t"))
                .containsExactly(List.of(151L, "150,Smith, John,12.5"));
    }

    @Test
    void skipLeavesTheBadRowsOutAndCreatesNoRejectsDataset() throws IOException {
        IngestResult result = ingestor.ingest(request(orders("o.csv", 1000, 7), BadRowPolicy.parse("skip", null)));

        assertThat(result.rows()).isEqualTo(999);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(result.rejectsDataset()).isNull();
        assertThat(catalog.dataset(REJECTS)).isEmpty();
        assertThat(catalog.snapshots(ORDERS).getFirst().properties()).containsEntry("read.badRows", "1");
    }

    @Test
    void failRefusesTheFileAtItsFirstBadRow() throws IOException {
        Path f = orders("o.csv", 1000, 7);
        assertThatThrownBy(() -> ingestor.ingest(request(f, BadRowPolicy.parse("fail", null))))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining(f + ": line 8 has 4 fields but the file has 3 columns")
                .hasMessageEndingWith("Nothing was written.");
        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.filesOnDisk()).isEmpty();
    }

    @Test
    void moreThanOnePercentBadRowsRefusesTheFileAndWritesNeitherDataset() throws IOException {
        Path f = orders("o.csv", 100, 10, 20);

        assertThatThrownBy(() -> ingestor.ingest(request(f, BadRowPolicy.UNSET)))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessage(f + ": 2 of 100 rows are bad (2.00%), more than max_bad_rows 1% allows (on_bad_rows"
                        + " rejects); the first bad row is line 11: the row has 4 fields but the file has 3"
                        + " columns. Nothing was written.");
        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.filesOnDisk()).isEmpty();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("ingest.refused");
    }

    @Test
    void anAbsoluteLimitRefusesAtTheFirstRowOverIt() throws IOException {
        Path f = orders("o.csv", 1000, 10, 20);

        assertThatThrownBy(() -> ingestor.ingest(request(f, BadRowPolicy.parse(null, "1"))))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageStartingWith(f + ": 2 bad rows, more than max_bad_rows 1 allows (on_bad_rows rejects);")
                .hasMessageContaining("more than max_bad_rows 1 allows");
        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.filesOnDisk()).isEmpty();
    }

    @Test
    void aDatasetSettingAppliesWhereTheRequestSetsNothing() throws IOException {
        try (Ingestor configured = new Ingestor(
                catalog,
                IngestSettings.defaults(),
                dataset -> null,
                dataset -> dataset.equals(ORDERS) ? BadRowPolicy.parse("skip", "5%") : null,
                CommitPlanner.append())) {
            IngestResult result = configured.ingest(request(orders("o.csv", 100, 10, 20), BadRowPolicy.UNSET));
            assertThat(result.badRows()).isEqualTo(2);
            assertThat(result.rejectsDataset()).isNull();

            // The request's own setting wins over the dataset's, part by part.
            assertThatThrownBy(() ->
                            configured.ingest(request(orders("p.csv", 100, 10, 20, 30), BadRowPolicy.parse(null, "2"))))
                    .hasMessageContaining("more than max_bad_rows 2 allows (on_bad_rows skip)");
        }
    }

    @Test
    void aRedeliveryIsADuplicateAndTheRejectsLandOnce() throws IOException {
        Path f = orders("o.csv", 1000, 500);
        IngestResult first = ingestor.ingest(request(f, BadRowPolicy.UNSET));
        IngestResult again = ingestor.ingest(request(Files.copy(f, inbox.resolve("again.csv")), BadRowPolicy.UNSET));

        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(again.snapshotId()).isEqualTo(first.snapshotId());
        assertThat(catalog.dataset(REJECTS).orElseThrow().rowCount()).isEqualTo(1);
        assertThat(catalog.snapshots(REJECTS)).hasSize(1);
    }

    @Test
    void aRedeliveryAfterAStopBetweenTheTwoCommitsCommitsTheMissingRejects() throws IOException {
        // The state a stop between the data commit and the rejects commit leaves: the data without its rejects.
        Path f = orders("o.csv", 1000, 500);
        catalog.onCommit(commit -> {
            if (commit.dataset().equals(REJECTS)) {
                throw new IllegalStateException("the hub stopped");
            }
        });
        assertThatThrownBy(() -> ingestor.ingest(request(f, BadRowPolicy.UNSET)))
                .isNotInstanceOf(IngestRefusedException.class)
                .hasMessageStartingWith(f + ": its rows were committed to dataset 'orders' (snapshot ")
                .hasMessageContaining("but its 1 bad row could not be committed to 'orders__rejects'")
                .hasMessageContaining("the hub stopped")
                .hasMessageEndingWith("Deliver the file again to add them: its rows are then a duplicate and only"
                        + " the bad rows are written.");
        assertThat(catalog.dataset(ORDERS).orElseThrow().rowCount()).isEqualTo(999);
        assertThat(catalog.dataset(REJECTS)).isEmpty();

        catalog.onCommit(commit -> {});
        IngestResult again = ingestor.ingest(request(f, BadRowPolicy.UNSET));

        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(again.rejectsDataset()).isEqualTo("orders__rejects");
        assertThat(catalog.dataset(REJECTS).orElseThrow().rowCount()).isEqualTo(1);
        assertThat(catalog.dataset(ORDERS).orElseThrow().rowCount()).isEqualTo(999);
        assertThat(catalog.lineage(REJECTS).getFirst().contentHash()).isEqualTo(again.contentHash());
    }

    @Test
    void anUnreachableCatalogForTheRejectsStaysUnavailableSoTheFileIsDeliveredAgain() throws IOException {
        Path f = orders("o.csv", 1000, 500);
        catalog.onCommit(commit -> {
            if (commit.dataset().equals(REJECTS)) {
                throw new io.lakehub.catalog.commit.CatalogUnavailableException("the catalog is down", null);
            }
        });

        assertThatThrownBy(() -> ingestor.ingest(request(f, BadRowPolicy.UNSET)))
                .isInstanceOf(io.lakehub.catalog.commit.CatalogUnavailableException.class)
                .hasMessageContaining("its rows were committed to dataset 'orders'");
    }

    @Test
    void anNdjsonLineThatIsNotAnObjectIsABadRow() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            sb.append(i == 150 ? "42" : "{\"id\":" + i + "}").append('\n');
        }
        Path f = Files.writeString(inbox.resolve("o.ndjson"), sb.toString());

        IngestResult result =
                ingestor.ingest(request(f, ReadOptions.detect().withFormat(Format.NDJSON), BadRowPolicy.UNSET));

        assertThat(result.rows()).isEqualTo(199);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(query(REJECTS, "SELECT line_number, reason, raw_line FROM $t"))
                .containsExactly(List.of(150L, "expected one JSON object per line, found a number", "42"));
    }

    @Test
    void anEmptyFileIsASuccessWithoutRowsThatCreatesNoDataset() throws IOException {
        Path f = Files.writeString(inbox.resolve("empty.csv"), "");

        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.UNSET));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.EMPTY);
        assertThat(result.rows()).isZero();
        assertThat(result.note()).isEqualTo("the file is empty (0 bytes): no columns, so no dataset was created");
        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("ingest.empty");
    }

    @Test
    void aFileWhoseRowsAreAllRejectedCreatesTheDatasetWithItsColumnsAndNoRows() throws IOException {
        Path f = Files.writeString(inbox.resolve("o.csv"), "id,name\n1,ann,x\n2\n");

        IngestResult result = ingestor.ingest(request(f, BadRowPolicy.parse(null, "100%")));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.rows()).isZero();
        assertThat(result.badRows()).isEqualTo(2);
        assertThat(result.note()).isEqualTo("the file has no rows; the dataset was created with its columns");
        assertThat(catalog.dataset(ORDERS).orElseThrow().schema().names()).containsExactly("id", "name");
        assertThat(query(ORDERS, "SELECT count(*) FROM $t")).containsExactly(List.of(0L));
        assertThat(catalog.dataset(REJECTS).orElseThrow().rowCount()).isEqualTo(2);

        IngestResult again = ingestor.ingest(request(f, BadRowPolicy.parse(null, "100%")));
        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.DUPLICATE);
        assertThat(catalog.snapshots(ORDERS)).hasSize(1);
        assertThat(catalog.dataset(REJECTS).orElseThrow().rowCount()).isEqualTo(2);
        assertThat(Map.copyOf(catalog.snapshots(ORDERS).getFirst().properties()))
                .containsEntry("read.badRows", "2");
    }

    @Test
    void policiesAreParsedAsUsersWriteThem() {
        assertThat(BadRowPolicy.parse("REJECTS", " 0.5% ").limit().toString()).isEqualTo("0.5%");
        assertThat(BadRowPolicy.parse("skip", "100").limit().exceededBy(101, 1000))
                .isTrue();
        assertThat(BadRowPolicy.DEFAULT.limit().exceededBy(10, 1000)).isFalse();
        assertThat(BadRowPolicy.DEFAULT.limit().exceededBy(11, 1000)).isTrue();
        assertThatThrownBy(() -> BadRowPolicy.parse("ignore", null))
                .hasMessage("on_bad_rows 'ignore' is not one of fail, skip, rejects (default rejects)");
        assertThatThrownBy(() -> BadRowPolicy.parse(null, "lots"))
                .hasMessage("max_bad_rows 'lots' is neither a number of rows (e.g. 100) nor a percentage of the"
                        + " rows (e.g. 1%)");
        assertThatThrownBy(() -> BadRowPolicy.parse(null, "150%")).hasMessageContaining("between 0% and 100%");
    }
}
