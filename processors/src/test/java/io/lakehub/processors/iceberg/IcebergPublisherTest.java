package io.lakehub.processors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.iceberg.IcebergPublisher.Outcome;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import io.lakehub.processors.testing.EmbeddedLake;
import io.lakehub.processors.upsert.AppendCompactionThresholds;
import io.lakehub.processors.upsert.AppendCompactor;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.NameMappingParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets published as Iceberg tables on the embedded catalog, read back with Iceberg's own generic
 * reader (iceberg-data, test class path only) and compared with what the SQL engine shows.
 */
class IcebergPublisherTest {
    static final DatasetName EVENTS = DatasetName.of("events");
    static final DatasetName ORDERS = DatasetName.of("orders");
    static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);

    @TempDir
    Path home;

    EmbeddedLake lake;
    JdbcCatalog catalog;
    Ingestor ingestor;
    IcebergPublisher publisher;
    int files;

    @BeforeEach
    void setUp() {
        lake = EmbeddedLake.open(home);
        catalog = lake.catalog();
        ingestor = lake.ingestor();
        publisher = newPublisher();
    }

    IcebergPublisher newPublisher() {
        CatalogSettings settings = CatalogSettings.embedded(home);
        return new IcebergPublisher(catalog, settings.jdbcUrl(), settings.username(), settings.password());
    }

    @AfterEach
    void tearDown() {
        publisher.close();
        lake.close();
    }

    IngestResult ingest(DatasetName dataset, IngestMode mode, String csv) throws IOException {
        Path f = Files.writeString(
                Files.createDirectories(home.resolve("in")).resolve(dataset.value() + "-" + (++files) + ".csv"), csv);
        IngestRequest.Builder b = IngestRequest.builder(dataset)
                .file(f)
                .options(CSV)
                .sourceSystem("test")
                .actor("tester")
                .mode(mode);
        if (mode == IngestMode.UPSERT) {
            b.key(List.of("id")).deletedColumn(csv.startsWith("id,status,is_deleted") ? "is_deleted" : null);
        }
        IngestResult r = ingestor.ingest(b.build());
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        return r;
    }

    /** The table's rows as Iceberg's generic reader sees them, in the columns given, sorted. */
    List<List<Object>> icebergRows(DatasetName dataset, String... columns) throws IOException {
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(dataset));
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record r : records) {
                List<Object> row = new ArrayList<>();
                for (String c : columns) {
                    Object v = r.getField(c);
                    row.add(v instanceof CharSequence s ? s.toString() : v);
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    List<List<Object>> sqlRows(String sql) {
        List<List<Object>> rows = new ArrayList<>(lake.sql().query(sql).rows());
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    @Test
    void appendsAndAnAddedColumnReadBackAsTheSqlEngineShowsThem() throws IOException {
        ingest(EVENTS, IngestMode.APPEND, "id,name\n1,a\n2,b\n");
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(icebergRows(EVENTS, "id", "name")).isEqualTo(sqlRows("SELECT id, name FROM events"));

        ingest(EVENTS, IngestMode.APPEND, "id,name,score\n3,c,1.5\n");
        ingest(EVENTS, IngestMode.APPEND, "id,name,score\n4,d,2.5\n");
        IcebergPublisher.Publication p = publisher.publish(EVENTS);
        assertThat(p.outcome()).isEqualTo(Outcome.PUBLISHED);
        // Two appends of one schema version: one Iceberg append (ADR 0044).
        assertThat(p.snapshots()).isEqualTo(1);
        assertThat(icebergRows(EVENTS, "id", "name", "score"))
                .isEqualTo(sqlRows("SELECT id, name, score FROM events"))
                .hasSize(4);

        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(EVENTS));
        assertThat(table.schema().findField("score")).isNotNull();
        assertThat(table.currentSnapshot().summary())
                .containsEntry(
                        IcebergPublisher.SNAPSHOT_ID,
                        Long.toString(catalog.dataset(EVENTS).orElseThrow().currentSnapshotId()))
                .containsEntry(IcebergPublisher.FOLDED_SNAPSHOTS, "2");
        // Every Lakehub file is registered as it is, none rewritten.
        assertThat(table.currentSnapshot().addedDataFiles(table.io()))
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.location()).startsWith("file:" + catalog.lakeRoot()));
    }

    @Test
    void appendsShareAnIcebergSnapshotOnlyWithinOneSchemaVersion() throws IOException {
        ingest(EVENTS, IngestMode.APPEND, "id,name\n1,a\n");
        publisher.publish(EVENTS);

        ingest(EVENTS, IngestMode.APPEND, "id,name\n2,b\n");
        ingest(EVENTS, IngestMode.APPEND, "id,name\n3,c\n");
        ingest(EVENTS, IngestMode.APPEND, "id,name,score\n4,d,2.5\n");
        ingest(EVENTS, IngestMode.APPEND, "id,name,score\n5,e,3.5\n");
        IcebergPublisher.Publication p = publisher.publish(EVENTS);

        // 2+3 (version 1), then 4+5 (version 2, the added column): two Iceberg snapshots, not four, not one.
        assertThat(p.snapshots()).isEqualTo(2);
        assertThat(icebergRows(EVENTS, "id", "name", "score"))
                .isEqualTo(sqlRows("SELECT id, name, score FROM events"))
                .hasSize(5);
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(EVENTS));
        List<Snapshot> history = new ArrayList<>();
        table.snapshots().forEach(history::add);
        assertThat(history).hasSize(3);
        assertThat(history.get(1).summary()).containsEntry(IcebergPublisher.FOLDED_SNAPSHOTS, "2");
        assertThat(history.get(1).addedDataFiles(table.io())).hasSize(2);
        assertThat(history.get(2).summary())
                .containsEntry(
                        IcebergPublisher.SNAPSHOT_ID,
                        Long.toString(catalog.dataset(EVENTS).orElseThrow().currentSnapshotId()))
                .containsEntry(IcebergPublisher.FOLDED_SNAPSHOTS, "2");
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void publishesWithoutAManifestScanKeepExactlyTheLakesFiles() throws IOException {
        // Each publish after the first finds the table's files known from the fingerprint the previous
        // one recorded (ADR 0049, 0054) and appends only the new snapshots' files.
        for (int i = 1; i <= 4; i++) {
            ingest(EVENTS, IngestMode.APPEND, "id,name\n" + i + ",n" + i + "\n");
            assertThat(publisher.publish(EVENTS).snapshots()).isEqualTo(1);
        }
        assertTableListsExactlyTheLiveFiles(EVENTS);
        assertThat(icebergRows(EVENTS, "id", "name"))
                .isEqualTo(sqlRows("SELECT id, name FROM events"))
                .hasSize(4);
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void anAppendCompactionReplacesTheSmallFilesInTheTable() throws IOException {
        for (int i = 1; i <= 6; i++) {
            ingest(EVENTS, IngestMode.APPEND, "id,name\n" + i + ",n" + i + "\n");
        }
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);
        new AppendCompactor(
                        catalog,
                        ParquetWriteOptions.defaults(),
                        new AppendCompactionThresholds(1L << 30, 1L << 30, 4, 100))
                .compactIfNeeded(EVENTS)
                .orElseThrow();
        assertThat(catalog.snapshots(EVENTS).getFirst().operation()).isEqualTo("REPLACE");
        ingest(EVENTS, IngestMode.APPEND, "id,name\n7,n7\n");

        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(EVENTS));
        List<String> tableFiles = new ArrayList<>();
        try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks =
                table.newScan().planFiles()) {
            tasks.forEach(t -> tableFiles.add(t.file().location()));
        }
        // The compacted file and the later append, not the six small files.
        assertThat(tableFiles)
                .hasSize(2)
                .containsExactlyInAnyOrderElementsOf(catalog.liveFiles(EVENTS).stream()
                        .map(f -> "file:" + catalog.lakeRoot().resolve(f.relativePath()))
                        .toList());
        assertThat(icebergRows(EVENTS, "id", "name"))
                .isEqualTo(sqlRows("SELECT id, name FROM events"))
                .hasSize(7);
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    /** The catalog, counting the reads of a dataset's whole history and file list. */
    static final class CountingCatalog {
        final java.util.concurrent.atomic.AtomicInteger wholeReads = new java.util.concurrent.atomic.AtomicInteger();
        final io.lakehub.catalog.Catalog catalog;

        CountingCatalog(io.lakehub.catalog.Catalog target) {
            catalog = (io.lakehub.catalog.Catalog) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {io.lakehub.catalog.Catalog.class},
                    (proxy, m, args) -> {
                        if (m.getName().equals("liveFiles") || m.getName().equals("snapshots")) {
                            wholeReads.incrementAndGet();
                        }
                        try {
                            return m.invoke(target, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void aPublishAfterAppendsAndUpsertsReadsOnlyTheCommitsSinceTheLastOne() throws IOException {
        CountingCatalog counting = new CountingCatalog(catalog);
        CatalogSettings settings = CatalogSettings.embedded(home);
        try (IcebergPublisher p =
                new IcebergPublisher(counting.catalog, settings.jdbcUrl(), settings.username(), settings.password())) {
            ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n1,new,false\n2,new,false\n");
            assertThat(p.publish(ORDERS).outcome()).isEqualTo(Outcome.PUBLISHED);
            String q = "SELECT id, status FROM orders";
            for (int i = 0; i < 3; i++) {
                counting.wholeReads.set(0);
                ingest(
                        ORDERS,
                        IngestMode.UPSERT,
                        "id,status,is_deleted\n2,v" + i + ",false\n" + (3 + i) + ",new,false\n");
                ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n1,gone" + i + ",true\n");
                assertThat(p.publish(ORDERS).outcome()).isEqualTo(Outcome.PUBLISHED);
                assertThat(counting.wholeReads)
                        .as("whole history or file list read")
                        .hasValue(0);
                assertThat(icebergRows(ORDERS, "id", "status")).isEqualTo(sqlRows(q));
                assertThat(p.publish(ORDERS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
                assertThat(counting.wholeReads).hasValue(0);
            }
            // Compaction removes files the table shows: the publish reads everything once and follows.
            new Compactor(catalog, ParquetWriteOptions.defaults(), new CompactionThresholds(1, 0.01, 2, Duration.ZERO))
                    .compactAllIfNeeded();
            ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n9,late,false\n");
            counting.wholeReads.set(0);
            assertThat(p.publish(ORDERS).outcome()).isEqualTo(Outcome.PUBLISHED);
            assertThat(counting.wholeReads.get()).isPositive();
            assertThat(icebergRows(ORDERS, "id", "status"))
                    .isEqualTo(sqlRows(q))
                    .hasSize(5);
            // And the next one is incremental again.
            ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n10,later,false\n");
            counting.wholeReads.set(0);
            assertThat(p.publish(ORDERS).outcome()).isEqualTo(Outcome.PUBLISHED);
            assertThat(counting.wholeReads).hasValue(0);
            assertThat(icebergRows(ORDERS, "id", "status"))
                    .isEqualTo(sqlRows(q))
                    .hasSize(6);
        }
    }

    @Test
    void twoPublishersRacingOnOneTableNeverAddAFileTwice() throws Exception {
        // Two hubs of a cluster publish the same dataset at the same moment: the loser's Iceberg commit
        // must not be re-applied on top of the winner's (an append re-applied would list its files twice).
        ingest(EVENTS, IngestMode.APPEND, "id,name\n100,first\n");
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);
        try (IcebergPublisher other = newPublisher()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 12; round++) {
                    ingest(EVENTS, IngestMode.APPEND, "id,name\n" + round + ",r" + round + "\n");
                    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                    List<java.util.concurrent.Future<?>> both = new ArrayList<>();
                    for (IcebergPublisher p : List.of(publisher, other)) {
                        both.add(pool.submit(() -> {
                            start.await();
                            return p.publish(EVENTS);
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : both) {
                        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertTableListsExactlyTheLiveFiles(EVENTS);
        assertThat(icebergRows(EVENTS, "id", "name")).isEqualTo(sqlRows("SELECT id, name FROM events"));
    }

    /** The table's data files are the dataset's live files, each once. */
    void assertTableListsExactlyTheLiveFiles(DatasetName dataset) throws IOException {
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(dataset));
        List<String> tableFiles = new ArrayList<>();
        try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks =
                table.newScan().planFiles()) {
            tasks.forEach(t -> tableFiles.add(t.file().location()));
        }
        assertThat(tableFiles)
                .containsExactlyInAnyOrderElementsOf(catalog.liveFiles(dataset).stream()
                        .map(f -> "file:" + catalog.lakeRoot().resolve(f.relativePath()))
                        .toList());
    }

    @Test
    void filesOfSnapshotsNewerThanThePublishedOneStayOutOfItsFingerprint() {
        DataFile older = new DataFile(1, "events", "a.parquet", 1, 10, 1, null, List.of());
        DataFile newer = new DataFile(2, "events", "b.parquet", 1, 10, 3, null, List.of());
        assertThat(IcebergPublisher.upTo(List.of(older, newer), 2)).containsExactly(older);
        assertThat(IcebergPublisher.upTo(List.of(older, newer), 3)).containsExactly(older, newer);
    }

    @Test
    void filesCarryTheStableFieldIdsAndFilesWrittenWithoutIdsMapByName() throws Exception {
        // A file written before field ids (DuckDB writes none). Engines map its columns by name through the
        // table's name mapping; Iceberg's generic Java reader ignores that mapping and reads such a file by
        // position, so this one keeps the dataset's column order.
        Path old = Files.createDirectories(catalog.datasetDir(EVENTS)).resolve("old-" + UUID.randomUUID() + ".parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("COPY (SELECT 1::BIGINT AS id, 'a' AS name) TO '" + old + "' (FORMAT parquet)");
        }
        LakeSchema v1 =
                LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT), LakeField.nullable("name", LakeType.STRING));
        catalog.commit(CommitRequest.append(
                EVENTS,
                v1,
                List.of(),
                List.of(new NewDataFile(catalog.lakeRoot().relativize(old).toString(), 1, Files.size(old), List.of())),
                null,
                "tester"));
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);

        // Later schema versions add a column; a file holds the columns in another order and lacks one.
        ingest(EVENTS, IngestMode.APPEND, "id,name,email\n2,b,b@x\n");
        ingest(EVENTS, IngestMode.APPEND, "email,id\nc@x,3\n");
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.PUBLISHED);

        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(EVENTS));
        assertThat(NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING))
                        .find("name")
                        .id())
                .isEqualTo(2);
        assertThat(table.schema().findField("id").fieldId()).isEqualTo(1);
        assertThat(table.schema().findField("name").fieldId()).isEqualTo(2);
        assertThat(table.schema().findField("email").fieldId()).isEqualTo(3);
        assertThat(icebergRows(EVENTS, "id", "name", "email"))
                .isEqualTo(sqlRows("SELECT id, name, email FROM events"))
                .containsExactly(Arrays.asList(1L, "a", null), List.of(2L, "b", "b@x"), Arrays.asList(3L, null, "c@x"));

        // The hub's files carry the table's ids in their footers; the old file none.
        List<DataFile> files = catalog.liveFiles(EVENTS);
        assertThat(files).hasSize(3);
        for (DataFile f : files) {
            Path path = catalog.lakeRoot().resolve(f.relativePath());
            for (List<Object> row :
                    DuckDb.query("SELECT name, field_id FROM parquet_schema('" + path + "') WHERE type IS NOT NULL")) {
                Object expected = path.equals(old)
                        ? null
                        : table.schema().findField((String) row.get(0)).fieldId();
                assertThat(row.get(1) == null ? null : ((Number) row.get(1)).intValue())
                        .as("field id of %s in %s", row.get(0), path)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aRepublishAfterACrashIsRecognisedAndSkipped() throws IOException {
        ingest(EVENTS, IngestMode.APPEND, "id,name\n1,a\n");
        publisher.publish(EVENTS);
        int snapshots = snapshotCount(EVENTS);

        // A new publisher (a restarted hub) finds the table current: nothing is committed twice.
        publisher.close();
        publisher = newPublisher();
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(snapshotCount(EVENTS)).isEqualTo(snapshots);
        assertThat(icebergRows(EVENTS, "id", "name")).containsExactly(List.of(1, "a"));

        // Rebuild gives the same rows from the Lakehub catalog.
        assertThat(publisher.rebuild(EVENTS).outcome()).isEqualTo(Outcome.REBUILT);
        assertThat(icebergRows(EVENTS, "id", "name")).containsExactly(List.of(1, "a"));
    }

    @Test
    void oldSnapshotsExpireWithoutTouchingTheLakesFiles() throws IOException {
        publisher.withRetainedSnapshots(2);
        for (int i = 1; i <= 4; i++) {
            ingest(EVENTS, IngestMode.APPEND, "id,name\n" + i + ",n" + i + "\n");
            publisher.publish(EVENTS);
        }
        assertThat(snapshotCount(EVENTS)).isEqualTo(2);
        assertThat(icebergRows(EVENTS, "id", "name"))
                .isEqualTo(sqlRows("SELECT id, name FROM events"))
                .hasSize(4);
        assertThat(catalog.liveFiles(EVENTS))
                .hasSize(4)
                .allSatisfy(f ->
                        assertThat(catalog.lakeRoot().resolve(f.relativePath())).exists());
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    int snapshotCount(DatasetName dataset) {
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(dataset));
        int n = 0;
        for (Snapshot ignored : table.snapshots()) {
            n++;
        }
        return n;
    }

    @Test
    void upsertsAndSoftDeletesBecomeDeleteFilesAndCompactionKeepsTheRows() throws IOException {
        ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n1,new,false\n2,new,false\n3,new,false\n");
        publisher.publish(ORDERS);
        // 2 deleted, 3 updated twice in one file (last wins), 4 arrives deleted, 5 inserted.
        ingest(
                ORDERS,
                IngestMode.UPSERT,
                "id,status,is_deleted\n2,x,true\n3,paid,false\n3,shipped,false\n4,new,true\n5,new,false\n");
        assertThat(publisher.publish(ORDERS).outcome()).isEqualTo(Outcome.PUBLISHED);
        String q = "SELECT id, status FROM orders";
        assertThat(sqlRows(q)).containsExactly(List.of(1, "new"), List.of(3, "shipped"), List.of(5, "new"));
        assertThat(icebergRows(ORDERS, "id", "status")).isEqualTo(sqlRows(q));

        // Key 2 comes back.
        ingest(ORDERS, IngestMode.UPSERT, "id,status,is_deleted\n2,back,false\n");
        publisher.publish(ORDERS);
        assertThat(icebergRows(ORDERS, "id", "status")).isEqualTo(sqlRows(q)).hasSize(4);

        // Compaction replaces every file: the table follows, without the delete files.
        new Compactor(catalog, ParquetWriteOptions.defaults(), new CompactionThresholds(1, 0.01, 2, Duration.ZERO))
                .compactAllIfNeeded();
        assertThat(catalog.snapshots(ORDERS).getFirst().operation()).isEqualTo("REPLACE");
        publisher.publish(ORDERS);
        assertThat(icebergRows(ORDERS, "id", "status")).isEqualTo(sqlRows(q)).hasSize(4);
        Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(ORDERS));
        assertThat(table.currentSnapshot().summary()).containsEntry("total-delete-files", "0");
    }

    @Test
    void aDroppedDatasetDropsItsTable() throws IOException {
        ingest(EVENTS, IngestMode.APPEND, "id,name\n1,a\n");
        publisher.publish(EVENTS);
        assertThat(publisher.tableLocation(EVENTS)).isDirectory();

        catalog.drop(EVENTS, "tester");
        assertThat(publisher.publish(EVENTS).outcome()).isEqualTo(Outcome.DROPPED);
        assertThat(publisher.icebergCatalog().tableExists(IcebergPublisher.tableId(EVENTS)))
                .isFalse();
        assertThat(publisher.tableLocation(EVENTS)).doesNotExist();
    }
}
