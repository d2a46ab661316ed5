package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.ColumnClassification;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.schema.SchemaEvolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's behaviour as users rely on it, run against each supported database by a subclass
 * that says how to reach a fresh, empty one.
 */
abstract class JdbcCatalogContract {
    static final DatasetName PEOPLE = DatasetName.of("people");
    static final LakeSchema V1 =
            LakeSchema.of(LakeField.nullable("id", LakeType.INT), LakeField.nullable("name", LakeType.STRING));

    @TempDir
    Path tmp;

    Path lake;
    CatalogSettings settings;
    JdbcCatalog catalog;
    private final AtomicInteger fileCounter = new AtomicInteger();
    private final Random random = new Random(20260121L);

    /** Settings of a fresh, empty catalog database, with the lake somewhere under {@code home}. */
    abstract CatalogSettings freshCatalog(Path home) throws Exception;

    /** Drops what {@link #freshCatalog} created, after the catalog is closed. */
    void dropCatalog() throws Exception {}

    @BeforeEach
    void openCatalog() throws Exception {
        settings = freshCatalog(tmp.resolve("home"));
        lake = settings.lakeRoot();
        catalog = JdbcCatalog.open(settings);
    }

    /** A connection that bypasses the catalog, for tampering and for checking raw table contents. */
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
    }

    @AfterEach
    void closeCatalog() throws Exception {
        if (catalog != null) {
            catalog.close();
        }
        dropCatalog();
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a file as a writer would have (content is irrelevant to the catalog). */
    NewDataFile newFile(DatasetName dataset, long rows) throws IOException {
        String rel = dataset + "/part-" + fileCounter.incrementAndGet() + "-" + Long.toHexString(random.nextLong())
                + ".parquet";
        Path file = lake.resolve(rel);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[16 + (int) (rows % 64)];
        random.nextBytes(bytes);
        Files.write(file, bytes);
        return new NewDataFile(
                rel,
                rows,
                bytes.length,
                List.of(new ColumnStats("id", 0, "1", String.valueOf(rows)), new ColumnStats("name", 2, "Ann", "Zoe")));
    }

    static Lineage lineage(String hash) {
        return new Lineage("inbox", "file:///inbox/people/people.csv", "people-pipeline", hash);
    }

    CommitRequest append(DatasetName dataset, LakeSchema schema, List<String> changes, NewDataFile... files) {
        return CommitRequest.append(
                dataset,
                schema,
                changes,
                List.of(files),
                lineage("sha256:" + Long.toHexString(random.nextLong())),
                "cli");
    }

    Snapshot appendRows(DatasetName dataset, long rows) throws IOException {
        return catalog.commit(append(dataset, V1, List.of(), newFile(dataset, rows)));
    }

    long count(String sql) throws SQLException {
        try (Connection c = rawConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = rawConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Everything a failed commit must leave as it was. */
    record State(
            List<Snapshot> snapshots,
            List<DataFile> live,
            List<SchemaVersion> versions,
            List<LineageRecord> lineage,
            long dataFileRows,
            long auditEvents,
            Map<String, Long> heads) {}

    State state(DatasetName dataset) throws SQLException {
        return new State(
                catalog.snapshots(dataset),
                catalog.liveFiles(dataset),
                catalog.schemaVersions(dataset),
                catalog.lineage(dataset),
                count("SELECT COUNT(*) FROM data_file"),
                auditEventsRecorded(),
                catalog.currentSnapshotIds());
    }

    /** Events chained plus events committed but still queued for the sequencer (ADR 0042). */
    long auditEventsRecorded() throws SQLException {
        // One statement, one snapshot: the sequencer may move events from one table to the other.
        return count("SELECT (SELECT COUNT(*) FROM audit_event) + (SELECT COUNT(*) FROM audit_pending)");
    }

    static JsonNode json(String text) {
        return CatalogJson.read(text);
    }

    // ---------------------------------------------------------------- commit and read back

    @Test
    void userViewsAreStoredListedAndDeletedAndANameIsTakenOnce() {
        io.lakehub.catalog.views.StoredView view = new io.lakehub.catalog.views.StoredView(
                "people_public",
                "people",
                "{\"columns\":[\"id\"],\"row_filter\":null,\"redactions\":{}}",
                "admin",
                Instant.parse("2026-01-02T03:04:05.123456Z"));
        catalog.views().insert(view);

        assertThat(catalog.views().list()).containsExactly(view);
        assertThat(catalog.views().find("people_public")).contains(view);
        assertThatThrownBy(() -> catalog.views().insert(view))
                .isInstanceOf(io.lakehub.catalog.views.DuplicateViewException.class)
                .hasMessageContaining("people_public");
        assertThat(catalog.views().delete("people_public")).isTrue();
        assertThat(catalog.views().delete("people_public")).isFalse();
        assertThat(catalog.views().list()).isEmpty();
    }

    @Test
    void searchProfilesAreStoredListedAndDeleted() {
        var store = catalog.searchProfiles();
        var profile = new io.lakehub.catalog.profiles.StoredProfile(
                "support_bot",
                java.util.List.of("people_safe", "notes"),
                java.util.List.of("people_idx"),
                5,
                "team <> 'x'",
                "hybrid",
                "root",
                Instant.parse("2026-01-02T03:04:05.123456Z"));
        var bare = new io.lakehub.catalog.profiles.StoredProfile(
                "bare", java.util.List.of(), java.util.List.of("a"), null, null, null, "root", Instant.EPOCH);
        assertThat(store.insert(profile)).isTrue();
        assertThat(store.insert(profile)).isFalse();
        assertThat(store.insert(bare)).isTrue();
        assertThat(store.list()).containsExactly(bare, profile);
        assertThat(store.find("support_bot")).contains(profile);
        assertThat(store.delete("support_bot")).isTrue();
        assertThat(store.delete("support_bot")).isFalse();
        assertThat(store.find("support_bot")).isEmpty();
        assertThat(store.delete("bare")).isTrue();
    }

    @Test
    void theTuningJournalAppendsTrialsMarksAbandonedAndKeepsPromotions() {
        var journal = catalog.tuningJournal();
        Instant at = Instant.parse("2026-01-03T00:00:00.000001Z");
        var set = new io.lakehub.catalog.vectors.TuningJournal.EvalSet(
                "t_idx", "e1", "uploaded", "ab".repeat(32), "cd".repeat(32), "{\"k\": 1}", "root", at);
        assertThat(journal.saveEvalSet(set)).isTrue();
        assertThat(journal.saveEvalSet(set)).isFalse();
        assertThat(journal.evalSets("t_idx")).containsExactly(set);
        assertThat(journal.evalSet("t_idx", "e1")).contains(set);
        assertThat(journal.evalSet("other", "e1")).isEmpty();

        long first = journal.startTrial("t_idx", "e1", "oq=5", "search_time", at);
        long second = journal.startTrial("t_idx", "e1", "oq=6", "search_time", at);
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(journal.finishTrial("t_idx", first, "completed", 10, 0.97, 120L, 300L, 0L, 1024L, null, at))
                .isTrue();
        assertThat(journal.finishTrial("t_idx", first, "failed", null, null, null, null, null, null, "late", at))
                .isFalse();
        assertThat(journal.abandonRunning("hub stopped mid-trial", at)).isEqualTo(1);
        var trials = journal.trials("t_idx");
        assertThat(trials).hasSize(2);
        assertThat(trials.get(0).status()).isEqualTo("completed");
        assertThat(trials.get(0).recall()).isEqualTo(0.97);
        assertThat(trials.get(0).p95Micros()).isEqualTo(300L);
        assertThat(trials.get(0).finishedAt()).isEqualTo(at);
        assertThat(trials.get(1).status()).isEqualTo("abandoned");
        assertThat(trials.get(1).recall()).isNull();
        assertThat(trials.get(1).error()).contains("mid-trial");

        assertThat(journal.promote("t_idx", "promote", "oq=5", "oq=3", first, "recall +0.02", "root", at))
                .isEqualTo(1);
        assertThat(journal.promote("t_idx", "rollback", "oq=3", "oq=5", null, "on demand", "root", at))
                .isEqualTo(2);
        var promotions = journal.promotions("t_idx");
        assertThat(promotions).extracting(p -> p.action()).containsExactly("promote", "rollback");
        assertThat(promotions.get(0).trialSeq()).isEqualTo(first);
        assertThat(promotions.get(1).trialSeq()).isNull();
    }

    @Test
    void oneHubAtATimeHoldsAnIndexsAutotuneLease() {
        var journal = catalog.tuningJournal();
        Instant now = Instant.parse("2026-01-03T00:00:00Z");
        Instant later = now.plusSeconds(600);
        assertThat(journal.lease("l_idx", "hub-a", now, later)).isTrue();
        assertThat(journal.lease("l_idx", "hub-b", now, later)).isFalse();
        assertThat(journal.lease("l_idx", "hub-a", now.plusSeconds(60), later.plusSeconds(60)))
                .isTrue();
        // A running trial of a leased index is not another hub's to abandon.
        long seq = journal.startTrial("l_idx", "e", "p", "search_time", now);
        assertThat(journal.abandonRunning("restart", now.plusSeconds(120))).isZero();
        // An expired lease is taken over, and then the trial may be abandoned.
        assertThat(journal.lease("l_idx", "hub-b", later.plusSeconds(61), later.plusSeconds(700)))
                .isTrue();
        journal.release("l_idx", "hub-a");
        assertThat(journal.lease("l_idx", "hub-a", later.plusSeconds(62), later.plusSeconds(700)))
                .isFalse();
        journal.release("l_idx", "hub-b");
        assertThat(journal.abandonRunning("restart", later.plusSeconds(63))).isEqualTo(1);
        assertThat(journal.trials("l_idx").get(0).seq()).isEqualTo(seq);
        assertThat(journal.lease("l_idx", "hub-a", later.plusSeconds(64), later.plusSeconds(700)))
                .isTrue();
        journal.release("l_idx", "hub-a");
        // A hub starting alone releases every lease a killed process left, held or not expired.
        assertThat(journal.lease("l_idx", "hub-a", later.plusSeconds(65), later.plusSeconds(700)))
                .isTrue();
        assertThat(journal.lease("m_idx", "hub-b", later.plusSeconds(65), later.plusSeconds(700)))
                .isTrue();
        assertThat(journal.releaseAll()).isEqualTo(2);
        assertThat(journal.lease("l_idx", "hub-c", later.plusSeconds(66), later.plusSeconds(700)))
                .isTrue();
        assertThat(journal.releaseAll()).isEqualTo(1);
    }

    @Test
    void theGrowthBaselineMovesOnceAndAPurgeRemovesAnIndexsWholeJournal() {
        var journal = catalog.tuningJournal();
        Instant now = Instant.parse("2026-01-04T00:00:00Z");
        assertThat(journal.baseline("g_idx")).isEmpty();
        assertThat(journal.moveBaseline("g_idx", null, 100, now)).isTrue();
        assertThat(journal.moveBaseline("g_idx", null, 120, now)).isFalse(); // another hub recorded it first
        assertThat(journal.baseline("g_idx")).hasValue(100);
        assertThat(journal.moveBaseline("g_idx", 100L, 150, now)).isTrue();
        assertThat(journal.moveBaseline("g_idx", 100L, 160, now)).isFalse(); // moved already: one run, not two
        assertThat(journal.baseline("g_idx")).hasValue(150);

        journal.saveEvalSet(new io.lakehub.catalog.vectors.TuningJournal.EvalSet(
                "g_idx", "e", "generated", "sig", "fp", "{}", "me", now));
        journal.finishTrial(
                "g_idx",
                journal.startTrial("g_idx", "e", "p", "search_time", now),
                "completed",
                10,
                1.0,
                1L,
                2L,
                0L,
                0L,
                null,
                now);
        journal.promote("g_idx", "promote", "p", "q", 1L, "why", "me", now);
        journal.lease("g_idx", "hub-a", now, now.plusSeconds(60));
        journal.saveEvalSet(new io.lakehub.catalog.vectors.TuningJournal.EvalSet(
                "other_idx", "e", "generated", "sig", "fp", "{}", "me", now));
        assertThat(journal.purge("g_idx")).containsExactly(1, 1, 1, 1, 1);
        assertThat(journal.evalSets("g_idx")).isEmpty();
        assertThat(journal.trials("g_idx")).isEmpty();
        assertThat(journal.promotions("g_idx")).isEmpty();
        assertThat(journal.baseline("g_idx")).isEmpty();
        assertThat(journal.lease("g_idx", "hub-b", now, now.plusSeconds(60))).isTrue();
        assertThat(journal.evalSets("other_idx")).hasSize(1);
    }

    @Test
    void vectorIndexesAreRegisteredRefreshedStampedAndDeleted() {
        var store = catalog.vectorIndexes();
        var index = new io.lakehub.catalog.vectors.StoredVectorIndex(
                "docs_idx",
                "docs",
                "id",
                "body",
                480,
                80,
                "hashing",
                "feature-hashing",
                "1-seed42",
                128,
                32,
                100,
                1.2,
                1.2,
                true,
                5,
                "on-commit",
                0,
                0,
                0,
                null,
                null,
                null,
                "admin",
                Instant.parse("2026-01-02T03:04:05.123456Z"),
                null);
        assertThat(store.insert(index)).isTrue();
        assertThat(store.insert(index)).isFalse();
        assertThat(store.list()).containsExactly(index);

        Instant at = Instant.parse("2026-01-03T00:00:00.000001Z");
        store.refreshed("docs_idx", 10, 12, 34, "ab".repeat(32), at);
        store.used("docs_idx", at);
        store.failed("docs_idx", "x".repeat(5000));
        var read = store.find("docs_idx").orElseThrow();
        assertThat(read.rowCount()).isEqualTo(10);
        assertThat(read.chunkCount()).isEqualTo(12);
        assertThat(read.buildMillis()).isEqualTo(34);
        assertThat(read.buildSignature()).isEqualTo("ab".repeat(32));
        assertThat(read.refreshedAt()).isEqualTo(at);
        assertThat(read.lastUsed()).isEqualTo(at);
        assertThat(read.lastError()).hasSize(4000);
        assertThat(read.hierarchy()).isTrue();
        assertThat(read.neighborOverflow()).isEqualTo(1.2);
        store.refreshed("docs_idx", 11, 13, 35, "cd".repeat(32), at);
        assertThat(store.find("docs_idx").orElseThrow().lastError()).isNull();

        assertThat(store.delete("docs_idx")).isTrue();
        assertThat(store.delete("docs_idx")).isFalse();
        assertThat(store.find("docs_idx")).isEmpty();
    }

    @Test
    void firstCommitIsReadBackThroughEveryAccessor() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        NewDataFile a = newFile(PEOPLE, 10);
        NewDataFile b = newFile(PEOPLE, 5);
        SchemaEvolution evolution = SchemaEvolution.merge("people", null, V1, false);
        Lineage lineage = new Lineage(
                "postgresql",
                "postgresql://bob:s3cret@db.example/app?password=hunter2&ssl=true",
                "nightly",
                "sha256:aa");

        Snapshot s = catalog.commit(new CommitRequest(
                PEOPLE,
                CommitRequest.Operation.APPEND,
                evolution.schema(),
                evolution.changes(),
                List.of(a, b),
                List.of(),
                lineage,
                Map.of("kafka.people.0", "42"),
                "http:alice"));

        assertThat(s.dataset()).isEqualTo("people");
        assertThat(s.parentId()).isNull();
        assertThat(s.operation()).isEqualTo("APPEND");
        assertThat(s.schemaVersion()).isEqualTo(1);
        assertThat(s.addedRows()).isEqualTo(15);
        assertThat(s.totalRows()).isEqualTo(15);
        assertThat(s.addedFiles()).isEqualTo(2);
        assertThat(s.actor()).isEqualTo("http:alice");
        assertThat(s.properties()).containsExactly(Map.entry("kafka.people.0", "42"));
        assertThat(s.committedAt()).isBetween(before, Instant.now());

        assertThat(catalog.snapshots(PEOPLE)).containsExactly(s);
        assertThat(catalog.currentSnapshotIds()).containsExactly(Map.entry("people", s.id()));

        DatasetInfo info = catalog.dataset(PEOPLE).orElseThrow();
        assertThat(info.name()).isEqualTo("people");
        assertThat(info.schema()).isEqualTo(V1);
        assertThat(info.schemaVersion()).isEqualTo(1);
        assertThat(info.currentSnapshotId()).isEqualTo(s.id());
        assertThat(info.rowCount()).isEqualTo(15);
        assertThat(info.fileCount()).isEqualTo(2);
        assertThat(info.sizeBytes()).isEqualTo(a.sizeBytes() + b.sizeBytes());
        assertThat(info.createdAt()).isEqualTo(s.committedAt());
        assertThat(info.updatedAt()).isEqualTo(s.committedAt());
        assertThat(catalog.datasets()).containsExactly(info);
        assertThat(catalog.dataset(DatasetName.of("nobody"))).isEmpty();

        assertThat(catalog.schemaVersions(PEOPLE))
                .containsExactly(new SchemaVersion(
                        1, V1, List.of("added column id (int)", "added column name (string)"), s.committedAt()));

        List<DataFile> live = catalog.liveFiles(PEOPLE);
        assertThat(live).extracting(DataFile::relativePath).containsExactly(a.relativePath(), b.relativePath());
        assertThat(live.get(0).dataset()).isEqualTo("people");
        assertThat(live.get(0).rowCount()).isEqualTo(10);
        assertThat(live.get(0).sizeBytes()).isEqualTo(a.sizeBytes());
        assertThat(live.get(0).addedSnapshotId()).isEqualTo(s.id());
        assertThat(live.get(0).removedSnapshotId()).isNull();
        assertThat(live.get(0).stats()).isEqualTo(a.stats());
        assertThat(live.get(1).stats()).isEqualTo(b.stats());
        assertThat(catalog.lakeRoot().resolve(live.get(0).relativePath())).exists();

        LineageRecord expectedLineage = new LineageRecord(
                s.id(),
                "people",
                "postgresql",
                "postgresql://***@db.example/app?password=***&ssl=true",
                "nightly",
                s.committedAt(),
                15,
                "sha256:aa");
        assertThat(catalog.lineage(PEOPLE)).containsExactly(expectedLineage);
        assertThat(catalog.findByContentHash(PEOPLE, "sha256:aa")).contains(expectedLineage);
        assertThat(catalog.findByContentHash(PEOPLE, "sha256:bb")).isEmpty();
        assertThat(catalog.findByContentHash(DatasetName.of("other"), "sha256:aa"))
                .isEmpty();

        assertThat(catalog.datasetDir(PEOPLE)).isEqualTo(lake.resolve("people"));
        assertThat(catalog.lakeRoot()).isEqualTo(lake);

        List<AuditEvent> events = catalog.audit().list(0, 100);
        assertThat(events).extracting(AuditEvent::action).containsExactly("dataset.commit", "schema.change");
        AuditEvent commitEvent = events.get(0);
        assertThat(commitEvent.seq()).isEqualTo(1);
        assertThat(commitEvent.actor()).isEqualTo("http:alice");
        assertThat(commitEvent.entity()).isEqualTo("dataset:people");
        assertThat(commitEvent.prevHash()).isEqualTo("0".repeat(64));
        JsonNode details = json(commitEvent.details());
        assertThat(details.path("snapshot").asLong()).isEqualTo(s.id());
        assertThat(details.path("rows").asLong()).isEqualTo(15);
        assertThat(details.path("files").asInt()).isEqualTo(2);
        assertThat(details.path("operation").asText()).isEqualTo("APPEND");
        assertThat(details.path("schema_changes")).hasSize(2);
        assertThat(commitEvent.details()).doesNotContain("s3cret", "hunter2");
        JsonNode change = json(events.get(1).details());
        assertThat(change.path("version").asInt()).isEqualTo(1);
        assertThat(change.path("changes").get(0).asText()).isEqualTo("added column id (int)");
        assertThat(events.get(1).prevHash()).isEqualTo(commitEvent.hash());
    }

    @Test
    void laterCommitsBuildOnTheCurrentSnapshotAndRecordSchemaEvolution() throws Exception {
        Snapshot first = appendRows(PEOPLE, 10);
        Snapshot same = appendRows(PEOPLE, 7);

        LakeSchema incoming = LakeSchema.of(
                LakeField.nullable("id", LakeType.BIGINT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        SchemaEvolution evolution = SchemaEvolution.merge("people", V1, incoming, false);
        Snapshot evolved = catalog.commit(append(PEOPLE, evolution.schema(), evolution.changes(), newFile(PEOPLE, 3)));

        assertThat(same.parentId()).isEqualTo(first.id());
        assertThat(same.schemaVersion()).isEqualTo(1);
        assertThat(same.totalRows()).isEqualTo(17);
        assertThat(evolved.parentId()).isEqualTo(same.id());
        assertThat(evolved.schemaVersion()).isEqualTo(2);
        assertThat(evolved.totalRows()).isEqualTo(20);
        assertThat(catalog.snapshots(PEOPLE)).containsExactly(evolved, same, first);

        List<SchemaVersion> versions = catalog.schemaVersions(PEOPLE);
        assertThat(versions).extracting(SchemaVersion::version).containsExactly(1, 2);
        assertThat(versions.get(1).schema()).isEqualTo(evolution.schema());
        assertThat(versions.get(1).changes())
                .containsExactly("widened column id from int to bigint", "added column email (string)");

        DatasetInfo info = catalog.dataset(PEOPLE).orElseThrow();
        assertThat(info.schema()).isEqualTo(evolution.schema());
        assertThat(info.schemaVersion()).isEqualTo(2);
        assertThat(info.rowCount()).isEqualTo(20);
        assertThat(info.fileCount()).isEqualTo(3);
        assertThat(info.createdAt()).isEqualTo(first.committedAt());
        assertThat(info.updatedAt()).isEqualTo(evolved.committedAt());
        assertThat(catalog.liveFiles(PEOPLE)).hasSize(3);
        assertThat(catalog.lineage(PEOPLE))
                .extracting(LineageRecord::snapshotId)
                .containsExactly(evolved.id(), same.id(), first.id());

        List<String> actions =
                catalog.audit().list(0, 100).stream().map(AuditEvent::action).toList();
        assertThat(actions)
                .containsExactly(
                        "dataset.commit", "schema.change", "dataset.commit", "dataset.commit", "schema.change");
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void aSchemaMergedAgainstAnOlderVersionIsRebasedOntoTheCurrentOne() throws Exception {
        appendRows(PEOPLE, 1);
        LakeSchema withEmail = SchemaEvolution.merge(
                        "people", V1, LakeSchema.of(LakeField.nullable("email", LakeType.STRING)), false)
                .schema();
        catalog.commit(append(PEOPLE, withEmail, List.of("added column email (string)"), newFile(PEOPLE, 1)));

        // A writer that merged against version 1 before the commit above landed.
        Snapshot stale = catalog.commit(append(PEOPLE, V1, List.of(), newFile(PEOPLE, 1)));
        LakeSchema withPhone = SchemaEvolution.merge(
                        "people", V1, LakeSchema.of(LakeField.nullable("phone", LakeType.STRING)), false)
                .schema();
        Snapshot phone =
                catalog.commit(append(PEOPLE, withPhone, List.of("added column phone (string)"), newFile(PEOPLE, 1)));

        assertThat(stale.schemaVersion()).isEqualTo(2);
        assertThat(phone.schemaVersion()).isEqualTo(3);
        List<SchemaVersion> versions = catalog.schemaVersions(PEOPLE);
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).schema().names()).containsExactly("id", "name", "email", "phone");
        assertThat(versions.get(2).changes()).containsExactly("added column phone (string)");
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema())
                .isEqualTo(versions.get(2).schema());
    }

    @Test
    void aSchemaThatNoLongerFitsTheDatasetIsAConflict() throws Exception {
        appendRows(PEOPLE, 1);
        State before = state(PEOPLE);
        LakeSchema idAsDate =
                LakeSchema.of(LakeField.nullable("id", LakeType.DATE), LakeField.nullable("name", LakeType.STRING));
        NewDataFile f = newFile(PEOPLE, 1);

        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, idAsDate, List.of(), f)))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("column 'id' of dataset 'people' is int but this commit's files hold date")
                .hasMessageContaining("Nothing was committed");

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(f.relativePath())).doesNotExist();
    }

    @Test
    void datasetsAreIndependentAndListedByName() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot o = appendRows(orders, 4);
        Snapshot p = appendRows(PEOPLE, 6);

        assertThat(catalog.datasets()).extracting(DatasetInfo::name).containsExactly("orders", "people");
        assertThat(catalog.currentSnapshotIds()).containsOnly(Map.entry("orders", o.id()), Map.entry("people", p.id()));
        assertThat(p.parentId()).isNull();
        assertThat(catalog.liveFiles(orders)).extracting(DataFile::dataset).containsOnly("orders");
        assertThat(catalog.liveFiles(DatasetName.of("nobody"))).isEmpty();
        assertThat(catalog.snapshots(DatasetName.of("nobody"))).isEmpty();
    }

    @Test
    void replaceRemovesLiveFilesFromTheCurrentSnapshotOnly() throws Exception {
        Snapshot s1 = appendRows(PEOPLE, 10);
        Snapshot s2 = appendRows(PEOPLE, 20);
        List<DataFile> before = catalog.liveFiles(PEOPLE);
        NewDataFile compacted = newFile(PEOPLE, 30);

        Snapshot s3 = catalog.commit(new CommitRequest(
                PEOPLE,
                CommitRequest.Operation.REPLACE,
                V1,
                List.of(),
                List.of(compacted),
                before.stream().map(DataFile::id).toList(),
                null,
                Map.of(),
                "system"));

        assertThat(s3.parentId()).isEqualTo(s2.id());
        assertThat(s3.operation()).isEqualTo("REPLACE");
        assertThat(s3.totalRows()).isEqualTo(30);
        assertThat(catalog.liveFiles(PEOPLE))
                .extracting(DataFile::relativePath)
                .containsExactly(compacted.relativePath());
        assertThat(catalog.dataset(PEOPLE).orElseThrow().fileCount()).isEqualTo(1);
        // History is kept: the removed files are still known, and not re-removable.
        assertThat(count("SELECT COUNT(*) FROM data_file WHERE removed_snapshot_id = " + s3.id()))
                .isEqualTo(2);
        assertThat(catalog.lineage(PEOPLE))
                .extracting(LineageRecord::snapshotId)
                .containsExactly(s2.id(), s1.id());

        NewDataFile again = newFile(PEOPLE, 1);
        assertThatThrownBy(() -> catalog.commit(new CommitRequest(
                        PEOPLE,
                        CommitRequest.Operation.REPLACE,
                        V1,
                        List.of(),
                        List.of(again),
                        List.of(before.get(0).id()),
                        null,
                        Map.of(),
                        "system")))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("'" + before.get(0).id() + "'")
                .hasMessageContaining("not live");
        assertThat(lake.resolve(again.relativePath())).doesNotExist();
    }

    // ---------------------------------------------------------------- failures leave nothing behind

    @Test
    void removingAFileThatIsNotLiveChangesNothingAndDeletesTheNewFiles() throws Exception {
        appendRows(PEOPLE, 10);
        State before = state(PEOPLE);
        NewDataFile a = newFile(PEOPLE, 1);
        NewDataFile b = newFile(PEOPLE, 2);

        assertThatThrownBy(() -> catalog.commit(new CommitRequest(
                        PEOPLE,
                        CommitRequest.Operation.REPLACE,
                        V1,
                        List.of(),
                        List.of(a, b),
                        List.of(987654L),
                        lineage("sha256:new"),
                        Map.of(),
                        "cli")))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("'987654'")
                .hasMessageContaining("Nothing was committed to dataset 'people'")
                .hasMessageContaining("2 new data file(s) were deleted")
                .hasMessageContaining("can be delivered again");

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(a.relativePath())).doesNotExist();
        assertThat(lake.resolve(b.relativePath())).doesNotExist();
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void aPathThatIsAlreadyRecordedIsRefusedAndTheRecordedFileKept() throws Exception {
        Snapshot first = appendRows(PEOPLE, 10);
        DataFile existing = catalog.liveFiles(PEOPLE).get(0);
        State before = state(PEOPLE);
        NewDataFile fresh = newFile(PEOPLE, 1);
        NewDataFile collides = new NewDataFile(existing.relativePath(), 3, 3, List.of());

        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, List.of(), fresh, collides)))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining(existing.relativePath())
                .hasMessageContaining("already recorded")
                .hasMessageContaining("Nothing was committed");

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(fresh.relativePath())).doesNotExist();
        assertThat(lake.resolve(existing.relativePath())).exists();
        assertThat(catalog.dataset(PEOPLE).orElseThrow().currentSnapshotId()).isEqualTo(first.id());
    }

    @Test
    void aCompanionAppendLandsInTheSameTransactionOrNeitherDoes() throws Exception {
        DatasetName quarantine = DatasetName.of("people__quarantine");
        CommitRequest main = append(PEOPLE, V1, List.of(), newFile(PEOPLE, 10));
        CommitRequest companion = append(quarantine, V1, List.of(), newFile(quarantine, 2));
        List<DatasetChange> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var subscription = catalog.changes().subscribe(published::add)) {
            Snapshot s = catalog.commit(main.withCompanion(companion));

            assertThat(s.dataset()).isEqualTo("people");
            assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(10);
            assertThat(catalog.dataset(quarantine).orElseThrow().rowCount()).isEqualTo(2);
            assertThat(published).extracting(DatasetChange::dataset).containsExactly("people", "people__quarantine");
        }

        // The companion is refused (a path already recorded): the request's commit is rolled back too
        // and the new files of both are deleted.
        State people = state(PEOPLE);
        State held = state(quarantine);
        DataFile existing = catalog.liveFiles(quarantine).get(0);
        NewDataFile fresh = newFile(PEOPLE, 4);
        NewDataFile freshHeld = newFile(quarantine, 1);
        NewDataFile collides = new NewDataFile(existing.relativePath(), 3, 3, List.of());
        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, List.of(), fresh)
                        .withCompanion(append(quarantine, V1, List.of(), freshHeld, collides))))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("already recorded")
                .hasMessageContaining("Nothing was committed to dataset 'people' nor to 'people__quarantine'");
        assertThat(state(PEOPLE)).isEqualTo(people);
        assertThat(state(quarantine)).isEqualTo(held);
        assertThat(lake.resolve(fresh.relativePath())).doesNotExist();
        assertThat(lake.resolve(freshHeld.relativePath())).doesNotExist();
        assertThat(lake.resolve(existing.relativePath())).exists();

        CommitRequest again = append(PEOPLE, V1, List.of(), newFile(PEOPLE, 1));
        assertThatThrownBy(() -> catalog.commit(again.withCompanion(append(PEOPLE, V1, List.of(), newFile(PEOPLE, 1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same dataset");
    }

    @Test
    void aDatabaseFailureInTheMiddleOfTheCommitRollsEverythingBack() throws Exception {
        appendRows(PEOPLE, 10);
        State before = state(PEOPLE);
        // Lineage is inserted after the snapshot, the files and the schema version: failing there proves the rollback.
        execute("ALTER TABLE lineage ADD CONSTRAINT ck_test_no_explode CHECK (source_system <> 'explode')");
        LakeSchema wider = LakeSchema.of(
                LakeField.nullable("id", LakeType.INT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("age", LakeType.INT));
        NewDataFile a = newFile(PEOPLE, 5);
        NewDataFile b = newFile(PEOPLE, 6);

        assertThatThrownBy(() -> catalog.commit(CommitRequest.append(
                        PEOPLE,
                        wider,
                        List.of("added column age (int)"),
                        List.of(a, b),
                        new Lineage("explode", "file:///x.csv", null, "sha256:cc"),
                        "cli")))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("did not accept the commit to dataset 'people'")
                .hasMessageContaining("Nothing was committed")
                .hasMessageContaining("deleted")
                .hasMessageNotContaining("explode");

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(a.relativePath())).doesNotExist();
        assertThat(lake.resolve(b.relativePath())).doesNotExist();
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schemaVersion()).isEqualTo(1);

        // The same commit goes through once the database accepts it again: nothing half-done was left.
        execute("ALTER TABLE lineage DROP CONSTRAINT ck_test_no_explode");
        Snapshot s = catalog.commit(CommitRequest.append(
                PEOPLE,
                wider,
                List.of("added column age (int)"),
                List.of(newFile(PEOPLE, 5)),
                new Lineage("explode", "file:///x.csv", null, "sha256:cc"),
                "cli"));
        assertThat(s.schemaVersion()).isEqualTo(2);
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void aFailedFirstCommitLeavesNoDataset() throws Exception {
        NewDataFile a = newFile(PEOPLE, 5);
        NewDataFile stray = new NewDataFile("people/../../outside.parquet", 1, 1, List.of());

        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, List.of(), a, stray)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("people/../../outside.parquet")
                .hasMessageContaining("Nothing was committed");

        assertThat(catalog.datasets()).isEmpty();
        assertThat(catalog.currentSnapshotIds()).isEmpty();
        assertThat(lake.resolve(a.relativePath())).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM dataset")).isZero();
        assertThat(catalog.audit().latest(10)).isEmpty();
    }

    @Test
    void resubmittingTheSameSourceBytesIsADuplicate() throws Exception {
        Snapshot first = catalog.commit(CommitRequest.append(
                PEOPLE, V1, List.of(), List.of(newFile(PEOPLE, 3)), lineage("sha256:feed"), "inbox"));
        assertThat(catalog.findByContentHash(PEOPLE, "sha256:feed"))
                .map(LineageRecord::snapshotId)
                .contains(first.id());
        State before = state(PEOPLE);
        NewDataFile again = newFile(PEOPLE, 3);

        assertThatThrownBy(() -> catalog.commit(
                        CommitRequest.append(PEOPLE, V1, List.of(), List.of(again), lineage("sha256:feed"), "inbox")))
                .isInstanceOfSatisfying(
                        DuplicateCommitException.class,
                        e -> assertThat(e.earlierSnapshotId()).isEqualTo(first.id()))
                .hasMessageContaining("snapshot " + first.id());

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(again.relativePath())).doesNotExist();
        // The same bytes into another dataset are not a duplicate.
        DatasetName copy = DatasetName.of("people_copy");
        catalog.commit(
                CommitRequest.append(copy, V1, List.of(), List.of(newFile(copy, 3)), lineage("sha256:feed"), "cli"));
        assertThat(catalog.findByContentHash(copy, "sha256:feed")).isPresent();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentAppendsToOneDatasetAllLandOnALinearChain() throws Exception {
        int threads = 2;
        int perThread = 20;
        List<Snapshot> committed = runConcurrently(threads, t -> {
            List<Snapshot> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(appendRows(PEOPLE, 1 + t));
            }
            return mine;
        });

        assertThat(committed).hasSize(threads * perThread);
        List<Snapshot> history = catalog.snapshots(PEOPLE);
        assertThat(history).hasSize(threads * perThread);
        assertLinear(history);
        assertThat(history.get(0).totalRows()).isEqualTo(perThread * 1 + perThread * 2);
        assertThat(catalog.liveFiles(PEOPLE)).hasSize(threads * perThread);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().rowCount()).isEqualTo(60);

        Verification v = catalog.audit().verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.eventsChecked()).isEqualTo(threads * perThread + 1);
        assertThat(catalog.audit().list(0, 1000))
                .filteredOn(e -> e.action().equals("dataset.commit"))
                .hasSize(threads * perThread);
    }

    @Test
    void racingFirstCommitsCreateTheDatasetOnce() throws Exception {
        int threads = 4;
        runConcurrently(threads, t -> List.of(appendRows(PEOPLE, 1)));

        List<Snapshot> history = catalog.snapshots(PEOPLE);
        assertThat(history).hasSize(threads);
        assertLinear(history);
        assertThat(catalog.schemaVersions(PEOPLE)).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM dataset")).isEqualTo(1);
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void concurrentJournalAppendsAndCommitsKeepOneChain() throws Exception {
        runConcurrently(4, t -> {
            for (int i = 0; i < 10; i++) {
                if (t % 2 == 0) {
                    catalog.audit()
                            .append(new AuditEntry("test", "config.change", "pipeline:p" + t, "{\"i\":" + i + "}"));
                } else {
                    appendRows(DatasetName.of("ds" + t), 1);
                }
            }
            return List.of();
        });

        Verification v = catalog.audit().verify();
        assertThat(v.problems()).isEmpty();
        // 20 standalone events, 20 commits, 2 first schema versions
        assertThat(v.eventsChecked()).isEqualTo(42);
        List<AuditEvent> all = catalog.audit().list(0, 100);
        assertThat(all)
                .extracting(AuditEvent::seq)
                .isEqualTo(
                        java.util.stream.LongStream.rangeClosed(1, 42).boxed().toList());
    }

    // ---------------------------------------------------------------- source positions and the change feed

    Snapshot appendWith(DatasetName dataset, Map<String, String> properties) throws IOException {
        return catalog.commit(new CommitRequest(
                dataset,
                CommitRequest.Operation.APPEND,
                V1,
                List.of(),
                List.of(newFile(dataset, 3)),
                List.of(),
                lineage(null),
                properties,
                "poller"));
    }

    @Test
    void aSourcePositionIsTheNewestCommittedValueOfASnapshotPropertyPerDataset() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).isEmpty();
        appendWith(PEOPLE, Map.of("cursor", "{\"updated_at\":\"2026-01-01\",\"id\":1}", "table", "public.people"));
        Snapshot second = appendWith(PEOPLE, Map.of("cursor", "{\"updated_at\":\"2026-01-02\",\"id\":7}"));
        appendRows(PEOPLE, 2); // a commit without properties changes no position
        appendWith(orders, Map.of("cursor", "o-9"));

        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("{\"updated_at\":\"2026-01-02\",\"id\":7}");
        assertThat(catalog.sourcePosition(PEOPLE, "table")).contains("public.people");
        assertThat(catalog.sourcePosition(orders, "cursor")).contains("o-9");
        assertThat(catalog.sourcePosition(orders, "table")).isEmpty();
        assertThat(catalog.sourcePosition(DatasetName.of("nobody"), "cursor")).isEmpty();
        assertThat(count("SELECT snapshot_id FROM source_position p JOIN dataset d ON d.id = p.dataset_id"
                        + " WHERE d.name = 'people' AND p.property_key = 'cursor'"))
                .isEqualTo(second.id());
        // Committed with the data: the snapshot carries the same value.
        assertThat(catalog.snapshots(PEOPLE).get(1).properties())
                .containsEntry("cursor", "{\"updated_at\":\"2026-01-02\",\"id\":7}");
    }

    Snapshot appendExpecting(DatasetName dataset, Map<String, String> properties, Map<String, String> expected)
            throws IOException {
        return catalog.commit(new CommitRequest(
                        dataset,
                        CommitRequest.Operation.APPEND,
                        V1,
                        List.of(),
                        List.of(newFile(dataset, 3)),
                        List.of(),
                        lineage(null),
                        properties,
                        "kafka")
                .withExpectedPositions(expected));
    }

    @Test
    void theScanResultOfEachColumnIsStoredWithTheSchemaVersionOfItsCommit() throws Exception {
        assertThat(catalog.columnClassifications(PEOPLE)).isEmpty();
        Snapshot first = appendWith(
                PEOPLE,
                Map.ofEntries(
                        Map.entry("step.pii.column.Name.pii", "PERSON_NAME"),
                        Map.entry("step.pii.column.Name.confidence", "0.950"),
                        Map.entry("step.pii.column.Name.sampled", "3"),
                        Map.entry("step.pii.column.Name.matches", "3"),
                        Map.entry("step.pii.column.Name.matchRatio", "1.0000"),
                        Map.entry("step.pii.column.Name.action", "hash"),
                        Map.entry("step.pii.column.id.pii", "none"),
                        Map.entry("step.pii.column.id.confidence", "0.900"),
                        Map.entry("step.pii.column.id.sampled", "3"),
                        Map.entry("step.pii.column.id.matches", "0"),
                        Map.entry("step.pii.column.id.matchRatio", "0.0000")));
        assertThat(catalog.columnClassifications(PEOPLE))
                .containsExactlyInAnyOrder(
                        new ColumnClassification("Name", "PERSON_NAME", 0.95, 3, 3, 1.0, "hash", 1, first.id()),
                        new ColumnClassification("id", null, 0.9, 3, 0, 0.0, null, 1, first.id()));

        // A later commit under the same schema version replaces the column's result; one without a
        // scan changes nothing; a new schema version keeps the older version's rows.
        Snapshot second = appendWith(
                PEOPLE,
                Map.of(
                        "step.pii.column.name.pii", "PERSON_NAME",
                        "step.pii.column.name.confidence", "0.990",
                        "step.pii.column.name.sampled", "6",
                        "step.pii.column.name.matches", "5",
                        "step.pii.column.name.matchRatio", "0.8333"));
        appendRows(PEOPLE, 2);
        assertThat(count("SELECT COUNT(*) FROM column_classification")).isEqualTo(2);
        LakeSchema v2 = LakeSchema.of(
                LakeField.nullable("id", LakeType.INT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        Snapshot third = catalog.commit(new CommitRequest(
                PEOPLE,
                CommitRequest.Operation.APPEND,
                v2,
                List.of("added column email (string)"),
                List.of(newFile(PEOPLE, 3)),
                List.of(),
                lineage(null),
                Map.of(
                        "step.pii.column.email.pii", "EMAIL",
                        "step.pii.column.email.confidence", "0.970",
                        "step.pii.column.email.sampled", "3",
                        "step.pii.column.email.matches", "3",
                        "step.pii.column.email.matchRatio", "1.0000"),
                "poller"));
        assertThat(third.schemaVersion()).isEqualTo(2);
        assertThat(catalog.columnClassifications(PEOPLE))
                .containsExactly(
                        new ColumnClassification("email", "EMAIL", 0.97, 3, 3, 1.0, null, 2, third.id()),
                        new ColumnClassification("name", "PERSON_NAME", 0.99, 6, 5, 0.8333, null, 1, second.id()),
                        new ColumnClassification("id", null, 0.9, 3, 0, 0.0, null, 1, first.id()));
        assertThat(count("SELECT COUNT(*) FROM column_classification")).isEqualTo(3);

        catalog.drop(PEOPLE, "test");
        assertThat(count("SELECT COUNT(*) FROM column_classification")).isZero();
        assertThat(catalog.columnClassifications(PEOPLE)).isEmpty();
    }

    @Test
    void aCommitReadFromAPositionThatMovedOnIsRefusedAndWritesNothing() throws Exception {
        String key = "position.kafka.orders.orders.0";
        appendExpecting(PEOPLE, Map.of(key, "100"), Map.of(key, CommitRequest.NO_POSITION));
        // A second hub read the same records from the same (empty) position: refused, files deleted.
        NewDataFile late = newFile(PEOPLE, 3);
        assertThatThrownBy(() -> catalog.commit(new CommitRequest(
                                PEOPLE,
                                CommitRequest.Operation.APPEND,
                                V1,
                                List.of(),
                                List.of(late),
                                List.of(),
                                lineage(null),
                                Map.of(key, "100"),
                                "kafka")
                        .withExpectedPositions(Map.of(key, CommitRequest.NO_POSITION))))
                .isInstanceOf(io.lakehub.catalog.commit.PositionConflictException.class)
                .hasMessageContaining(key + " is '100', not uncommitted");
        assertThat(catalog.lakeRoot().resolve(late.relativePath())).doesNotExist();
        assertThatThrownBy(() -> appendExpecting(PEOPLE, Map.of(key, "200"), Map.of(key, "50")))
                .isInstanceOf(io.lakehub.catalog.commit.PositionConflictException.class);
        // Read from where the dataset stands: committed.
        appendExpecting(PEOPLE, Map.of(key, "200"), Map.of(key, "100"));
        assertThat(catalog.sourcePosition(PEOPLE, key)).contains("200");
        assertThat(catalog.snapshots(PEOPLE)).hasSize(2);
    }

    // ---------------------------------------------------------------- idempotency keys (ADR 0023)

    Snapshot appendWithKeys(DatasetName dataset, Map<String, Long> keys, java.time.Duration window) throws IOException {
        return catalog.commit(append(dataset, V1, List.of(), newFile(dataset, 3))
                .withIdempotency(new io.lakehub.catalog.commit.IdempotencyKeys("webhook:p", keys, window)));
    }

    @Test
    void idempotencyKeysAreRememberedWithTheirDataAndARememberedKeyRefusesTheWholeCommit() throws Exception {
        Snapshot first = appendWithKeys(PEOPLE, Map.of("a", 2L, "b", 1L), java.time.Duration.ofHours(1));

        assertThat(catalog.rememberedKeys(PEOPLE, "webhook:p", List.of("a", "b", "c")))
                .containsOnlyKeys("a", "b")
                .containsEntry("a", new io.lakehub.catalog.commit.IdempotencyKeys.Remembered("a", first.id(), 2));
        assertThat(catalog.rememberedKeys(PEOPLE, "webhook:other", List.of("a")))
                .isEmpty();
        assertThat(catalog.rememberedKeys(DatasetName.of("nobody"), "webhook:p", List.of("a")))
                .isEmpty();

        NewDataFile refused = newFile(PEOPLE, 3);
        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, V1, List.of(), refused)
                        .withIdempotency(new io.lakehub.catalog.commit.IdempotencyKeys(
                                "webhook:p", Map.of("c", 1L, "b", 1L), java.time.Duration.ofHours(1)))))
                .isInstanceOfSatisfying(
                        io.lakehub.catalog.commit.DuplicateIdempotencyKeyException.class,
                        e -> assertThat(e.remembered()).containsOnlyKeys("b"));
        // Nothing of the refused commit: no snapshot, no key, its file deleted.
        assertThat(catalog.snapshots(PEOPLE)).hasSize(1);
        assertThat(catalog.rememberedKeys(PEOPLE, "webhook:p", List.of("c"))).isEmpty();
        assertThat(lake.resolve(refused.relativePath())).doesNotExist();

        // A dropped dataset forgets its keys.
        catalog.drop(PEOPLE, "test");
        assertThat(catalog.rememberedKeys(PEOPLE, "webhook:p", List.of("a"))).isEmpty();
    }

    @Test
    void anExpiredKeyIsForgottenAndCanBeCommittedAgain() throws Exception {
        appendWithKeys(PEOPLE, Map.of("k", 1L), java.time.Duration.ofNanos(1000));
        // The window (1 microsecond) is over by the next commit's clock.
        Snapshot again = appendWithKeys(PEOPLE, Map.of("k", 1L), java.time.Duration.ofHours(1));
        assertThat(catalog.rememberedKeys(PEOPLE, "webhook:p", List.of("k"))
                        .get("k")
                        .snapshotId())
                .isEqualTo(again.id());
        assertThat(count("SELECT count(*) FROM idempotency_key")).isEqualTo(1);
    }

    @Test
    void aCommitThatRollsBackLeavesThePositionWhereItWas() throws Exception {
        appendWith(PEOPLE, Map.of("cursor", "5"));
        execute("ALTER TABLE lineage ADD CONSTRAINT ck_test_no_explode CHECK (source_system <> 'explode')");
        assertThatThrownBy(() -> catalog.commit(new CommitRequest(
                        PEOPLE,
                        CommitRequest.Operation.APPEND,
                        V1,
                        List.of(),
                        List.of(newFile(PEOPLE, 3)),
                        List.of(),
                        new Lineage("explode", "jdbc:x", null, null),
                        Map.of("cursor", "9", "other", "1"),
                        "poller")))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(catalog.sourcePosition(PEOPLE, "cursor")).contains("5");
        assertThat(catalog.sourcePosition(PEOPLE, "other")).isEmpty();
        execute("ALTER TABLE lineage DROP CONSTRAINT ck_test_no_explode");
    }

    @Test
    void stepReportsInTheSnapshotPropertiesReachTheCommitsAuditEventButPositionsDoNot() throws Exception {
        appendWith(PEOPLE, Map.of("step.pii-scan.emails", "12", "step.pii-scan.phones", "0", "cursor", "secret-ish"));
        AuditEvent commit = catalog.audit().latest(5).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .findFirst()
                .orElseThrow();
        JsonNode steps = json(commit.details()).get("steps");
        assertThat(steps.get("pii-scan").get("emails").asText()).isEqualTo("12");
        assertThat(steps.get("pii-scan").get("phones").asText()).isEqualTo("0");
        assertThat(commit.details()).doesNotContain("secret-ish");
    }

    @Test
    void theChangeFeedHearsCommitsAfterTheirTransactionAndNeverUndoesThem() throws Exception {
        List<io.lakehub.catalog.commit.DatasetChange> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JdbcCatalog other = JdbcCatalog.open(settings)) {
            catalog.changes().subscribe(change -> {
                throw new IllegalStateException("a broken listener");
            });
            catalog.changes().subscribe(change -> {
                // Another connection pool sees the snapshot: the transaction has committed.
                assertThat(other.currentSnapshotIds()).containsEntry(change.dataset(), change.snapshotId());
                heard.add(change);
            });
            Snapshot first = appendRows(PEOPLE, 4);
            assertThat(heard)
                    .containsExactly(new io.lakehub.catalog.commit.DatasetChange("people", first.id(), "APPEND"));
            assertThat(catalog.snapshots(PEOPLE)).hasSize(1);

            // A refused commit is not heard; nor are commits made through another catalog object.
            assertThatThrownBy(() -> catalog.commit(
                            append(PEOPLE, V1, List.of(), new NewDataFile("people/../../x.parquet", 1, 1, List.of()))))
                    .isInstanceOf(IllegalArgumentException.class);
            other.commit(append(PEOPLE, V1, List.of(), newFile(PEOPLE, 1)));
            assertThat(heard).hasSize(1);
        }
    }

    @Test
    void commitObserversHearWhatEachCommitWroteAndHowLongItTookAndFailedCommits() throws Exception {
        List<io.lakehub.catalog.commit.CommitStatistics> measured = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        catalog.changes().observe(s -> {
            throw new IllegalStateException("a broken observer");
        });
        try (var subscription = catalog.changes().observe(new io.lakehub.catalog.commit.CommitObserver() {
            @Override
            public void committed(io.lakehub.catalog.commit.CommitStatistics statistics) {
                measured.add(statistics);
            }

            @Override
            public void failed(String dataset, String operation, java.time.Duration took, RuntimeException e) {
                failed.add(dataset + " " + operation + " " + e.getClass().getSimpleName());
            }
        })) {
            NewDataFile a = newFile(PEOPLE, 3);
            NewDataFile b = newFile(PEOPLE, 4);
            Snapshot first = catalog.commit(append(PEOPLE, V1, List.of(), a, b));

            assertThat(measured).hasSize(1);
            io.lakehub.catalog.commit.CommitStatistics s = measured.get(0);
            assertThat(s.dataset()).isEqualTo("people");
            assertThat(s.snapshotId()).isEqualTo(first.id());
            assertThat(s.operation()).isEqualTo("APPEND");
            assertThat(s.addedRows()).isEqualTo(7);
            assertThat(s.addedBytes()).isEqualTo(a.sizeBytes() + b.sizeBytes());
            assertThat(s.duration()).isPositive();

            assertThatThrownBy(() -> catalog.commit(
                            append(PEOPLE, V1, List.of(), new NewDataFile("people/../../x.parquet", 1, 1, List.of()))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(failed).containsExactly("people APPEND IllegalArgumentException");
            assertThat(measured).hasSize(1);
        }
        appendRows(PEOPLE, 1);
        assertThat(measured).as("closing the subscription removes the observer").hasSize(1);
    }

    @Test
    void twoCatalogInstancesOnOneDatabaseSerialiseThroughTheDatabase() throws Exception {
        // As two hub processes would: separate pools, nothing shared in the JVM but the database.
        try (JdbcCatalog other = JdbcCatalog.open(settings)) {
            List<JdbcCatalog> both = List.of(catalog, other);
            runConcurrently(2, t -> {
                List<Snapshot> mine = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    mine.add(both.get(t).commit(append(PEOPLE, V1, List.of(), newFile(PEOPLE, 1))));
                    both.get(t).audit().append(new AuditEntry("test", "config.change", "hub:" + t, "{}"));
                }
                return mine;
            });
            assertLinear(other.snapshots(PEOPLE));
            assertThat(other.snapshots(PEOPLE)).hasSize(20);
            assertThat(catalog.audit().verify()).isEqualTo(new Verification(41, List.of()));
        }
    }

    static void assertLinear(List<Snapshot> newestFirst) {
        List<Snapshot> oldestFirst = newestFirst.stream()
                .sorted(Comparator.comparingLong(Snapshot::id))
                .toList();
        assertThat(oldestFirst.get(0).parentId()).isNull();
        for (int i = 1; i < oldestFirst.size(); i++) {
            assertThat(oldestFirst.get(i).parentId())
                    .as("parent of snapshot %d", oldestFirst.get(i).id())
                    .isEqualTo(oldestFirst.get(i - 1).id());
            assertThat(oldestFirst.get(i).totalRows())
                    .isEqualTo(oldestFirst.get(i - 1).totalRows()
                            + oldestFirst.get(i).addedRows());
        }
    }

    interface Task<T> {
        List<T> run(int thread) throws Exception;
    }

    static <T> List<T> runConcurrently(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<T>> c = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> f : futures) {
                all.addAll(f.get(2, TimeUnit.MINUTES));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- audit sequencer (ADR 0042)

    /** The snapshot ids the journal's dataset.commit events name, in chain order. */
    List<Long> committedSnapshotsInJournal(JdbcCatalog reader) {
        return reader.audit().list(0, 100_000).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .map(e -> json(e.details()).get("snapshot").asLong())
                .toList();
    }

    @Test
    void aCommitHeldOpenOnOneDatasetDoesNotBlockCommitsToAnotherNorReadsOfTheJournal() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot first = appendRows(PEOPLE, 1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection held = rawConnection()) {
            held.setAutoCommit(false);
            // Everything a commit to people does, short of COMMIT: its transaction stays open.
            Snapshot open =
                    catalog.commitWriter().writeUncommitted(held, append(PEOPLE, V1, List.of(), newFile(PEOPLE, 2)));

            CommitRequest toOrders = append(orders, V1, List.of(), newFile(orders, 3));
            Future<Snapshot> ordersCommit = other.submit(() -> catalog.commit(toOrders));
            // Before ADR 0042 this waited for the held transaction's lock on audit_head (forever here).
            Snapshot done = ordersCommit.get(60, TimeUnit.SECONDS);
            Future<List<Long>> journal = other.submit(() -> committedSnapshotsInJournal(catalog));
            assertThat(journal.get(60, TimeUnit.SECONDS)).containsExactly(first.id(), done.id());
            assertThat(catalog.audit().verify().intact()).isTrue();

            held.commit();

            assertThat(catalog.snapshots(PEOPLE)).extracting(Snapshot::id).containsExactly(open.id(), first.id());
            assertThat(committedSnapshotsInJournal(catalog)).containsExactly(first.id(), done.id(), open.id());
            assertThat(catalog.audit().verify()).isEqualTo(new Verification(5, List.of()));
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void eventsCommittedButNotYetChainedAreChainedByTheNextRead() throws Exception {
        catalog.close();
        catalog = JdbcCatalog.open(settings, java.time.Clock.systemUTC(), null); // no background sequencer
        DatasetName orders = DatasetName.of("orders");
        Snapshot people = appendRows(PEOPLE, 1);
        Snapshot order = appendRows(orders, 2);
        AuditEvent config = catalog.audit().append(new AuditEntry("cli", "config.change", "config", "{}"));
        Snapshot people2 = appendRows(PEOPLE, 3);
        // Two commits and two schema changes were chained by the append; one commit still queued.
        assertThat(config.seq()).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM audit_pending")).isEqualTo(1);

        assertThat(committedSnapshotsInJournal(catalog)).containsExactly(people.id(), order.id(), people2.id());
        assertThat(count("SELECT COUNT(*) FROM audit_pending")).isZero();
        assertThat(catalog.audit().latest(1).getFirst().action()).isEqualTo("dataset.commit");
        assertThat(catalog.audit().verify()).isEqualTo(new Verification(6, List.of()));
    }

    @Test
    void aProcessThatDiesBeforeChainingLosesNoEvent() throws Exception {
        catalog.close();
        catalog = null;
        Snapshot committed;
        try (JdbcCatalog crashing = JdbcCatalog.open(settings, java.time.Clock.systemUTC(), null)) {
            committed = crashing.commit(append(PEOPLE, V1, List.of(), newFile(PEOPLE, 4)));
            // Closing without a sequencer chains nothing: as if the process died right after COMMIT.
        }
        assertThat(count("SELECT COUNT(*) FROM audit_pending")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_event")).isZero();

        catalog = JdbcCatalog.open(settings);

        assertThat(catalog.audit().verify()).isEqualTo(new Verification(2, List.of()));
        assertThat(committedSnapshotsInJournal(catalog)).containsExactly(committed.id());
        assertThat(count("SELECT COUNT(*) FROM audit_pending")).isZero();
    }

    @Test
    void verifyReportsAnEventInsertedOutsideTheHubEvenWhenQueuedEventsCannotBeChainedBehindIt() throws Exception {
        catalog.close();
        catalog = JdbcCatalog.open(settings, java.time.Clock.systemUTC(), null); // no background sequencer
        catalog.audit().append(new AuditEntry("cli", "config.change", "config", "{}"));
        appendRows(PEOPLE, 1); // two events queued
        execute("INSERT INTO audit_event (seq, ts_micros, actor, action, entity, details, prev_hash, hash)"
                + " VALUES (2, 0, 'x', 'x', 'x', '{}', 'x', 'x')");

        Verification v = catalog.audit().verify();

        assertThat(v.eventsChecked()).isEqualTo(2);
        assertThat(v.problems()).hasSize(4);
        assertThat(v.problems().get(0)).startsWith("event 2: its previous hash does not match");
        assertThat(v.problems().get(2)).endsWith("(inserted outside the hub)");
        assertThat(v.problems().get(3))
                .startsWith("events committed but not yet chained (audit_pending) could not be chained");
        assertThat(count("SELECT COUNT(*) FROM audit_pending"))
                .as("nothing queued is lost")
                .isEqualTo(2);
    }

    @Test
    void twoCatalogInstancesCommittingToManyDatasetsBuildOneChainWithEveryEventOnce() throws Exception {
        // As two hub processes would, each with its background sequencer, plus direct appends.
        try (JdbcCatalog other = JdbcCatalog.open(settings)) {
            List<JdbcCatalog> both = List.of(catalog, other);
            List<Snapshot> snapshots = runConcurrently(4, t -> {
                JdbcCatalog mine = both.get(t % 2);
                List<Snapshot> done = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    DatasetName dataset = DatasetName.of("d" + ((t + i) % 6));
                    done.add(mine.commit(append(dataset, V1, List.of(), newFile(dataset, 1))));
                    if (i % 4 == 0) {
                        mine.audit().append(new AuditEntry("test", "config.change", "hub:" + t, "{}"));
                    }
                }
                return done;
            });
            assertThat(snapshots).hasSize(48);

            List<Long> journal = committedSnapshotsInJournal(other);
            assertThat(journal)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            snapshots.stream().map(Snapshot::id).toList());
            // 48 commits, 6 first commits with a schema change, 12 direct appends.
            assertThat(catalog.audit().verify()).isEqualTo(new Verification(66, List.of()));
            assertThat(count("SELECT COUNT(*) FROM audit_pending")).isZero();
        }
    }

    // ---------------------------------------------------------------- audit journal

    @Test
    void journalAppendsChainAndLists() {
        assertThat(catalog.audit().verify()).isEqualTo(new Verification(0, List.of()));
        AuditEvent e1 = catalog.audit().append(new AuditEntry("cli", "config.change", "pipeline:a", "{\"k\":1}"));
        AuditEvent e2 = catalog.audit().append(new AuditEntry("http:bob", "ingest.refused", "dataset:people", null));
        AuditEvent e3 = catalog.audit().append(new AuditEntry("system", "lake.sweep", "lake", "{}"));

        assertThat(e1.seq()).isEqualTo(1);
        assertThat(e1.prevHash()).isEqualTo(AuditHash.GENESIS);
        assertThat(e1.hash()).hasSize(64).isNotEqualTo(e2.hash());
        assertThat(e2.prevHash()).isEqualTo(e1.hash());
        assertThat(e2.details()).isEqualTo("{}");
        assertThat(e3.prevHash()).isEqualTo(e2.hash());
        assertThat(e3.time()).isAfterOrEqualTo(e1.time());

        assertThat(catalog.audit().list(0, 10)).containsExactly(e1, e2, e3);
        assertThat(catalog.audit().list(1, 1)).containsExactly(e2);
        assertThat(catalog.audit().list(3, 10)).isEmpty();
        assertThat(catalog.audit().latest(2)).containsExactly(e3, e2);
        assertThat(catalog.audit().latest(0)).isEmpty();
        assertThat(catalog.audit().verify()).isEqualTo(new Verification(3, List.of()));
    }

    @Test
    void journalRefusesDetailsThatAreNotAJsonObject() {
        assertThatThrownBy(() -> catalog.audit().append(new AuditEntry("cli", "x.y", "e", "{\"secret\": oops")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("oops");
        assertThatThrownBy(() -> catalog.audit().append(new AuditEntry("cli", "x.y", "e", "[1,2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> catalog.audit().append(new AuditEntry(" ", "x.y", "e", "{}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor");
        assertThat(catalog.audit().latest(10)).isEmpty();
    }

    void appendEvents(int n) {
        for (int i = 1; i <= n; i++) {
            catalog.audit().append(new AuditEntry("cli", "config.change", "pipeline:p", "{\"n\":" + i + "}"));
        }
    }

    @Test
    void verifyDetectsAnEditedEvent() throws Exception {
        appendEvents(6);
        execute("UPDATE audit_event SET details = '{\"n\":99}' WHERE seq = 3");

        Verification v = catalog.audit().verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.eventsChecked()).isEqualTo(6);
        assertThat(v.problems()).containsExactly("event 3: hash does not match its contents (edited)");
    }

    @Test
    void verifyDetectsAnEditedEventWhoseHashWasRecomputed() throws Exception {
        appendEvents(6);
        AuditEvent e3 = catalog.audit().list(2, 1).get(0);
        String forged =
                AuditHash.of(e3.prevHash(), 3, EpochMicros.of(e3.time()), "cli", "config.change", "pipeline:p", "{}");
        execute("UPDATE audit_event SET details = '{}', hash = '" + forged + "' WHERE seq = 3");

        assertThat(catalog.audit().verify().problems())
                .containsExactly(
                        "event 4: its previous hash does not match the hash of event 3 (an earlier event was edited"
                                + " or replaced)");
    }

    @Test
    void verifyDetectsADeletedMiddleEvent() throws Exception {
        appendEvents(6);
        execute("DELETE FROM audit_event WHERE seq = 4");

        Verification v = catalog.audit().verify();

        assertThat(v.eventsChecked()).isEqualTo(5);
        assertThat(v.problems()).containsExactly("event 4 is missing (deleted)");
    }

    @Test
    void verifyDetectsADeletedTail() throws Exception {
        appendEvents(6);
        execute("DELETE FROM audit_event WHERE seq >= 5");

        assertThat(catalog.audit().verify().problems()).containsExactly("events 5 to 6 are missing (truncated tail)");

        // Appending afterwards does not hide the gap.
        appendEvents(1);
        assertThat(catalog.audit().verify().problems()).containsExactly("events 5 to 6 are missing (deleted)");
    }

    @Test
    void verifyDetectsAnEditedLastEventAgainstTheHead() throws Exception {
        appendEvents(3);
        AuditEvent e3 = catalog.audit().list(2, 1).get(0);
        String forged =
                AuditHash.of(e3.prevHash(), 3, EpochMicros.of(e3.time()), "cli", "config.change", "pipeline:p", "{}");
        execute("UPDATE audit_event SET details = '{}', hash = '" + forged + "' WHERE seq = 3");

        assertThat(catalog.audit().verify().problems())
                .containsExactly("event 3: hash differs from the one the journal head recorded (edited or replaced)");
    }

    @Test
    void aColumnIsWidenedToStringOnlyWhenTheWriterAllowedIt() throws Exception {
        appendRows(PEOPLE, 2);
        LakeSchema asText =
                LakeSchema.of(LakeField.nullable("id", LakeType.STRING), LakeField.nullable("name", LakeType.STRING));
        NewDataFile refused = newFile(PEOPLE, 1);

        // Files holding strings for an int column: a conflict unless the writer widened to string.
        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, asText, List.of(), refused)))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("'id'");
        Snapshot widened = catalog.commit(
                append(PEOPLE, asText, List.of("widened column id from int to string"), newFile(PEOPLE, 1))
                        .withWidenToString(true));

        assertThat(widened.totalRows()).isEqualTo(3);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema()).isEqualTo(asText);
    }

    // ---------------------------------------------------------------- column names and drop

    @Test
    void aCommitNamingAColumnWithAControlCharacterIsRefusedAndLeavesNothing() throws Exception {
        appendRows(PEOPLE, 2);
        State before = state(PEOPLE);
        NewDataFile file = newFile(PEOPLE, 3);
        LakeSchema bad = LakeSchema.of(
                LakeField.nullable("id", LakeType.INT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("col\u0000 2", LakeType.STRING));

        assertThatThrownBy(() -> catalog.commit(append(PEOPLE, bad, List.of("added column col 2"), file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column name 'col\\u0000 2' contains a control character")
                .hasMessageContaining("Nothing was committed to dataset 'people'");
        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThat(lake.resolve(file.relativePath())).doesNotExist();
    }

    @Test
    void dropRemovesEveryRowAndFileOfTheDatasetAndAuditsIt() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot first = appendRows(PEOPLE, 10);
        LakeSchema v2 = LakeSchema.of(
                LakeField.nullable("id", LakeType.INT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        catalog.commit(append(PEOPLE, v2, List.of("added column email (string)"), newFile(PEOPLE, 5)));
        Snapshot other = appendRows(orders, 7);
        List<Path> peopleFiles = paths("SELECT relative_path FROM data_file f JOIN dataset d ON d.id = f.dataset_id"
                + " WHERE d.name = 'people'");
        assertThat(peopleFiles).hasSize(2).allSatisfy(p -> assertThat(p).exists());
        long events = auditEventsRecorded();

        Optional<DroppedDataset> dropped = catalog.drop(PEOPLE, "cli");

        assertThat(dropped).contains(new DroppedDataset("people", 2, 15, 2, 2, 0));
        assertThat(catalog.dataset(PEOPLE)).isEmpty();
        assertThat(catalog.datasets()).extracting(DatasetInfo::name).containsExactly("orders");
        assertThat(catalog.currentSnapshotIds()).containsOnlyKeys("orders");
        assertThat(catalog.snapshots(PEOPLE)).isEmpty();
        assertThat(catalog.schemaVersions(PEOPLE)).isEmpty();
        assertThat(catalog.lineage(PEOPLE)).isEmpty();
        assertThat(catalog.liveFiles(PEOPLE)).isEmpty();
        for (String table : List.of("snapshot", "schema_version", "data_file", "lineage")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE dataset_id NOT IN (SELECT id FROM dataset)"))
                    .as(table)
                    .isZero();
        }
        assertThat(peopleFiles).allSatisfy(p -> assertThat(p).doesNotExist());
        // The other dataset is untouched.
        assertThat(catalog.snapshots(orders)).containsExactly(other);
        assertThat(catalog.liveFiles(orders))
                .singleElement()
                .satisfies(f -> assertThat(lake.resolve(f.relativePath())).exists());
        // One audit event, in the chain.
        assertThat(auditEventsRecorded()).isEqualTo(events + 1);
        AuditEvent event = catalog.audit().latest(1).getFirst();
        assertThat(event.action()).isEqualTo("dataset.drop");
        assertThat(event.entity()).isEqualTo("dataset:people");
        assertThat(event.actor()).isEqualTo("cli");
        JsonNode details = json(event.details());
        assertThat(details.get("snapshots").asLong()).isEqualTo(2);
        assertThat(details.get("rows").asLong()).isEqualTo(15);
        assertThat(details.get("files").asInt()).isEqualTo(2);
        assertThat(details.get("last_snapshot").asLong()).isGreaterThan(first.id());
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void droppingAnUnknownDatasetChangesNothing() throws Exception {
        appendRows(PEOPLE, 1);
        State before = state(PEOPLE);

        assertThat(catalog.drop(DatasetName.of("nobody"), "cli")).isEmpty();

        assertThat(state(PEOPLE)).isEqualTo(before);
        assertThatThrownBy(() -> catalog.drop(PEOPLE, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing was dropped");
        assertThat(state(PEOPLE)).isEqualTo(before);
    }

    @Test
    void aDroppedNameStartsAFreshDataset() throws Exception {
        appendRows(PEOPLE, 3);
        appendRows(PEOPLE, 4);
        catalog.drop(PEOPLE, "cli");

        LakeSchema other = LakeSchema.of(LakeField.nullable("sku", LakeType.STRING));
        Snapshot s = catalog.commit(append(PEOPLE, other, List.of("added column sku (string)"), newFile(PEOPLE, 2)));

        assertThat(s.parentId()).isNull();
        assertThat(s.schemaVersion()).isEqualTo(1);
        assertThat(s.totalRows()).isEqualTo(2);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().schema()).isEqualTo(other);
        assertThat(catalog.snapshots(PEOPLE)).containsExactly(s);
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void aFileTheDropCouldNotDeleteIsRemovedByTheOrphanSweep() throws Exception {
        appendRows(PEOPLE, 3);
        Path file = lake.resolve(catalog.liveFiles(PEOPLE).getFirst().relativePath());
        byte[] bytes = Files.readAllBytes(file);
        catalog.drop(PEOPLE, "cli");
        // As if deleting it had failed: the file is back, and no catalog row names it any more.
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(catalog.sweepOrphans(Duration.ofMinutes(10))).isEqualTo(1);

        assertThat(file).doesNotExist();
    }

    @Test
    void aCommitWaitingForADropLandsAsANewDataset() throws Exception {
        appendRows(PEOPLE, 3);
        NewDataFile file = newFile(PEOPLE, 2);
        long id = count("SELECT id FROM dataset WHERE name = 'people'");
        try (Connection c = rawConnection()) {
            // Hold the dataset row as a running drop does; the commit must wait, then start afresh.
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT id FROM dataset WHERE name = 'people' FOR UPDATE")
                        .close();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Snapshot> commit = pool.submit(() -> catalog.commit(append(PEOPLE, V1, List.of(), file)));
                for (String sql : DatasetDropper.DELETE_ROWS) {
                    try (var ps = c.prepareStatement(sql)) {
                        ps.setLong(1, id);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                Snapshot s = commit.get(30, TimeUnit.SECONDS);
                assertThat(s.parentId()).isNull();
                assertThat(s.totalRows()).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(lake.resolve(file.relativePath())).exists();
    }

    private List<Path> paths(String sql) throws SQLException {
        List<Path> paths = new ArrayList<>();
        try (Connection c = rawConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                paths.add(lake.resolve(rs.getString(1)));
            }
        }
        return paths;
    }

    // ---------------------------------------------------------------- upsert datasets (ADR 0009)

    static final List<String> KEY = List.of("id");

    CommitRequest merge(
            DatasetName dataset, Long parent, RowChanges changes, List<NewDataFile> data, List<NewDataFile> markers) {
        return CommitRequest.merge(
                dataset,
                V1,
                List.of(),
                KEY,
                data,
                markers,
                changes,
                parent,
                lineage(null),
                Map.of("cursor", "9"),
                "cli");
    }

    @Test
    void mergesRecordKeyMarkersAndRowCounts() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, new RowChanges(10, 0, 0), List.of(newFile(orders, 10)), List.of()));
        NewDataFile data = newFile(orders, 4);
        NewDataFile marker = newFile(orders, 3);
        Snapshot s2 = catalog.commit(merge(orders, s1.id(), new RowChanges(1, 2, 1), List.of(data), List.of(marker)));

        assertThat(s1.operation()).isEqualTo("MERGE");
        assertThat(s2)
                .extracting(
                        Snapshot::insertedRows,
                        Snapshot::updatedRows,
                        Snapshot::deletedRows,
                        Snapshot::addedRows,
                        Snapshot::totalRows,
                        Snapshot::addedFiles)
                .containsExactly(1L, 2L, 1L, 4L, 10L, 2);
        assertThat(catalog.snapshots(orders)).containsExactly(s2, s1);
        DatasetInfo info = catalog.dataset(orders).orElseThrow();
        assertThat(info.key()).containsExactly("id");
        assertThat(info.isUpsert()).isTrue();
        assertThat(info.rowCount()).isEqualTo(10);
        assertThat(info.fileCount()).isEqualTo(3);
        assertThat(catalog.liveFiles(orders))
                .extracting(DataFile::relativePath, DataFile::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                catalog.liveFiles(orders).get(0).relativePath(), DataFile.Content.DATA),
                        org.assertj.core.groups.Tuple.tuple(data.relativePath(), DataFile.Content.DATA),
                        org.assertj.core.groups.Tuple.tuple(marker.relativePath(), DataFile.Content.DELETES));
        JsonNode details = json(catalog.audit().list(0, 100).stream()
                .filter(e -> e.action().equals("dataset.commit"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .details());
        assertThat(details.path("updated").asLong()).isEqualTo(2);
        assertThat(details.path("delete_marker_files").asInt()).isEqualTo(1);
        // Appends keep counting all their rows as inserted.
        Snapshot append = appendRows(PEOPLE, 5);
        assertThat(append.insertedRows()).isEqualTo(5);
        assertThat(catalog.dataset(PEOPLE).orElseThrow().key()).isEmpty();
    }

    @Test
    void aMergeWithoutFilesCommitsOnlyToRecordSourceProperties() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, RowChanges.inserted(4), List.of(newFile(orders, 4)), List.of()));
        // A poll's key comparison that found nothing gone records when it compared (ADR 0010).
        Snapshot s2 = catalog.commit(CommitRequest.merge(
                orders,
                V1,
                List.of(),
                KEY,
                List.of(),
                List.of(),
                RowChanges.NONE,
                s1.id(),
                lineage(null),
                Map.of("keys-compared-at", "2026-11-30T12:00:00Z"),
                "cli"));
        assertThat(s2)
                .extracting(Snapshot::addedRows, Snapshot::totalRows, Snapshot::addedFiles)
                .containsExactly(0L, 4L, 0);
        assertThat(catalog.sourcePosition(orders, "keys-compared-at")).contains("2026-11-30T12:00:00Z");
        assertThat(catalog.sourcePosition(orders, "cursor"))
                .as("older properties still found")
                .contains("9");
        // Without a property it would record nothing: refused.
        assertThatThrownBy(() -> catalog.commit(CommitRequest.merge(
                        orders,
                        V1,
                        List.of(),
                        KEY,
                        List.of(),
                        List.of(),
                        RowChanges.NONE,
                        s2.id(),
                        lineage(null),
                        Map.of(),
                        "cli")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merges no file and records no property");
        assertThat(catalog.snapshots(orders)).containsExactly(s2, s1);
    }

    @Test
    void aMergePlannedAgainstAnOlderSnapshotIsRefusedAndKeepsItsFiles() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, RowChanges.inserted(3), List.of(newFile(orders, 3)), List.of()));
        catalog.commit(merge(orders, s1.id(), RowChanges.inserted(2), List.of(newFile(orders, 2)), List.of()));
        State before = state(orders);
        NewDataFile data = newFile(orders, 2);
        NewDataFile marker = newFile(orders, 1);

        assertThatThrownBy(() ->
                        catalog.commit(merge(orders, s1.id(), new RowChanges(0, 1, 0), List.of(data), List.of(marker))))
                .isInstanceOf(StaleParentException.class)
                .hasMessageContaining("planned against snapshot " + s1.id());
        assertThat(state(orders)).isEqualTo(before);
        assertThat(lake.resolve(data.relativePath())).exists();
        assertThat(lake.resolve(marker.relativePath())).exists();
        // A new dataset: a merge that expected a snapshot finds none.
        assertThatThrownBy(() -> catalog.commit(merge(
                        DatasetName.of("fresh"),
                        5L,
                        RowChanges.inserted(1),
                        List.of(newFile(DatasetName.of("fresh"), 1)),
                        List.of())))
                .isInstanceOf(StaleParentException.class);
    }

    @Test
    void theKeyIsFixedByTheFirstUpsertAndAppendsAreRefused() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, RowChanges.inserted(3), List.of(newFile(orders, 3)), List.of()));
        NewDataFile other = newFile(orders, 1);
        assertThatThrownBy(() -> catalog.commit(CommitRequest.merge(
                        orders,
                        V1,
                        List.of(),
                        List.of("name"),
                        List.of(other),
                        List.of(),
                        RowChanges.inserted(1),
                        s1.id(),
                        null,
                        Map.of(),
                        "cli")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyed by [id]")
                .hasMessageContaining("[name]");
        assertThat(lake.resolve(other.relativePath())).doesNotExist();
        NewDataFile appended = newFile(orders, 1);
        assertThatThrownBy(() -> catalog.commit(append(orders, V1, List.of(), appended)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyed by [id]");
        // An append-only dataset with rows cannot become an upsert dataset.
        Snapshot people = appendRows(PEOPLE, 2);
        assertThatThrownBy(() -> catalog.commit(
                        merge(PEOPLE, people.id(), RowChanges.inserted(1), List.of(newFile(PEOPLE, 1)), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("created by appends");
        // A key column the schema lacks.
        assertThatThrownBy(() -> catalog.commit(CommitRequest.merge(
                        DatasetName.of("nokey"),
                        V1,
                        List.of(),
                        List.of("email"),
                        List.of(newFile(DatasetName.of("nokey"), 1)),
                        List.of(),
                        RowChanges.inserted(1),
                        null,
                        null,
                        Map.of(),
                        "cli")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key column 'email'");
        assertThat(catalog.dataset(DatasetName.of("nokey"))).isEmpty();
    }

    @Test
    void aReplaceRemovesDataAndMarkersAndKeepsTheVisibleRowCount() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, RowChanges.inserted(5), List.of(newFile(orders, 5)), List.of()));
        Snapshot s2 = catalog.commit(merge(
                orders, s1.id(), new RowChanges(1, 2, 0), List.of(newFile(orders, 3)), List.of(newFile(orders, 2))));
        List<DataFile> live = catalog.liveFiles(orders);
        List<Long> ids = live.stream().map(DataFile::id).toList();
        NewDataFile compacted = newFile(orders, 6);

        Snapshot s3 = catalog.commit(CommitRequest.replace(orders, List.of(compacted), ids, s2.id(), "compaction"));

        assertThat(s3.operation()).isEqualTo("REPLACE");
        assertThat(s3)
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(0L, 0L, 0L, 6L);
        assertThat(catalog.liveFiles(orders))
                .extracting(DataFile::relativePath)
                .containsExactly(compacted.relativePath());
        assertThat(catalog.dataset(orders).orElseThrow().key()).containsExactly("id");
        // A replace planned against an older snapshot is refused and its files kept.
        NewDataFile late = newFile(orders, 6);
        assertThatThrownBy(() -> catalog.commit(CommitRequest.replace(
                        orders,
                        List.of(late),
                        List.of(catalog.liveFiles(orders).get(0).id()),
                        s2.id(),
                        "compaction")))
                .isInstanceOf(StaleParentException.class);
        assertThat(lake.resolve(late.relativePath())).exists();
    }

    @Test
    void removedFilesAreDeletedFromTheLakeOnlyAfterTheGracePeriod() throws Exception {
        DatasetName orders = DatasetName.of("orders");
        Snapshot s1 =
                catalog.commit(merge(orders, null, RowChanges.inserted(5), List.of(newFile(orders, 5)), List.of()));
        List<DataFile> old = catalog.liveFiles(orders);
        NewDataFile compacted = newFile(orders, 5);
        catalog.commit(CommitRequest.replace(
                orders, List.of(compacted), old.stream().map(DataFile::id).toList(), s1.id(), "compaction"));
        Path oldFile = lake.resolve(old.get(0).relativePath());

        assertThat(catalog.expireRemovedFiles(java.time.Duration.ofHours(1))).isZero();
        assertThat(oldFile).exists();

        assertThat(catalog.expireRemovedFiles(java.time.Duration.ZERO)).isEqualTo(1);
        assertThat(oldFile).doesNotExist();
        assertThat(lake.resolve(compacted.relativePath())).exists();
        assertThat(catalog.expireRemovedFiles(java.time.Duration.ZERO)).isZero();
        assertThat(count("SELECT COUNT(*) FROM data_file WHERE expired_at IS NOT NULL"))
                .isEqualTo(1);
        assertThat(catalog.audit().list(0, 100)).extracting(AuditEvent::action).contains("lake.expire");
        assertThat(catalog.audit().verify().intact()).isTrue();
    }
}
