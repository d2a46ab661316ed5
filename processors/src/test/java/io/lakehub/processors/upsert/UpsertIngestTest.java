package io.lakehub.processors.upsert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upserts through files end to end (CSV → chain with the hidden columns → planner → MERGE commit →
 * SQL view), on the embedded catalog, and compaction keeping every query result identical.
 */
class UpsertIngestTest {
    static final DatasetName ORDERS = DatasetName.of("orders");
    static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);

    @TempDir
    Path home;

    JdbcCatalog catalog;
    Ingestor ingestor;
    DuckDbSqlEngine sql;
    int files;

    EmbeddedLake lake;

    @BeforeEach
    void setUp() {
        lake = EmbeddedLake.open(home);
        catalog = lake.catalog();
        ingestor = lake.ingestor();
        sql = lake.sql();
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    IngestResult upsert(String csv) throws IOException {
        Path f = Files.writeString(
                Files.createDirectories(home.resolve("in")).resolve("orders-" + (++files) + ".csv"), csv);
        return ingestor.ingest(IngestRequest.builder(ORDERS)
                .file(f)
                .options(CSV)
                .sourceSystem("test")
                .actor("tester")
                .mode(IngestMode.UPSERT)
                .key(List.of("id"))
                .build());
    }

    List<List<Object>> query(String q) {
        return sql.query(q).rows();
    }

    @Test
    void filesUpsertedByKeyShowOneRowPerKeyAndTheSnapshotsCountTheChanges() throws IOException {
        IngestResult first = upsert("id,status,amount\n1,new,10\n2,new,20\n3,new,30\n");
        assertThat(first.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);

        // 2 updated, 4 inserted, 4 also updated within the same file (last one wins).
        upsert("id,status,amount\n2,paid,21\n4,new,40\n4,paid,41\n");

        assertThat(query("SELECT id, status, amount FROM orders ORDER BY id"))
                .containsExactly(
                        List.of(1, "new", 10), List.of(2, "paid", 21), List.of(3, "new", 30), List.of(4, "paid", 41));
        assertThat(sql.query("SELECT * FROM orders").columns())
                .extracting(c -> c.name())
                .containsExactly("id", "status", "amount");
        Snapshot s2 = catalog.snapshots(ORDERS).getFirst();
        assertThat(s2.operation()).isEqualTo("MERGE");
        assertThat(s2)
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(1L, 1L, 0L, 4L);
        assertThat(catalog.dataset(ORDERS).orElseThrow().key()).containsExactly("id");
        assertThat(catalog.dataset(ORDERS).orElseThrow().schema().names()).containsExactly("id", "status", "amount");
        // Markers: key 2 (visible before) and the superseded first row of key 4.
        assertThat(catalog.liveFiles(ORDERS).stream().filter(DataFile::isDeleteMarkers))
                .singleElement()
                .extracting(DataFile::rowCount)
                .isEqualTo(2L);
    }

    IngestResult upsertWithSoftDeletes(String csv) throws IOException {
        Path f = Files.writeString(
                Files.createDirectories(home.resolve("in")).resolve("orders-" + (++files) + ".csv"), csv);
        return ingestor.ingest(IngestRequest.builder(ORDERS)
                .file(f)
                .options(CSV)
                .sourceSystem("test")
                .actor("tester")
                .mode(IngestMode.UPSERT)
                .key(List.of("id"))
                .deletedColumn("is_deleted")
                .build());
    }

    @Test
    void aRowWhoseSoftDeleteColumnIsTrueHidesItsKeyUntilALaterRowBringsItBack() throws IOException {
        upsertWithSoftDeletes("id,status,is_deleted\n1,new,false\n2,new,false\n3,new,false\n");
        // 2 is deleted, 3 is updated, 4 arrives already deleted (never visible: not counted).
        upsertWithSoftDeletes("id,status,is_deleted\n2,new,true\n3,paid,false\n4,new,true\n");

        assertThat(query("SELECT id, status, is_deleted FROM orders ORDER BY id"))
                .containsExactly(List.of(1, "new", false), List.of(3, "paid", false));
        assertThat(catalog.snapshots(ORDERS).getFirst())
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(0L, 1L, 1L, 2L);

        upsertWithSoftDeletes("id,status,is_deleted\n2,back,false\n");
        assertThat(query("SELECT id, status FROM orders ORDER BY id"))
                .containsExactly(List.of(1, "new"), List.of(2, "back"), List.of(3, "paid"));
        assertThat(catalog.snapshots(ORDERS).getFirst())
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows)
                .containsExactly(1L, 0L, 0L);
    }

    @Test
    void aSoftDeleteColumnMissingFromTheSourceIsRefusedAndNothingIsWritten() throws IOException {
        assertThatThrownBy(() -> upsertWithSoftDeletes("id,status\n1,new\n"))
                .hasMessageContaining("the soft-delete column 'is_deleted' is not in the source");
        assertThat(catalog.dataset(ORDERS)).isEmpty();
    }

    @Test
    void upsertsAreRefusedWithoutAKeyValueOrWithAnotherKeyAndNothingIsWritten() throws IOException {
        upsert("id,status\n1,new\n");
        List<String> before = lakeFiles();

        assertThatThrownBy(() -> upsert("id,status\n2,new\n,broken\n"))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("row 2")
                .hasMessageContaining("key column 'id'");
        Path other = Files.writeString(home.resolve("in").resolve("other.csv"), "id,status\n5,x\n");
        assertThatThrownBy(() -> ingestor.ingest(IngestRequest.builder(ORDERS)
                        .file(other)
                        .options(CSV)
                        .sourceSystem("test")
                        .actor("tester")
                        .mode(IngestMode.UPSERT)
                        .key(List.of("status"))
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("keyed by [id]");
        assertThatThrownBy(() -> ingestor.ingest(IngestRequest.builder(ORDERS)
                        .file(other)
                        .options(CSV)
                        .sourceSystem("test")
                        .actor("tester")
                        .build()))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("keyed by [id]");
        assertThat(lakeFiles()).isEqualTo(before);
        assertThat(query("SELECT id, status FROM orders")).containsExactly(List.of(1, "new"));
    }

    @Test
    void compactionKeepsEveryQueryResultAndDropsTheMarkers() throws IOException {
        java.util.Random random = new java.util.Random(6);
        StringBuilder csv = new StringBuilder("id,status,amount,day\n");
        for (int id = 0; id < 500; id++) {
            csv.append(id)
                    .append(",new,")
                    .append(id)
                    .append(".5,2026-01-0")
                    .append(1 + id % 9)
                    .append('\n');
        }
        upsert(csv.toString());
        for (int round = 0; round < 3; round++) {
            StringBuilder changes = new StringBuilder("id,status,amount,day\n");
            for (int i = 0; i < 80; i++) {
                int id = random.nextInt(600);
                changes.append(id)
                        .append(",r")
                        .append(round)
                        .append(',')
                        .append(random.nextInt(1000))
                        .append(",2026-02-0")
                        .append(1 + i % 9)
                        .append('\n');
            }
            upsert(changes.toString());
        }
        String q1 = "SELECT id, status, amount, day FROM orders ORDER BY id";
        String q2 = "SELECT status, count(*), sum(amount) FROM orders GROUP BY status ORDER BY status";
        List<List<Object>> before1 = query(q1);
        List<List<Object>> before2 = query(q2);
        assertThat(query("SELECT count(*) = count(DISTINCT id) FROM orders")).containsExactly(List.of(true));
        List<DataFile> old = catalog.liveFiles(ORDERS);
        assertThat(old).anyMatch(DataFile::isDeleteMarkers);

        Compactor compactor = new Compactor(
                catalog, ParquetWriteOptions.defaults(), new CompactionThresholds(1, 0.5, 2, java.time.Duration.ZERO));
        Compactor.Summary summary = compactor.compactAllIfNeeded();

        assertThat(summary.compacted()).containsExactly("orders");
        assertThat(query(q1)).isEqualTo(before1);
        assertThat(query(q2)).isEqualTo(before2);
        assertThat(catalog.liveFiles(ORDERS)).singleElement().satisfies(f -> {
            assertThat(f.isDeleteMarkers()).isFalse();
            assertThat(f.rowCount()).isEqualTo(before1.size());
        });
        Snapshot replace = catalog.snapshots(ORDERS).getFirst();
        assertThat(replace.operation()).isEqualTo("REPLACE");
        assertThat(replace.totalRows()).isEqualTo(before1.size());
        assertThat(sql.query("SELECT * FROM orders").columns())
                .extracting(c -> c.name())
                .containsExactly("id", "status", "amount", "day");
        // Grace zero: the replaced files are gone from disk; nothing needs them.
        assertThat(summary.expiredFiles()).isEqualTo(old.size());
        assertThat(old)
                .allSatisfy(f ->
                        assertThat(catalog.lakeRoot().resolve(f.relativePath())).doesNotExist());
        assertThat(compactor.compactIfNeeded(ORDERS)).isEmpty();

        // Upserts go on on top of the compacted file.
        upsert("id,status,amount,day\n1,after,1,2026-03-01\n");
        assertThat(query("SELECT status FROM orders WHERE id = 1")).containsExactly(List.of("after"));
        assertThat(query("SELECT count(*) FROM orders")).containsExactly(List.of((long) before1.size()));
    }

    @Test
    void anUpsertThatLostTheRaceToAnotherWriterIsPlannedAgainWithItsDataFiles() throws IOException {
        upsert("id,status\n1,new\n2,new\n");
        UpsertCommitPlanner real = new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults());
        java.util.concurrent.atomic.AtomicInteger replans = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        // Plans, then lets another writer commit before the plan reaches the catalog.
        io.lakehub.processors.ingest.CommitPlanner racing = new io.lakehub.processors.ingest.CommitPlanner() {
            @Override
            public List<io.lakehub.processors.chain.StepDefinition> internalSteps(IngestRequest request) {
                return real.internalSteps(request);
            }

            @Override
            public void check(IngestRequest request, io.lakehub.catalog.schema.LakeSchema output) {
                real.check(request, output);
            }

            @Override
            public io.lakehub.catalog.commit.CommitRequest commitRequest(
                    io.lakehub.processors.ingest.CommitDraft draft) {
                io.lakehub.catalog.commit.CommitRequest planned = real.commitRequest(draft);
                if (raced.compareAndSet(false, true)) {
                    try {
                        upsert("id,status\n2,by-the-other-writer\n3,new\n");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return planned;
            }

            @Override
            public io.lakehub.catalog.commit.CommitRequest replan(
                    io.lakehub.processors.ingest.CommitDraft draft,
                    io.lakehub.catalog.commit.CommitRequest refused,
                    io.lakehub.catalog.commit.StaleParentException conflict,
                    int attempt) {
                replans.incrementAndGet();
                return real.replan(draft, refused, conflict, attempt);
            }
        };
        Path f = Files.writeString(home.resolve("in").resolve("late.csv"), "id,status\n2,late\n3,late\n");
        try (Ingestor late = new Ingestor(catalog, IngestSettings.defaults(), dataset -> null, racing)) {
            IngestResult result = late.ingest(IngestRequest.builder(ORDERS)
                    .file(f)
                    .options(CSV)
                    .sourceSystem("test")
                    .actor("tester")
                    .mode(IngestMode.UPSERT)
                    .key(List.of("id"))
                    .build());
            assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        }

        assertThat(replans).hasValue(1);
        // The late commit was planned again on top of the other writer's: it saw 3 as an update.
        assertThat(query("SELECT id, status FROM orders ORDER BY id"))
                .containsExactly(List.of(1, "new"), List.of(2, "late"), List.of(3, "late"));
        assertThat(catalog.snapshots(ORDERS).getFirst())
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::totalRows)
                .containsExactly(0L, 2L, 3L);
        // No stale marker file was left behind: every file in the folder is live.
        assertThat(lakeFiles())
                .containsExactlyInAnyOrderElementsOf(catalog.liveFiles(ORDERS).stream()
                        .map(df -> Path.of(df.relativePath()).getFileName().toString())
                        .toList());
    }

    @Test
    void aDatasetConfiguredWithAKeyUpsertsIngestsThatChooseNoMode() throws IOException {
        DatasetName customers = DatasetName.of("customers");
        try (Ingestor configured = new Ingestor(
                catalog,
                IngestSettings.defaults(),
                dataset -> null,
                new UpsertCommitPlanner(
                        catalog,
                        ParquetWriteOptions.defaults(),
                        dataset -> dataset.equals(customers) ? List.of("id") : List.of()))) {
            for (String csv : List.of("id,name\n1,ann\n2,bob\n", "id,name\n2,bobby\n")) {
                Path f = Files.writeString(home.resolve("c-" + (++files) + ".csv"), csv);
                configured.ingest(IngestRequest.builder(customers)
                        .file(f)
                        .options(CSV)
                        .sourceSystem("inbox")
                        .actor("inbox")
                        .build());
            }
        }
        assertThat(query("SELECT id, name FROM customers ORDER BY id"))
                .containsExactly(List.of(1, "ann"), List.of(2, "bobby"));
        assertThat(catalog.dataset(customers).orElseThrow().key()).containsExactly("id");
    }

    List<String> lakeFiles() throws IOException {
        try (Stream<Path> s = Files.list(catalog.datasetDir(ORDERS))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
