package io.lakehub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.ChangeFeed;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.CommitStatistics;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.IncompatibleSchemaException;
import io.lakehub.catalog.schema.InvalidColumnNameException;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.SchemaEvolution;
import io.lakehub.catalog.store.AuditHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one in-memory {@link Catalog} for every module's tests. It implements the whole interface
 * the way the JDBC catalog behaves as far as a caller can observe it: one atomic commit under the
 * object's monitor (snapshot, files, schema version, lineage, audit event, source positions), the
 * change feed published after the commit, duplicates by content hash, conflicts on files that are
 * no longer live, added files deleted when a commit is refused, a hash-chained audit journal
 * ({@link AuditHash}, as the JDBC catalog computes it), drop, and the orphan sweep.
 *
 * <p>Deliberately not checked, because tests rely on getting past it: column names (the query
 * engine's tests commit a schema with a control character, as an older catalog holds one) and
 * audit details (the audit table's tests append details that are not JSON).
 *
 * <p>Everything else is checked against the JDBC catalog by {@code InMemoryCatalogContractTest} in
 * the catalog module.
 *
 * <p>Options a test may switch on: {@link #onCommit} / {@link #onCommitLeavingFiles} (failure
 * injection), {@link #create} / {@link #delete} (a dataset without snapshots, a dataset that
 * vanished behind the catalog's back), {@link #tamperWithAudit} (a verification problem), and the
 * recorded {@link #commits()}, {@link #filesOnDisk()} and {@link #isClosed()}.
 *
 * <p>A method added to {@link Catalog} is added here, next to the interface method it resembles.
 */
public final class InMemoryCatalog implements Catalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STEP_PREFIX = "step.";

    private final Path lakeRoot;
    private final Clock clock;
    private final ChangeFeed changes = new ChangeFeed();
    private final Journal journal = new Journal();

    // All guarded by this.
    private final Map<String, Dataset> datasets = new TreeMap<>();
    private final List<CommitRequest> commits = new ArrayList<>();
    private final List<String> auditProblems = new ArrayList<>();
    private long nextSnapshotId = 1;
    private long nextFileId = 1;
    private Consumer<CommitRequest> commitHook = r -> {};
    private boolean deleteFilesOnFailure = true;
    private boolean closed;

    /** Everything the catalog holds for one dataset; lists oldest first. */
    private static final class Dataset {
        final Instant created;
        final List<Snapshot> snapshots = new ArrayList<>();
        final List<SchemaVersion> versions = new ArrayList<>();
        final List<LineageRecord> lineage = new ArrayList<>();
        final List<DataFile> files = new ArrayList<>();
        final Map<String, String> positions = new LinkedHashMap<>();
        Instant updated;

        Dataset(Instant created) {
            this.created = created;
            this.updated = created;
        }

        Snapshot current() {
            return snapshots.isEmpty() ? null : snapshots.getLast();
        }

        Stream<DataFile> live() {
            return files.stream().filter(f -> f.removedSnapshotId() == null);
        }
    }

    public InMemoryCatalog(Path lakeRoot) {
        this(lakeRoot, Clock.systemUTC());
    }

    /** With a clock for snapshot, schema-version and audit times. */
    public InMemoryCatalog(Path lakeRoot, Clock clock) {
        this.lakeRoot = lakeRoot;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- test options

    /**
     * Runs before each commit, inside it; throw from it to simulate a failing catalog: nothing is
     * recorded and the request's added files are deleted, as the JDBC catalog does on a rollback.
     */
    public synchronized void onCommit(Consumer<CommitRequest> hook) {
        this.commitHook = hook;
        this.deleteFilesOnFailure = true;
    }

    /**
     * Like {@link #onCommit}, but a failing hook leaves the request's files on disk, as the JDBC
     * catalog does when it cannot tell whether a COMMIT landed.
     */
    public synchronized void onCommitLeavingFiles(Consumer<CommitRequest> hook) {
        this.commitHook = hook;
        this.deleteFilesOnFailure = false;
    }

    /** Every request that was committed, oldest first. */
    public synchronized List<CommitRequest> commits() {
        return List.copyOf(commits);
    }

    /** A dataset with a schema but no snapshot yet, as a catalog holds one between create and commit. */
    public synchronized void create(DatasetName dataset, LakeSchema schema) {
        Dataset d = new Dataset(now());
        d.versions.add(new SchemaVersion(1, schema, List.of(), d.created));
        datasets.put(dataset.value(), d);
    }

    /**
     * Forgets a dataset without an audit event, a change-feed message or deleting files: how a drop
     * by another process looks to a reader that did not hear it.
     */
    public synchronized void delete(DatasetName dataset) {
        datasets.remove(dataset.value());
    }

    /** Makes {@link AuditJournal#verify()} report {@code problem}, as after an edit of the journal. */
    public synchronized void tamperWithAudit(String problem) {
        auditProblems.add(problem);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Every regular file under the lake, relative with {@code /}, sorted. */
    public List<String> filesOnDisk() {
        if (!Files.exists(lakeRoot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(lakeRoot)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> lakeRoot.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Path lakeRoot() {
        return lakeRoot;
    }

    @Override
    public Path datasetDir(DatasetName dataset) {
        return lakeRoot.resolve(dataset.value());
    }

    @Override
    public synchronized List<DatasetInfo> datasets() {
        return datasets.keySet().stream().map(this::info).toList();
    }

    @Override
    public synchronized Optional<DatasetInfo> dataset(DatasetName dataset) {
        return datasets.containsKey(dataset.value()) ? Optional.of(info(dataset.value())) : Optional.empty();
    }

    private DatasetInfo info(String name) {
        Dataset d = datasets.get(name);
        Snapshot current = d.current();
        List<DataFile> live = d.live().toList();
        SchemaVersion version = d.versions.isEmpty() ? null : d.versions.getLast();
        return new DatasetInfo(
                name,
                version == null ? null : version.schema(),
                version == null ? 0 : version.version(),
                current == null ? null : current.id(),
                live.stream().mapToLong(DataFile::rowCount).sum(),
                live.size(),
                live.stream().mapToLong(DataFile::sizeBytes).sum(),
                d.created,
                d.updated);
    }

    @Override
    public synchronized List<Snapshot> snapshots(DatasetName dataset) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? List.of() : List.copyOf(d.snapshots.reversed());
    }

    @Override
    public synchronized List<SchemaVersion> schemaVersions(DatasetName dataset) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? List.of() : List.copyOf(d.versions);
    }

    @Override
    public synchronized List<LineageRecord> lineage(DatasetName dataset) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? List.of() : List.copyOf(d.lineage.reversed());
    }

    @Override
    public synchronized List<DataFile> liveFiles(DatasetName dataset) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? List.of() : d.live().toList();
    }

    @Override
    public synchronized Map<String, Long> currentSnapshotIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        datasets.forEach((name, d) ->
                ids.put(name, d.current() == null ? null : d.current().id()));
        return ids;
    }

    @Override
    public synchronized Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        Dataset d = datasets.get(dataset.value());
        return d == null
                ? Optional.empty()
                : d.lineage.stream()
                        .filter(l -> contentHash.equals(l.contentHash()))
                        .findFirst();
    }

    @Override
    public synchronized Optional<String> sourcePosition(DatasetName dataset, String key) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? Optional.empty() : Optional.ofNullable(d.positions.get(key));
    }

    // ---------------------------------------------------------------- writes

    /** As the JDBC catalog: every expected source position must still be the dataset's. */
    private static void checkPositions(CommitRequest request, Dataset before) {
        List<String> moved = new ArrayList<>();
        request.expectedPositions().forEach((key, expected) -> {
            String now = before == null ? null : before.positions.get(key);
            if (!(now == null ? CommitRequest.NO_POSITION : now).equals(expected)) {
                moved.add(key);
            }
        });
        if (!moved.isEmpty()) {
            java.util.Collections.sort(moved);
            throw new io.lakehub.catalog.commit.PositionConflictException("Commit refused: the source position(s) "
                    + moved + " this commit was read from moved on (another writer committed those records first)."
                    + " Nothing was committed to dataset '" + request.dataset() + "'.");
        }
    }

    @Override
    public Snapshot commit(CommitRequest request) {
        long start = System.nanoTime();
        Snapshot snapshot;
        try {
            synchronized (this) {
                snapshot = commitLocked(request);
                if (request.companion() != null) {
                    // Not rolled back if the companion is refused: enough for tests, unlike the JDBC catalog.
                    commitLocked(request.companion());
                }
            }
        } catch (RuntimeException e) {
            changes.failed(
                    request.dataset().value(),
                    request.operation().name(),
                    Duration.ofNanos(System.nanoTime() - start),
                    e);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        changes.publish(new DatasetChange(snapshot.dataset(), snapshot.id(), snapshot.operation()));
        changes.measured(CommitStatistics.of(request, snapshot, took));
        return snapshot;
    }

    private Snapshot commitLocked(CommitRequest request) {
        try {
            commitHook.accept(request);
        } catch (RuntimeException e) {
            if (deleteFilesOnFailure) {
                deleteAdded(request, e);
            }
            throw e;
        }
        String name = request.dataset().value();
        Dataset before = datasets.get(name);
        LakeSchema current = before == null || before.versions.isEmpty()
                ? null
                : before.versions.getLast().schema();
        SchemaEvolution evolution;
        try {
            check(request, before);
            checkPositions(request, before);
            evolution = rebase(request, current);
        } catch (RuntimeException e) {
            deleteAdded(request, e);
            throw e;
        }

        Instant now = now();
        Dataset d = before != null ? before : new Dataset(now);
        long id = nextSnapshotId++;
        if (current == null || evolution.changed()) {
            d.versions.add(new SchemaVersion(d.versions.size() + 1, evolution.schema(), evolution.changes(), now));
        }
        Set<Long> removed = new HashSet<>(request.removedFileIds());
        d.files.replaceAll(f -> removed.contains(f.id())
                ? new DataFile(
                        f.id(),
                        f.dataset(),
                        f.relativePath(),
                        f.rowCount(),
                        f.sizeBytes(),
                        f.addedSnapshotId(),
                        id,
                        f.stats())
                : f);
        for (NewDataFile f : request.added()) {
            d.files.add(new DataFile(
                    nextFileId++, name, f.relativePath(), f.rowCount(), f.sizeBytes(), id, null, f.stats()));
        }
        long addedRows =
                request.added().stream().mapToLong(NewDataFile::rowCount).sum();
        long totalRows = d.live().mapToLong(DataFile::rowCount).sum();
        Snapshot parent = d.current();
        Snapshot snapshot = new Snapshot(
                id,
                name,
                parent == null ? null : parent.id(),
                request.operation().name(),
                d.versions.size(),
                addedRows,
                totalRows,
                request.added().size(),
                now,
                request.actor(),
                Map.copyOf(request.properties()));
        d.snapshots.add(snapshot);
        d.lineage.add(new LineageRecord(
                id,
                name,
                request.lineage().sourceSystem(),
                request.lineage().sourceUri(),
                request.lineage().pipeline(),
                now,
                addedRows,
                request.lineage().contentHash()));
        d.positions.putAll(request.properties());
        d.updated = now;
        datasets.put(name, d);
        commits.add(request);
        boolean newVersion = current == null || evolution.changed();
        List<String> schemaChanges = newVersion ? evolution.changes() : List.of();
        journal.appendLocked(new AuditEntry(
                request.actor(), "dataset.commit", "dataset:" + name, commitDetails(request, snapshot, schemaChanges)));
        if (newVersion) {
            ObjectNode change = JSON.createObjectNode()
                    .put("snapshot", id)
                    .put("version", d.versions.size())
                    .put("columns", evolution.schema().size());
            schemaChanges.forEach(change.putArray("changes")::add);
            journal.appendLocked(
                    new AuditEntry(request.actor(), "schema.change", "dataset:" + name, change.toString()));
        }
        return snapshot;
    }

    /** The refusals of the JDBC catalog that a caller can provoke through the interface. */
    private void check(CommitRequest request, Dataset before) {
        String name = request.dataset().value();
        if (before == null && request.schema() == null) {
            throw new IllegalArgumentException("the first commit to dataset '" + name + "' carries no schema");
        }
        Set<Long> live = before == null
                ? Set.of()
                : before.live().map(DataFile::id).collect(java.util.stream.Collectors.toSet());
        for (Long removed : request.removedFileIds()) {
            if (!live.contains(removed)) {
                throw new CommitConflictException("File " + removed + " of dataset '" + name
                        + "' is no longer live (another writer replaced it); nothing was committed.");
            }
        }
        Set<String> recorded = new HashSet<>();
        datasets.values().forEach(d -> d.files.forEach(f -> recorded.add(f.relativePath())));
        for (NewDataFile f : request.added()) {
            if (recorded.contains(f.relativePath())) {
                throw new CommitConflictException(
                        "The file '" + f.relativePath() + "' is already recorded; nothing was committed.");
            }
        }
        String hash = request.lineage().contentHash();
        if (hash != null && before != null) {
            for (LineageRecord l : before.lineage) {
                if (hash.equals(l.contentHash())) {
                    throw new DuplicateCommitException(
                            "These source bytes were committed to dataset '" + name + "' before, in snapshot "
                                    + l.snapshotId() + "; nothing was committed.",
                            l.snapshotId());
                }
            }
        }
    }

    /**
     * The schema after the commit, as the JDBC catalog rebases it: the request's schema merged into
     * the current one (a writer may have prepared it against an older version). A type that no
     * longer fits is a conflict, unless the request allows widening to string. Column names with
     * control characters are taken as they are (see the class comment).
     */
    private static SchemaEvolution rebase(CommitRequest request, LakeSchema current) {
        String name = request.dataset().value();
        LakeSchema requested = request.schema();
        if (requested == null || requested.equals(current)) {
            return new SchemaEvolution(requested == null ? current : requested, List.of());
        }
        try {
            return SchemaEvolution.merge(name, current, requested, request.widenToString());
        } catch (InvalidColumnNameException e) {
            return new SchemaEvolution(requested, request.schemaChanges());
        } catch (IncompatibleSchemaException e) {
            throw new CommitConflictException("Column '" + e.column() + "' of dataset '" + name + "' is "
                    + e.datasetField().typeName() + " but this commit's files hold "
                    + e.incomingField().typeName() + "; nothing was committed.");
        }
    }

    /** Deletes the request's files, except those the catalog records (they belong to an earlier commit). */
    private void deleteAdded(CommitRequest request, RuntimeException cause) {
        Set<String> recorded = new HashSet<>();
        datasets.values().forEach(d -> d.files.forEach(f -> recorded.add(f.relativePath())));
        for (NewDataFile f : request.added()) {
            if (recorded.contains(f.relativePath())) {
                continue;
            }
            try {
                Files.deleteIfExists(lakeRoot.resolve(f.relativePath()));
            } catch (IOException io) {
                cause.addSuppressed(io);
            }
        }
    }

    /** As the JDBC catalog writes them; step reports included, source positions left out. */
    private static String commitDetails(CommitRequest r, Snapshot s, List<String> schemaChanges) {
        ObjectNode details = JSON.createObjectNode()
                .put("snapshot", s.id())
                .put("operation", r.operation().name())
                .put("rows", s.addedRows())
                .put("files", r.added().size())
                .put("removed_files", r.removedFileIds().size())
                .put("total_rows", s.totalRows())
                .put("schema_version", s.schemaVersion());
        if (r.operation() != CommitRequest.Operation.APPEND) {
            RowChanges changes = r.changes() != null ? r.changes() : RowChanges.NONE;
            details.put("inserted", changes.inserted())
                    .put("updated", changes.updated())
                    .put("deleted", changes.deleted())
                    .put("delete_marker_files", r.deleteMarkers().size());
        }
        schemaChanges.forEach(details.putArray("schema_changes")::add);
        ObjectNode steps = null;
        for (Map.Entry<String, String> e : new TreeMap<>(r.properties()).entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.', STEP_PREFIX.length());
            if (!key.startsWith(STEP_PREFIX) || dot < 0 || dot == key.length() - 1) {
                continue;
            }
            if (steps == null) {
                steps = details.putObject("steps");
            }
            String step = key.substring(STEP_PREFIX.length(), dot);
            ObjectNode node = steps.has(step) ? (ObjectNode) steps.get(step) : steps.putObject(step);
            node.put(key.substring(dot + 1), e.getValue());
        }
        String bad = r.properties().get("read.badRows");
        if (bad != null && bad.matches("\\d{1,18}")) {
            details.put("bad_rows", Long.parseLong(bad));
        }
        String rejects = r.properties().get("rejects.dataset");
        if (rejects != null && DatasetName.isValid(rejects)) {
            details.put("rejects_dataset", rejects);
        }
        String of = r.properties().get("rejects.of");
        if (of != null && DatasetName.isValid(of)) {
            details.put("rejects_of", of);
        }
        if (r.lineage() != null) {
            details.put("source_system", r.lineage().sourceSystem());
            if (r.lineage().pipeline() != null) {
                details.put("pipeline", r.lineage().pipeline());
            }
        }
        return details.toString();
    }

    @Override
    public Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        Dataset d;
        synchronized (this) {
            d = datasets.remove(dataset.value());
            if (d == null) {
                return Optional.empty();
            }
            Snapshot current = d.current();
            journal.appendLocked(new AuditEntry(
                    actor,
                    "dataset.drop",
                    "dataset:" + dataset,
                    JSON.createObjectNode()
                            .put("snapshots", d.snapshots.size())
                            .put("rows", current == null ? 0 : current.totalRows())
                            .put("files", d.files.size())
                            .put("last_snapshot", current == null ? null : current.id())
                            .toString()));
        }
        int deleted = 0;
        int left = 0;
        for (DataFile f : d.files) {
            try {
                Files.deleteIfExists(lakeRoot.resolve(f.relativePath()));
                deleted++;
            } catch (IOException e) {
                left++; // the orphan sweep removes it: nothing references it any more
            }
        }
        changes.publish(new DatasetChange(dataset.value(), 0L, DatasetChange.DROP));
        Snapshot current = d.current();
        return Optional.of(new DroppedDataset(
                dataset.value(),
                d.snapshots.size(),
                current == null ? 0 : current.totalRows(),
                d.files.size(),
                deleted,
                left));
    }

    @Override
    public AuditJournal audit() {
        return journal;
    }

    @Override
    public ChangeFeed changes() {
        return changes;
    }

    /** Deletes files under the lake that no recorded file names and that are older than {@code grace}. */
    @Override
    public int sweepOrphans(Duration grace) {
        Set<String> recorded = new HashSet<>();
        synchronized (this) {
            datasets.values().forEach(d -> d.files.forEach(f -> recorded.add(f.relativePath())));
        }
        Instant cutoff = clock.instant().minus(grace);
        int deleted = 0;
        for (String relative : filesOnDisk()) {
            Path file = lakeRoot.resolve(relative);
            try {
                if (!recorded.contains(relative)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not sweep the orphan file " + file, e);
            }
        }
        return deleted;
    }

    /**
     * Deletes from the lake the files a snapshot removed at least {@code grace} ago, as the JDBC
     * catalog does; their records stay, so history still lists them.
     */
    @Override
    public int expireRemovedFiles(Duration grace) {
        Instant cutoff = clock.instant().minus(grace);
        List<String> expired = new ArrayList<>();
        synchronized (this) {
            for (Dataset d : datasets.values()) {
                Map<Long, Instant> committed = new HashMap<>();
                d.snapshots.forEach(s -> committed.put(s.id(), s.committedAt()));
                for (DataFile f : d.files) {
                    Instant removed = f.removedSnapshotId() == null ? null : committed.get(f.removedSnapshotId());
                    if (removed != null && removed.isBefore(cutoff)) {
                        expired.add(f.relativePath());
                    }
                }
            }
        }
        int deleted = 0;
        for (String relative : expired) {
            Path file = lakeRoot.resolve(relative);
            try {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the removed file " + file, e);
            }
        }
        return deleted;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The audit journal: hash-chained like the JDBC catalog's, so a verification can find an edit. */
    private final class Journal implements AuditJournal {
        private final List<AuditEvent> events = new ArrayList<>();

        @Override
        public AuditEvent append(AuditEntry entry) {
            synchronized (InMemoryCatalog.this) {
                return appendLocked(entry);
            }
        }

        AuditEvent appendLocked(AuditEntry entry) {
            long seq = events.size() + 1;
            String prev =
                    events.isEmpty() ? AuditHash.GENESIS : events.getLast().hash();
            Instant time = now();
            long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
            String hash =
                    AuditHash.of(prev, seq, micros, entry.actor(), entry.action(), entry.entity(), entry.details());
            AuditEvent event = new AuditEvent(
                    seq, time, entry.actor(), entry.action(), entry.entity(), entry.details(), prev, hash);
            events.add(event);
            return event;
        }

        @Override
        public List<AuditEvent> list(long afterSeq, int limit) {
            synchronized (InMemoryCatalog.this) {
                return events.stream()
                        .filter(e -> e.seq() > afterSeq)
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public List<AuditEvent> latest(int limit) {
            synchronized (InMemoryCatalog.this) {
                return events.reversed().stream().limit(limit).toList();
            }
        }

        /** Recomputes the chain, plus what {@link #tamperWithAudit} injected. */
        @Override
        public Verification verify() {
            synchronized (InMemoryCatalog.this) {
                List<String> problems = new ArrayList<>();
                String prev = AuditHash.GENESIS;
                for (AuditEvent e : events) {
                    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, e.time());
                    String expected =
                            AuditHash.of(prev, e.seq(), micros, e.actor(), e.action(), e.entity(), e.details());
                    if (!e.prevHash().equals(prev) || !e.hash().equals(expected)) {
                        problems.add("event " + e.seq() + ": hash does not match its contents");
                    }
                    prev = e.hash();
                }
                problems.addAll(auditProblems);
                return new Verification(events.size(), problems);
            }
        }
    }
}
