package io.lakehub.processors.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.CommitDraft;
import io.lakehub.processors.ingest.CommitPlanner;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain end to end on the real catalog (embedded H2): source → steps → Parquet sink → commit. */
class ChainIngestTest {
    private static final DatasetName PEOPLE = DatasetName.of("people");
    private static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private Ingestor ingestor;

    @BeforeEach
    void setUp() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
        catalog.close();
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(Files.createDirectories(home.resolve("in")).resolve(name), content);
    }

    private IngestRequest.Builder file(Path f) {
        return IngestRequest.builder(PEOPLE)
                .file(f)
                .options(CSV)
                .sourceSystem("test")
                .pipeline("people-pipe")
                .actor("tester");
    }

    private List<String> parquetFiles() throws IOException {
        Path dir = catalog.datasetDir(PEOPLE);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private List<List<Object>> lake(String select) {
        return DuckDb.query(select.replace("$lake", "read_parquet('" + catalog.datasetDir(PEOPLE) + "/*.parquet')"));
    }

    @Test
    void stepsChangeWhatLandsAndTheirReportsAreCommittedWithTheData() throws IOException {
        Path f = csv("people.csv", "id,fullname,ssn\n1,Ann,111\n2,Bob,222\n3,Zoë Ä,333\n");
        List<StepDefinition> steps = List.of(
                StepDefinition.of("drop-columns", () -> new DropColumnsStep(List.of("SSN"))),
                StepDefinition.of("rename-columns", () -> new RenameColumnsStep(Map.of("fullname", "name"))),
                new StepDefinition("add-length", Map.of("column", "name"), TestSteps.AddLength::new));

        IngestResult result = ingestor.ingest(file(f).steps(steps).build());

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(lake("SELECT id, name, name_length FROM $lake ORDER BY id"))
                .containsExactly(List.of(1, "Ann", 3), List.of(2, "Bob", 3), List.of(3, "Zoë Ä", 5));
        assertThat(DuckDb.types(catalog.datasetDir(PEOPLE).resolve("*.parquet")))
                .doesNotContainKey("ssn");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema().names()).containsExactly("id", "name", "name_length");

        Snapshot snapshot = catalog.snapshots(PEOPLE).getFirst();
        assertThat(snapshot.properties())
                .containsEntry("step.drop-columns.columns", "1")
                .containsEntry("step.rename-columns.columns", "1")
                .containsEntry("step.add-length.rows", "3")
                .containsEntry("source.contentHash", result.contentHash());
        AuditEvent commit = catalog.audit().latest(10).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .findFirst()
                .orElseThrow();
        assertThat(commit.details())
                .contains("\"steps\":{\"add-length\":{\"rows\":\"3\"},\"drop-columns\":{\"columns\":\"1\"},"
                        + "\"rename-columns\":{\"columns\":\"1\"}}")
                .doesNotContain("contentHash");
    }

    @Test
    void rowsAStepDropsNeverLandAcrossManyBatchesAndRereads() throws IOException {
        StringBuilder content = new StringBuilder("id,name\n");
        for (int i = 1; i <= 5000; i++) {
            content.append(i).append(",n").append(i).append('\n');
        }
        // Past the inference sample the ids turn into decimals: the source is read again (widened),
        // with fresh step instances, and the report counts the final read only.
        content.append("5001.5,late\n5002,late2\n");
        Path f = csv("many.csv", content.toString());
        IngestResult result = ingestor.ingest(file(f).options(CSV.withBatchRows(64))
                .steps(List.of(StepDefinition.of("even", TestSteps.KeepEvenIds::new)))
                .build());

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.rows()).isEqualTo(5002);
        assertThat(result.schemaChanges()).isNotEmpty();
        assertThat(lake("SELECT count(*), min(id), max(id), count(DISTINCT name) FROM $lake"))
                .containsExactly(List.of(2501L, 2.0, 5002.0, 2501L));
        assertThat(catalog.snapshots(PEOPLE).getFirst().properties()).containsEntry("step.even.dropped", "2501");
    }

    @Test
    void everyFormatsReaderRefillsItsBatchAfterTheStepsMovedItsBuffersOn() throws Exception {
        StringBuilder csv = new StringBuilder("id,label\n");
        StringBuilder ndjson = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            csv.append(i).append(",l").append(i).append('\n');
            ndjson.append("{\"id\":")
                    .append(i)
                    .append(",\"label\":\"l")
                    .append(i)
                    .append("\"}\n");
            text.append("line ").append(i).append('\n');
        }
        Path parquet = home.resolve("in/p.parquet");
        Files.createDirectories(parquet.getParent());
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var st = c.createStatement()) {
            st.execute("COPY (SELECT i AS id, 'l' || i AS label FROM range(1, 301) t(i)) TO '" + parquet
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 64)");
        }
        Map<Path, Format> sources = Map.of(
                csv("c.csv", csv.toString()),
                Format.CSV,
                csv("n.ndjson", ndjson.toString()),
                Format.NDJSON,
                csv("j.json", "[" + ndjson.toString().trim().replace("\n", ",") + "]"),
                Format.JSON,
                csv("t.txt", text.toString()),
                Format.TEXT,
                parquet,
                Format.PARQUET);
        for (Map.Entry<Path, Format> e : sources.entrySet()) {
            DatasetName dataset = DatasetName.of("f_" + e.getValue().displayName());
            // A text file is one row (path, text); every other source here has 300 rows.
            String first = e.getValue() == Format.TEXT ? "text" : "label";
            long rows = e.getValue() == Format.TEXT ? 1 : 300;
            ingestor.ingest(IngestRequest.builder(dataset)
                    .file(e.getKey())
                    .options(ReadOptions.detect().withFormat(e.getValue()).withBatchRows(32))
                    .sourceSystem("test")
                    .actor("tester")
                    .steps(List.of(
                            StepDefinition.of("rename-columns", () -> new RenameColumnsStep(Map.of(first, "renamed")))))
                    .build());
            assertThat(DuckDb.query("SELECT count(*), count(DISTINCT renamed) FROM read_parquet('"
                            + catalog.datasetDir(dataset) + "/*.parquet')"))
                    .as(e.getValue().displayName())
                    .containsExactly(List.of(rows, rows));
        }
    }

    @Test
    void aStepThatRefusesABatchRefusesTheSourceAndNothingIsWritten() throws IOException {
        StringBuilder content = new StringBuilder("id,name\n");
        LongStream.rangeClosed(1, 500).forEach(i -> content.append(i).append(",x\n"));
        Path f = csv("refused.csv", content.toString());

        assertThatThrownBy(() -> ingestor.ingest(file(f).options(CSV.withBatchRows(100))
                        .steps(List.of(StepDefinition.of("mask", TestSteps.FailsOnSecondBatch::new)))
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("refused.csv")
                .hasMessageContaining("step 'mask': column 'name' holds a value this step cannot mask")
                .hasMessageEndingWith("Nothing was written.");
        assertThat(parquetFiles()).isEmpty();
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("ingest.refused");
    }

    @Test
    void aStepNeedingAMissingColumnOrReturningOtherColumnsThanDeclaredIsRefused() throws IOException {
        Path f = csv("p.csv", "id,name\n1,a\n");
        assertThatThrownBy(() -> ingestor.ingest(file(f).steps(
                                List.of(StepDefinition.of("drop-columns", () -> new DropColumnsStep(List.of("emial")))))
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining(
                        "step 'drop-columns': column 'emial' is not in the source (its columns: id, name)");
        assertThatThrownBy(() -> ingestor.ingest(
                        file(f).steps(List.of(StepDefinition.of("broken", TestSteps.DeclaresTooMuch::new)))
                                .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("step 'broken' returned a batch of 2 columns but declared 3");
        assertThatThrownBy(() -> ingestor.ingest(file(f).steps(List.of(
                                new StepDefinition("add-length", Map.of("column", "nope"), TestSteps.AddLength::new)))
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("step 'add-length': column 'nope' is not in the batches");
        assertThat(parquetFiles()).isEmpty();
    }

    @Test
    void aSourcesPositionIsCommittedWithItsDataAndReadBackToResume() {
        List<Object[]> table = new ArrayList<>();
        for (long i = 1; i <= 7; i++) {
            table.add(new Object[] {i, i == 4 ? null : "row" + i});
        }
        ListSource first = new ListSource(table.subList(0, 5), 2);
        IngestResult r1 = ingestor.ingest(IngestRequest.builder(PEOPLE)
                .source(first)
                .sourceSystem("jdbc")
                .sourceUri("jdbc:postgresql://db/test?user=bob&password=secret")
                .actor("poller")
                .snapshotProperty("source.table", "public.people")
                .build());
        assertThat(r1.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(r1.contentHash()).isNull();
        assertThat(first.closed).isTrue();
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("5");
        assertThat(catalog.snapshots(PEOPLE).getFirst().properties())
                .containsEntry("cursor", "5")
                .containsEntry("source.table", "public.people");
        assertThat(catalog.lineage(PEOPLE).getFirst().sourceUri()).doesNotContain("secret");

        // A restarted poller asks the catalog where it stopped and reads only what follows.
        long after = Long.parseLong(catalog.sourcePosition(PEOPLE, "cursor").orElseThrow());
        List<Object[]> rest = table.stream().filter(r -> (Long) r[0] > after).toList();
        ingestor.ingest(IngestRequest.builder(PEOPLE)
                .source(new ListSource(rest, 2))
                .sourceSystem("jdbc")
                .actor("poller")
                .build());
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("7");
        assertThat(catalog.sourcePosition(PEOPLE, "source.table")).contains("public.people");
        assertThat(lake("SELECT count(*), count(DISTINCT id), count(name) FROM $lake"))
                .containsExactly(List.of(7L, 7L, 6L));

        // Nothing new: nothing is committed and the position stays.
        int snapshots = catalog.snapshots(PEOPLE).size();
        IngestResult empty = ingestor.ingest(IngestRequest.builder(PEOPLE)
                .source(new ListSource(List.of(), 2))
                .sourceSystem("jdbc")
                .actor("poller")
                .build());
        assertThat(empty.outcome()).isEqualTo(IngestResult.Outcome.EMPTY);
        assertThat(empty.snapshotId())
                .isEqualTo(catalog.snapshots(PEOPLE).getFirst().id());
        assertThat(catalog.snapshots(PEOPLE)).hasSize(snapshots);
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("7");
        assertThat(catalog.sourcePosition(PEOPLE, "nothing")).isEmpty();
        assertThat(catalog.sourcePosition(DatasetName.of("nobody"), "cursor")).isEmpty();
    }

    @Test
    void upsertIsRefusedByTheAppendPlannerBeforeAnythingIsRead() throws IOException {
        Path f = csv("u.csv", "id,name\n1,a\n");
        assertThatThrownBy(() -> ingestor.ingest(
                        file(f).mode(IngestMode.UPSERT).key(List.of("id")).build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("mode upsert (key id) into dataset 'people' is not supported by this hub")
                .hasMessageEndingWith("Nothing was written.");
        assertThat(parquetFiles()).isEmpty();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("ingest.refused");
        assertThatThrownBy(() -> file(f).mode(IngestMode.UPSERT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs key columns");
    }

    @Test
    void thePlannerSeamBuildsTheCommitFromWhatTheSinkWrote() throws IOException {
        List<CommitDraft> drafts = new CopyOnWriteArrayList<>();
        CommitPlanner recording = new CommitPlanner() {
            @Override
            public void check(IngestRequest request, io.lakehub.catalog.schema.LakeSchema output) {
                assertThat(output.names()).containsExactly("id", "name");
            }

            @Override
            public CommitRequest commitRequest(CommitDraft draft) {
                drafts.add(draft);
                return CommitPlanner.append().commitRequest(draft);
            }
        };
        Path f = csv("k.csv", "id,name\n1,a\n2,b\n");
        try (Ingestor planned =
                new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(1), d -> null, recording)) {
            planned.ingest(file(f).snapshotProperty("run", "r-1").build());
        }
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.files())
                    .singleElement()
                    .satisfies(nf -> assertThat(nf.rowCount()).isEqualTo(2));
            assertThat(d.properties()).containsEntry("run", "r-1").containsKey("source.contentHash");
            assertThat(d.fileSchema().names()).containsExactly("id", "name");
            assertThat(d.lineage().pipeline()).isEqualTo("people-pipe");
        });
    }

    @Test
    void perDatasetReadSettingsFillWhatTheRequestLeavesUnset() throws IOException {
        Path f = csv("codes.csv", "id;code\n1;007\n2;010\n");
        try (Ingestor configured = new Ingestor(
                catalog,
                IngestSettings.defaults().withWriterThreads(1),
                d -> d.equals(PEOPLE)
                        ? new ReadOptions(null, ';', null, null, true, Map.of("code", LakeType.STRING), 0)
                        : null,
                CommitPlanner.append())) {
            configured.ingest(file(f).options(null).build());
        }
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema().field("code"))
                .contains(LakeField.nullable("code", LakeType.STRING));
        assertThat(lake("SELECT code FROM $lake ORDER BY id")).containsExactly(List.of("007"), List.of("010"));
    }

    @Test
    void theChangeFeedHearsEachCommitAfterItsTransactionAndAFailingListenerUndoesNothing() throws IOException {
        List<DatasetChange> heard = new CopyOnWriteArrayList<>();
        catalog.changes().subscribe(change -> {
            throw new IllegalStateException("listener bug");
        });
        try (var subscription = catalog.changes().subscribe(change -> {
            // After the transaction: the snapshot is visible to a fresh read.
            assertThat(catalog.dataset(DatasetName.of(change.dataset()))
                            .orElseThrow()
                            .currentSnapshotId())
                    .isEqualTo(change.snapshotId());
            heard.add(change);
        })) {
            IngestResult r = ingestor.ingest(file(csv("a.csv", "id\n1\n")).build());
            assertThat(heard).containsExactly(new DatasetChange("people", r.snapshotId(), "APPEND"));
            assertThat(catalog.snapshots(PEOPLE)).hasSize(1);
        }
        ingestor.ingest(file(csv("b.csv", "id\n2\n")).build());
        assertThat(heard).hasSize(1);
    }
}
