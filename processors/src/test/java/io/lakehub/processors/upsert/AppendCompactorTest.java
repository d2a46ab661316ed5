package io.lakehub.processors.upsert;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small-file compaction of append datasets (ADR 0057) on the embedded catalog: many small appends
 * become a few files with the same rows through the SQL engine, and commits landing during a
 * compaction are kept (appends) or make it give up cleanly (anything else).
 */
class AppendCompactorTest {
    static final DatasetName EVENTS = DatasetName.of("appendcompact_events");
    static final String ROWS = "SELECT id, name, score FROM appendcompact_events ORDER BY id, name";

    @TempDir
    Path home;

    EmbeddedLake lake;
    JdbcCatalog catalog;
    int files;

    @BeforeEach
    void setUp() {
        lake = EmbeddedLake.open(home);
        catalog = lake.catalog();
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    void append(String csv) {
        try {
            Path f = Files.writeString(
                    Files.createDirectories(home.resolve("in")).resolve("events-" + (++files) + ".csv"), csv);
            IngestResult r = lake.ingestor()
                    .ingest(IngestRequest.builder(EVENTS)
                            .file(f)
                            .options(ReadOptions.detect().withFormat(Format.CSV))
                            .sourceSystem("test")
                            .actor("tester")
                            .mode(IngestMode.APPEND)
                            .build());
            assertThat(r.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} appends of 3 new rows each; from the middle on with a third column (a newer schema version). */
    void smallAppends(int n) {
        int first = files;
        for (int i = 0; i < n; i++) {
            int id = (first + i) * 3;
            if (i < n / 2) {
                append("id,name\n" + id + ",a" + i + "\n" + (id + 1) + ",b" + i + "\n" + (id + 2) + ",c" + i + "\n");
            } else {
                append("id,name,score\n" + id + ",a" + i + "," + i + ".5\n" + (id + 1) + ",b" + i + ",\n" + (id + 2)
                        + ",c" + i + "," + i + "\n");
            }
        }
    }

    List<List<Object>> rows() {
        return new ArrayList<>(lake.sql().query(ROWS).rows());
    }

    /** Every file small, at most {@code perRewrite} files per rewrite, 4 small files trigger. */
    AppendCompactor compactor(Catalog over, int perRewrite) {
        return compactor(over, perRewrite, 4);
    }

    AppendCompactor compactor(Catalog over, int perRewrite, int minSmallFiles) {
        return new AppendCompactor(
                over,
                ParquetWriteOptions.defaults(),
                new AppendCompactionThresholds(1L << 30, 1L << 30, minSmallFiles, perRewrite));
    }

    /** The catalog, running {@code before} with the request ahead of the first replace it commits. */
    Catalog interceptingFirstReplace(Consumer<CommitRequest> before) {
        AtomicBoolean done = new AtomicBoolean();
        return (Catalog) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Catalog.class}, (proxy, m, args) -> {
                    if (m.getName().equals("commit")
                            && args[0] instanceof CommitRequest r
                            && r.operation() == CommitRequest.Operation.REPLACE
                            && done.compareAndSet(false, true)) {
                        before.accept(r);
                    }
                    try {
                        return m.invoke(catalog, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void manySmallAppendsBecomeAFewFilesWithTheSameRows() {
        smallAppends(25);
        List<List<Object>> before = rows();
        String aggregates = "SELECT count(*), count(score), sum(score), count(DISTINCT name) FROM appendcompact_events";
        List<List<Object>> aggregated = lake.sql().query(aggregates).rows();
        List<DataFile> small = catalog.liveFiles(EVENTS);
        assertThat(small).hasSize(25);
        long totalRows = catalog.dataset(EVENTS).orElseThrow().rowCount();
        int lineage = catalog.lineage(EVENTS).size();

        AppendCompactor.Result r =
                compactor(catalog, 10).compactIfNeeded(EVENTS).orElseThrow();

        // 10 + 10 + 5 files, in commit order, each group one file and one replace.
        assertThat(r.postponed()).isFalse();
        assertThat(r.filesRemoved()).isEqualTo(25);
        assertThat(r.filesWritten()).isEqualTo(3);
        assertThat(r.replaces())
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.operation()).isEqualTo("REPLACE"));
        List<DataFile> live = catalog.liveFiles(EVENTS);
        assertThat(live).hasSize(3);
        assertThat(live.stream().mapToLong(DataFile::rowCount)).containsExactly(30L, 30L, 15L);
        assertThat(rows()).isEqualTo(before).hasSize(75);
        assertThat(lake.sql().query(aggregates).rows()).isEqualTo(aggregated);
        assertThat(catalog.dataset(EVENTS).orElseThrow().rowCount()).isEqualTo(totalRows);
        assertThat(catalog.lineage(EVENTS)).hasSize(lineage);

        // The replaced files stay for queries still reading them, until the grace period is over.
        assertThat(small)
                .allSatisfy(f ->
                        assertThat(catalog.lakeRoot().resolve(f.relativePath())).exists());
        assertThat(catalog.expireRemovedFiles(Duration.ZERO)).isEqualTo(25);
        assertThat(small)
                .allSatisfy(f ->
                        assertThat(catalog.lakeRoot().resolve(f.relativePath())).doesNotExist());
        assertThat(rows()).isEqualTo(before);

        // Three files, none small enough in number to trigger again.
        assertThat(compactor(catalog, 10).compactIfNeeded(EVENTS)).isEmpty();
    }

    @Test
    void anAppendCommittedDuringTheCompactionLandsExactlyOnceAndTheCompactionStillCommits() {
        smallAppends(6);
        List<List<Object>> before = rows();
        List<Long> appendedDuring = new ArrayList<>();
        Catalog racing = interceptingFirstReplace(r -> {
            // Another pipeline's append lands between the compaction's plan and its commit.
            append("id,name\n999,late\n");
            appendedDuring.add(catalog.dataset(EVENTS).orElseThrow().currentSnapshotId());
        });

        AppendCompactor.Result r =
                compactor(racing, 100).compactIfNeeded(EVENTS).orElseThrow();

        assertThat(r.postponed()).isFalse();
        assertThat(r.filesRemoved()).isEqualTo(6);
        Snapshot replace = r.replaces().getFirst();
        // Rebased onto the append, not refused.
        assertThat(replace.parentId()).isEqualTo(appendedDuring.getFirst());
        List<DataFile> live = catalog.liveFiles(EVENTS);
        assertThat(live).hasSize(2);
        assertThat(live).anySatisfy(f -> assertThat(f.addedSnapshotId()).isEqualTo(appendedDuring.getFirst()));
        assertThat(lake.sql()
                        .query("SELECT count(*) FROM appendcompact_events WHERE id = 999")
                        .rows())
                .containsExactly(List.of(1L));
        List<List<Object>> expected = new ArrayList<>(before);
        expected.add(java.util.Arrays.asList(999, "late", null));
        assertThat(rows()).isEqualTo(expected);
        assertThat(catalog.dataset(EVENTS).orElseThrow().rowCount()).isEqualTo(19);
    }

    @Test
    void aCommitOtherThanAnAppendDuringTheCompactionPostponesItAndDeletesItsFile() {
        smallAppends(6);
        List<List<Object>> before = rows();
        List<Path> written = new ArrayList<>();
        Catalog racing = interceptingFirstReplace(r -> {
            written.add(catalog.lakeRoot().resolve(r.added().getFirst().relativePath()));
            // Another compaction (say from the CLI) replaces the first two files first.
            List<DataFile> live = catalog.liveFiles(EVENTS);
            compactor(catalog, 2).compactIfNeeded(EVENTS);
            assertThat(catalog.liveFiles(EVENTS)).isNotEqualTo(live);
        });

        Optional<AppendCompactor.Result> r = compactor(racing, 100).compactIfNeeded(EVENTS);

        assertThat(r).hasValueSatisfying(res -> {
            assertThat(res.postponed()).isTrue();
            assertThat(res.replaces()).isEmpty();
        });
        assertThat(written).singleElement().satisfies(p -> assertThat(p).doesNotExist());
        assertThat(rows()).isEqualTo(before);
        // The next run compacts what is there.
        assertThat(catalog.liveFiles(EVENTS)).hasSize(3);
        assertThat(compactor(catalog, 100, 2).compactIfNeeded(EVENTS))
                .hasValueSatisfying(res -> assertThat(res.postponed()).isFalse());
        assertThat(catalog.liveFiles(EVENTS)).hasSize(1);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theCompactionJobsCompactorCompactsAppendDatasetsWithEnoughSmallFilesOnly() {
        smallAppends(3);
        Compactor compactor = new Compactor(
                catalog, ParquetWriteOptions.defaults(), CompactionThresholds.defaults(), compactor(catalog, 100));
        Compactor.Summary s = compactor.compactAllIfNeeded();
        assertThat(s.compacted()).isEmpty();
        assertThat(catalog.liveFiles(EVENTS)).hasSize(3);

        smallAppends(2);
        s = compactor.compactAllIfNeeded();
        assertThat(s.compacted()).containsExactly(EVENTS.value());
        assertThat(s.smallFilesRemoved()).isEqualTo(5);
        assertThat(s.filesWritten()).isEqualTo(1);
        assertThat(catalog.liveFiles(EVENTS)).hasSize(1);
        // Off: nothing happens however many files.
        smallAppends(6);
        assertThat(new AppendCompactor(
                                catalog,
                                ParquetWriteOptions.defaults(),
                                new AppendCompactionThresholds(1L << 30, 1L << 30, 0, 100))
                        .compactIfNeeded(EVENTS))
                .isEmpty();
    }
}
