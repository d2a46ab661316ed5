package io.lakehub.processors.testing;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A catalog in memory, for processor tests until the JDBC catalog is on main: the parts the ingest
 * uses behave as the {@link Catalog} contract says (one atomic commit, lineage by content hash, an
 * append-only audit list, added files deleted when a commit fails). Audit hashes and orphan sweeps
 * are not implemented.
 */
public final class InMemoryCatalog implements Catalog {
    private boolean deleteOnFailure = true;

    private final Path lakeRoot;
    private final Map<String, DatasetInfo> datasets = new HashMap<>();
    private final Map<String, List<Snapshot>> snapshots = new HashMap<>();
    private final Map<String, List<SchemaVersion>> schemas = new HashMap<>();
    private final Map<String, List<LineageRecord>> lineage = new HashMap<>();
    private final Map<String, List<DataFile>> files = new HashMap<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private long nextSnapshot = 1;
    private long nextFile = 1;
    private final Map<String, String> positions = new HashMap<>();
    private final io.lakehub.catalog.commit.ChangeFeed changes = new io.lakehub.catalog.commit.ChangeFeed();
    private Consumer<CommitRequest> commitHook = r -> {};

    public InMemoryCatalog(Path lakeRoot) {
        this.lakeRoot = lakeRoot;
    }

    /**
     * Like {@link #onCommit}, but a failing hook leaves the request's files on disk, as the JDBC
     * catalog does when it cannot tell whether a COMMIT landed.
     */
    public synchronized void onCommitLeavingFiles(Consumer<CommitRequest> hook) {
        onCommit(hook);
        deleteOnFailure = false;
    }

