package io.lakehub.processors.upsert;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.ForwardingBatchSource;
import io.lakehub.processors.chain.KeyComparingSource;
import io.lakehub.processors.chain.KeyComparison;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key comparison through the ingest and the upsert planner, with CSV files standing in for the
 * database (the real PostgreSQL and MariaDB path is {@code JdbcKeysCompareCliIT}).
 */
class KeyComparisonIngestTest {
    static final DatasetName ORDERS = DatasetName.of("orders");
    static final ReadOptions CSV = ReadOptions.detect().withFormat(Format.CSV);
    static final String COMPARED_AT = "position.jdbc.orders.keys-compared-at";

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

    Path csv(String text) throws IOException {
        return Files.writeString(Files.createDirectories(home.resolve("in")).resolve("f-" + (++files) + ".csv"), text);
    }

    /** Rows from a CSV file (or none); the source's keys from another, when {@code keys} is given. */
    IngestResult poll(BatchSource rows, String keys) throws IOException {
        return poll(rows, keys == null ? null : BatchReaders.forFile(csv(keys), CSV));
    }

    IngestResult poll(BatchSource rows, BatchSource keys) {
        Optional<KeyComparison> comparison = keys == null
                ? Optional.empty()
                : Optional.of(new KeyComparison(keys, Map.of(COMPARED_AT, "2026-11-30T12:00:00Z")));
        return ingestor.ingest(IngestRequest.builder(ORDERS)
                .source(new Comparing(rows, comparison))
                .sourceSystem("test")
                .actor("tester")
                .pipeline("orders")
                .mode(IngestMode.UPSERT)
                .key(List.of("id"))
                .build());
    }

    List<List<Object>> query(String q) {
        return sql.query(q).rows();
    }

    Stream<DataFile> markerFiles(Snapshot s) {
        return catalog.liveFiles(ORDERS).stream().filter(f -> f.isDeleteMarkers() && f.addedSnapshotId() == s.id());
    }

    @Test
    void keysGoneFromTheSourceAreHiddenAndCountedButNotKeysThePollWrites() throws IOException {
        poll(BatchReaders.forFile(csv("id,status\n1,new\n2,new\n3,new\n4,new\n5,new\n"), CSV), (String) null);

        // Key 2 is updated by this poll although the key listing misses it (deleted after the row read).
        IngestResult r = poll(BatchReaders.forFile(csv("id,status\n2,paid\n"), CSV), "id\n1\n3\n");
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(query("SELECT id, status FROM orders ORDER BY id"))
                .containsExactly(List.of(1, "new"), List.of(2, "paid"), List.of(3, "new"));
        Snapshot s = catalog.snapshots(ORDERS).getFirst();
        assertThat(s)
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(catalog.sourcePosition(ORDERS, COMPARED_AT)).contains("2026-11-30T12:00:00Z");
        assertThat(Files.list(catalog.datasetDir(ORDERS))
                        .filter(p -> p.toString().endsWith(".parquet")))
                .as("the listed keys are never left in the lake")
                .hasSize(catalog.liveFiles(ORDERS).size());
    }

    @Test
    void aComparisonOnAQuietSourceCommitsOnlyItsMarkersAndItsTime() throws IOException {
        poll(BatchReaders.forFile(csv("id,status\n1,new\n2,new\n3,new\n"), CSV), (String) null);
        int dataFiles = (int) catalog.liveFiles(ORDERS).stream()
                .filter(f -> !f.isDeleteMarkers())
                .count();

        IngestResult r = poll(new NoRows(), "id\n3\n1\n");
        assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(query("SELECT id FROM orders ORDER BY id")).containsExactly(List.of(1L), List.of(3L));
        Snapshot s = catalog.snapshots(ORDERS).getFirst();
        assertThat(s)
                .extracting(Snapshot::addedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(0L, 1L, 2L);
        assertThat(markerFiles(s))
                .singleElement()
                .extracting(DataFile::rowCount)
                .isEqualTo(1L);
        assertThat(catalog.liveFiles(ORDERS).stream().filter(f -> !f.isDeleteMarkers()))
                .as("no data file added")
                .hasSize(dataFiles);

        // Nothing gone: still committed, to record when the keys were compared.
        long snapshots = catalog.snapshots(ORDERS).size();
        assertThat(poll(new NoRows(), "id\n1\n3\n").outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(catalog.snapshots(ORDERS)).hasSize((int) snapshots + 1);
        assertThat(catalog.snapshots(ORDERS).getFirst().properties()).containsKey(COMPARED_AT);
        assertThat(query("SELECT id FROM orders ORDER BY id")).containsExactly(List.of(1L), List.of(3L));

        // Not due and nothing new: nothing is committed.
        assertThat(poll(new NoRows(), (BatchSource) null).outcome()).isEqualTo(IngestResult.Outcome.EMPTY);
        assertThat(catalog.snapshots(ORDERS)).hasSize((int) snapshots + 1);

        // The source emptied: every visible key goes.
        assertThat(poll(new NoRows(), new NoRows()).outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(query("SELECT count(*) FROM orders")).containsExactly(List.of(0L));
    }

    /** A source whose key comparison is fixed by the test. */
    static final class Comparing extends ForwardingBatchSource implements KeyComparingSource {
        private final Optional<KeyComparison> comparison;

        Comparing(BatchSource rows, Optional<KeyComparison> comparison) {
            super(rows);
            this.comparison = comparison;
        }

        @Override
        public Optional<KeyComparison> keyComparison() {
            return comparison;
        }

        @Override
        public Map<String, String> position() {
            return Map.of();
        }
    }

    /** A poll that finds no changed row. */
    static final class NoRows implements BatchSource {
        private LakeSchema schema = LakeSchema.of(
                io.lakehub.catalog.schema.LakeField.nullable("id", io.lakehub.catalog.schema.LakeType.BIGINT),
                io.lakehub.catalog.schema.LakeField.nullable("status", io.lakehub.catalog.schema.LakeType.STRING));

        @Override
        public void open() {}

        @Override
        public LakeSchema schema() {
            return schema;
        }

        @Override
        public void readAs(LakeSchema target) {
            schema = target;
        }

        @Override
        public boolean next(VectorSchemaRoot batch) {
            batch.setRowCount(0);
            return false;
        }

        @Override
        public int batchRows() {
            return 100;
        }

        @Override
        public long rowsRead() {
            return 0;
        }

        @Override
        public Map<String, String> position() {
            return Map.of();
        }

        @Override
        public void close() {}
    }
}
