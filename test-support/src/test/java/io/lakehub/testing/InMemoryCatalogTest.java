package io.lakehub.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory catalog keeps the {@link io.lakehub.catalog.Catalog} contract wherever a caller can
 * observe it, so that the modules' tests that use it stand for the real catalog. The database-level
 * parts of {@code JdbcCatalogContract} (raw table counts, SQL tampering with the journal, two
 * instances on one database, rollbacks forced by constraints) have no in-memory counterpart; their
 * observable effect is covered here through the failure-injection option instead.
 */
class InMemoryCatalogTest {
    static final DatasetName PEOPLE = DatasetName.of("people");
    static final LakeSchema V1 =
            LakeSchema.of(LakeField.nullable("id", LakeType.INT), LakeField.nullable("name", LakeType.STRING));
    static final LakeSchema V2 = LakeSchema.of(
            LakeField.nullable("id", LakeType.INT),
            LakeField.nullable("name", LakeType.STRING),
            LakeField.nullable("email", LakeType.STRING));

    @TempDir
    Path lake;

    InMemoryCatalog catalog;
    int files;

    @BeforeEach
    void open() {
        catalog = new InMemoryCatalog(lake);
    }

    NewDataFile newFile(DatasetName dataset, long rows) throws IOException {
        String rel = dataset + "/part-" + ++files + ".parquet";
        Path file = lake.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[16]);
        return new NewDataFile(rel, rows, 16, List.of());
    }

    CommitRequest append(DatasetName dataset, LakeSchema schema, String hash, Map<String, String> properties)
            throws IOException {
        return new CommitRequest(
                dataset,
                CommitRequest.Operation.APPEND,
                schema,
                List.of(),
                List.of(newFile(dataset, 3)),
                List.of(),
                new Lineage("inbox", "file:///inbox/people.csv", "people-pipeline", hash),
                properties,
                "cli");
    }

    @Test
    void commitsAreReadBackThroughEveryAccessor() throws Exception {
        Snapshot first = catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of()));
        Snapshot second = catalog.commit(append(PEOPLE, V2, "sha256:b", Map.of()));

        assertThat(second.parentId()).isEqualTo(first.id());
        assertThat(second.totalRows()).isEqualTo(6);
        assertThat(second.schemaVersion()).isEqualTo(2);
        assertThat(catalog.snapshots(PEOPLE)).extracting(Snapshot::id).containsExactly(second.id(), first.id());
        assertThat(catalog.schemaVersions(PEOPLE)).hasSize(2);
        assertThat(catalog.lineage(PEOPLE).getFirst().contentHash()).isEqualTo("sha256:b");
        assertThat(catalog.liveFiles(PEOPLE)).hasSize(2);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(6);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema()).isEqualTo(V2);
        assertThat(catalog.currentSnapshotIds()).containsEntry("people", second.id());
        assertThat(catalog.findByContentHash(PEOPLE, "sha256:a")).isPresent();
        assertThat(catalog.commits()).hasSize(2);
    }

    @Test
    void replaceRemovesLiveFilesFromTheCurrentSnapshotOnly() throws Exception {
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of()));
        long old = catalog.liveFiles(PEOPLE).getFirst().id();
        Snapshot replaced = catalog.commit(new CommitRequest(
                PEOPLE,
                CommitRequest.Operation.REPLACE,
                V1,
                List.of(),
                List.of(newFile(PEOPLE, 5)),
                List.of(old),
                new Lineage("compaction", "lake://people", null, null),
                Map.of(),
                "system"));

        assertThat(replaced.totalRows()).isEqualTo(5);
        assertThat(catalog.liveFiles(PEOPLE))
                .singleElement()
                .satisfies(f -> assertThat(f.rowCount()).isEqualTo(5));
    }

    @Test
    void refusedCommitsChangeNothingAndDeleteTheirNewFiles() throws Exception {
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of("cursor", "1")));
        List<String> before = catalog.filesOnDisk();

        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of("cursor", "2"))))
                .isInstanceOf(DuplicateCommitException.class);
        assertThatThrownBy(() -> catalog.commit(new CommitRequest(
                        PEOPLE,
                        CommitRequest.Operation.REPLACE,
                        V1,
                        List.of(),
                        List.of(newFile(PEOPLE, 1)),
                        List.of(999L),
                        new Lineage("x", "x", null, null),
                        Map.of(),
                        "cli")))
                .isInstanceOf(CommitConflictException.class);
        catalog.onCommit(r -> {
            throw new CatalogUnavailableException("down", null);
        });
        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, "sha256:c", Map.of("cursor", "3"))))
                .isInstanceOf(CatalogUnavailableException.class);

        assertThat(catalog.filesOnDisk()).isEqualTo(before);
        assertThat(catalog.snapshots(PEOPLE)).hasSize(1);
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("1");
        assertThat(catalog.commits()).hasSize(1);
    }

    @Test
    void aHookFailingAfterTheCommitMayHaveLandedLeavesTheFiles() throws Exception {
        catalog.onCommitLeavingFiles(r -> {
            throw new CatalogUnavailableException("unknown outcome", null);
        });
        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of())))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(catalog.filesOnDisk()).hasSize(1);
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
    }

    @Test
    void aSourcePositionIsTheNewestCommittedValuePerDataset() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of("cursor", "5", "table", "public.people")));
        catalog.commit(append(PEOPLE, V1, "sha256:b", Map.of("cursor", "9")));
        catalog.commit(append(PEOPLE, V1, "sha256:c", Map.of()));
        catalog.commit(append(orders, V1, "sha256:d", Map.of("cursor", "o-1")));

        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("9");
        assertThat(catalog.sourcePosition(PEOPLE, "table")).contains("public.people");
        assertThat(catalog.sourcePosition(orders, "table")).isEmpty();
        assertThat(catalog.sourcePosition(DatasetName.of("nobody"), "cursor")).isEmpty();
    }

    @Test
    void stepReportsReachTheAuditEventButPositionsDoNot() throws Exception {
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of("step.pii-scan.emails", "12", "cursor", "secret-ish")));
        AuditEvent commit = catalog.audit().latest(5).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .findFirst()
                .orElseThrow();
        assertThat(commit.details()).contains("\"steps\":{\"pii-scan\":{\"emails\":\"12\"}}");
        assertThat(commit.details()).doesNotContain("secret-ish");
    }

    @Test
    void theChangeFeedHearsCommitsAndDropsAfterwards() throws Exception {
        List<DatasetChange> heard = new CopyOnWriteArrayList<>();
        List<Boolean> lockHeld = new CopyOnWriteArrayList<>();
        catalog.changes().subscribe(c -> {
            heard.add(c);
            lockHeld.add(Thread.holdsLock(catalog));
        });
        Snapshot s = catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of()));
        catalog.drop(PEOPLE, "cli");

        assertThat(heard)
                .containsExactly(
                        new DatasetChange("people", s.id(), "APPEND"),
                        new DatasetChange("people", 0L, DatasetChange.DROP));
        assertThat(lockHeld).containsOnly(false);
    }

    @Test
    void theJournalIsAHashChainThatFindsAnInjectedProblem() {
        AuditEvent first = catalog.audit().append(new AuditEntry("cli", "config.change", "config", "{}"));
        AuditEvent second = catalog.audit().append(new AuditEntry("cli", "config.change", "config", "{\"a\":1}"));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(catalog.audit().list(1, 10)).containsExactly(second);
        assertThat(catalog.audit().verify().problems()).isEmpty();
        assertThat(catalog.audit().verify().eventsChecked()).isEqualTo(2);

        catalog.tamperWithAudit("event 1: edited");
        assertThat(catalog.audit().verify().problems()).containsExactly("event 1: edited");
    }

    @Test
    void dropRemovesTheDatasetAndItsFilesAndTheNameStartsAfresh() throws Exception {
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of("cursor", "5")));
        catalog.commit(append(PEOPLE, V1, "sha256:b", Map.of()));

        DroppedDataset dropped = catalog.drop(PEOPLE, "cli").orElseThrow();

        assertThat(dropped).isEqualTo(new DroppedDataset("people", 2, 6, 2, 2, 0));
        assertThat(catalog.filesOnDisk()).isEmpty();
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).isEmpty();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("dataset.drop");
        assertThat(catalog.drop(PEOPLE, "cli")).isEmpty();

        Snapshot fresh = catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of()));
        assertThat(fresh.parentId()).isNull();
        assertThat(catalog.schemaVersions(PEOPLE)).hasSize(1);
    }

    @Test
    void theOrphanSweepDeletesOldUnrecordedFilesOnly() throws Exception {
        catalog.commit(append(PEOPLE, V1, "sha256:a", Map.of()));
        Path old = Files.write(lake.resolve("people/orphan.parquet"), new byte[1]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Files.write(lake.resolve("people/in-flight.parquet"), new byte[1]);
        Path recorded = lake.resolve(catalog.liveFiles(PEOPLE).getFirst().relativePath());
        Files.setLastModifiedTime(recorded, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertThat(catalog.sweepOrphans(Duration.ofHours(1))).isEqualTo(1);
        assertThat(catalog.filesOnDisk()).containsExactly("people/in-flight.parquet", "people/part-1.parquet");
    }

    @Test
    void aCreatedDatasetHasASchemaButNoSnapshotAndDeleteForgetsItSilently() {
        catalog.create(PEOPLE, V1);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().currentSnapshotId()).isNull();
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema()).isEqualTo(V1);

        catalog.delete(PEOPLE);
        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.audit().latest(10)).isEmpty();
    }
}