    /** Runs before each commit; throw from it to simulate a failing catalog. */
    public synchronized void onCommit(Consumer<CommitRequest> hook) {
        deleteOnFailure = true;
        this.commitHook = hook;
    }

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
        return List.copyOf(datasets.values());
    }

    @Override
    public synchronized Optional<DatasetInfo> dataset(DatasetName dataset) {
        return Optional.ofNullable(datasets.get(dataset.value()));
    }

    @Override
    public synchronized List<Snapshot> snapshots(DatasetName dataset) {
        return List.copyOf(snapshots.getOrDefault(dataset.value(), List.of())).reversed();
    }

    @Override
    public synchronized List<SchemaVersion> schemaVersions(DatasetName dataset) {
        return List.copyOf(schemas.getOrDefault(dataset.value(), List.of()));
    }

    @Override
    public synchronized List<LineageRecord> lineage(DatasetName dataset) {
        return List.copyOf(lineage.getOrDefault(dataset.value(), List.of())).reversed();
    }

    @Override
    public synchronized List<DataFile> liveFiles(DatasetName dataset) {
        return List.copyOf(files.getOrDefault(dataset.value(), List.of()));
    }

    @Override
    public synchronized Map<String, Long> currentSnapshotIds() {
        Map<String, Long> ids = new HashMap<>();
        datasets.forEach((k, v) -> ids.put(k, v.currentSnapshotId()));
        return ids;
    }

    @Override
    public synchronized Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        return lineage.getOrDefault(dataset.value(), List.of()).stream()
                .filter(l -> contentHash.equals(l.contentHash()))
                .findFirst();
    }

    @Override
    public synchronized Snapshot commit(CommitRequest request) {
        try {
            commitHook.accept(request);
        } catch (RuntimeException e) {
            for (NewDataFile f : deleteOnFailure ? request.added() : List.<NewDataFile>of()) {
                try {
                    Files.deleteIfExists(lakeRoot.resolve(f.relativePath()));
                } catch (IOException io) {
                    e.addSuppressed(io);
                }
            }
            throw e;
        }
        String name = request.dataset().value();
        Instant now = Instant.now();
        DatasetInfo before = datasets.get(name);
        List<SchemaVersion> versions = schemas.computeIfAbsent(name, k -> new ArrayList<>());
        if (versions.isEmpty() || !versions.getLast().schema().equals(request.schema())) {
            versions.add(new SchemaVersion(versions.size() + 1, request.schema(), request.schemaChanges(), now));
        }
        long added = request.added().stream().mapToLong(NewDataFile::rowCount).sum();
        long total = (before == null ? 0 : before.rowCount()) + added;
        long id = nextSnapshot++;
        Snapshot snapshot = new Snapshot(
                id,
                name,
                before == null ? null : before.currentSnapshotId(),
                request.operation().name(),
                versions.size(),
                added,
                total,
                request.added().size(),
                now,
                request.actor(),
                request.properties());
        snapshots.computeIfAbsent(name, k -> new ArrayList<>()).add(snapshot);
        List<DataFile> live = files.computeIfAbsent(name, k -> new ArrayList<>());
        for (NewDataFile f : request.added()) {
            live.add(
                    new DataFile(nextFile++, name, f.relativePath(), f.rowCount(), f.sizeBytes(), id, null, f.stats()));
        }
        lineage.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new LineageRecord(
                        id,
                        name,
                        request.lineage().sourceSystem(),
                        request.lineage().sourceUri(),
                        request.lineage().pipeline(),
                        now,
                        added,
                        request.lineage().contentHash()));
        datasets.put(
                name,
                new DatasetInfo(
                        name,
                        request.schema(),
                        versions.size(),
                        id,
                        total,
                        live.size(),
                        live.stream().mapToLong(DataFile::sizeBytes).sum(),
                        before == null ? now : before.createdAt(),
                        now));
        appendAudit(new AuditEntry(
                request.actor(),
                "dataset.commit",
                "dataset:" + name,
                "{\"snapshot\":" + id + ",\"rows\":" + added + "}"));
        request.properties().forEach((k, v) -> positions.put(name + "\u0000" + k, v));
        changes.publish(new io.lakehub.catalog.commit.DatasetChange(
                name, id, request.operation().name()));
        return snapshot;
    }

    @Override
    public synchronized Optional<String> sourcePosition(DatasetName dataset, String key) {
        return Optional.ofNullable(positions.get(dataset.value() + "\u0000" + key));
    }

    @Override
    public io.lakehub.catalog.commit.ChangeFeed changes() {
        return changes;
    }

    private AuditEvent appendAudit(AuditEntry e) {
        AuditEvent event =
                new AuditEvent(audit.size() + 1, Instant.now(), e.actor(), e.action(), e.entity(), e.details(), "", "");
        audit.add(event);
        return event;
    }

    @Override
    public AuditJournal audit() {
        return new AuditJournal() {
            @Override
            public AuditEvent append(AuditEntry entry) {
                synchronized (InMemoryCatalog.this) {
                    return appendAudit(entry);
                }
            }

            @Override
            public List<AuditEvent> list(long afterSeq, int limit) {
                synchronized (InMemoryCatalog.this) {
                    return audit.stream()
                            .filter(a -> a.seq() > afterSeq)
                            .limit(limit)
                            .toList();
                }
            }

            @Override
            public List<AuditEvent> latest(int limit) {
                synchronized (InMemoryCatalog.this) {
                    return audit.reversed().stream().limit(limit).toList();
                }
            }

            @Override
            public Verification verify() {
                return new Verification(audit.size(), List.of());
            }
        };
    }

    @Override
    public Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        throw new UnsupportedOperationException("not needed by processor tests");
    }

    @Override
    public int sweepOrphans(Duration grace) {
        throw new UnsupportedOperationException("not needed by processor tests");
    }

    @Override
    public int expireRemovedFiles(Duration grace) {
        throw new UnsupportedOperationException("not needed by processor tests");
    }

    @Override
    public void close() {}

    /** Every file under the lake, relative, sorted. */
    public List<String> filesOnDisk() {
        try (var walk = Files.walk(lakeRoot)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> lakeRoot.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
