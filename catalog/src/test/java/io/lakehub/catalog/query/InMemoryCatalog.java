package io.lakehub.catalog.query;

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
import io.lakehub.catalog.schema.LakeSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalog held in memory for the query engine's tests: datasets, snapshots and live files as the
 * engine reads them through the {@link Catalog} interface, and a hash-chained audit journal.
 * Commits are atomic under the object's monitor, like the real catalog's transaction.
 */
final class InMemoryCatalog implements Catalog {

    private final Path lakeRoot;
    private final Map<String, Dataset> datasets = new LinkedHashMap<>();
    private final Journal journal = new Journal();
    private long nextSnapshotId = 1;
    private long nextFileId = 1;
    private final Map<String, String> positions = new java.util.HashMap<>();
    private final io.lakehub.catalog.commit.ChangeFeed changes = new io.lakehub.catalog.commit.ChangeFeed();

    private record Dataset(LakeSchema schema, Long snapshotId, List<DataFile> files, Instant created) {}

    InMemoryCatalog(Path lakeRoot) {
        this.lakeRoot = lakeRoot;
    }

    /** A dataset with a schema but no snapshot yet. */
    synchronized void create(DatasetName dataset, LakeSchema schema) {
        datasets.put(dataset.value(), new Dataset(schema, null, List.of(), Instant.now()));
    }

    synchronized void delete(DatasetName dataset) {
        datasets.remove(dataset.value());
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
        return datasets.keySet().stream().map(n -> info(n).orElseThrow()).toList();
    }

    @Override
    public synchronized Optional<DatasetInfo> dataset(DatasetName dataset) {
        return info(dataset.value());
    }

    private Optional<DatasetInfo> info(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            return Optional.empty();
        }
        long rows = d.files().stream().mapToLong(DataFile::rowCount).sum();
        long bytes = d.files().stream().mapToLong(DataFile::sizeBytes).sum();
        return Optional.of(new DatasetInfo(
                name, d.schema(), 1, d.snapshotId(), rows, d.files().size(), bytes, d.created(), d.created()));
    }

    @Override
    public List<Snapshot> snapshots(DatasetName dataset) {
        throw new UnsupportedOperationException("not needed by the query engine");
    }

    @Override
    public List<SchemaVersion> schemaVersions(DatasetName dataset) {
        throw new UnsupportedOperationException("not needed by the query engine");
    }

    @Override
    public List<LineageRecord> lineage(DatasetName dataset) {
        throw new UnsupportedOperationException("not needed by the query engine");
    }

    @Override
    public synchronized List<DataFile> liveFiles(DatasetName dataset) {
        Dataset d = datasets.get(dataset.value());
        return d == null ? List.of() : d.files();
    }

    @Override
    public synchronized Map<String, Long> currentSnapshotIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        datasets.forEach((name, d) -> ids.put(name, d.snapshotId()));
        return ids;
    }

    @Override
    public Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        return Optional.empty();
    }

    @Override
    public synchronized Snapshot commit(CommitRequest request) {
        String name = request.dataset().value();
        Dataset current = datasets.get(name);
        long snapshotId = nextSnapshotId++;
        List<DataFile> files = new ArrayList<>();
        if (current != null) {
            current.files().stream()
                    .filter(f -> !request.removedFileIds().contains(f.id()))
                    .forEach(files::add);
        }
        for (NewDataFile f : request.added()) {
            files.add(new DataFile(
                    nextFileId++, name, f.relativePath(), f.rowCount(), f.sizeBytes(), snapshotId, null, f.stats()));
        }
        Instant created = current == null ? Instant.now() : current.created();
        datasets.put(name, new Dataset(request.schema(), snapshotId, List.copyOf(files), created));
        long added = request.added().stream().mapToLong(NewDataFile::rowCount).sum();
        long total = files.stream().mapToLong(DataFile::rowCount).sum();
        journal.append(new AuditEntry(
                request.actor(),
                "dataset.commit",
                "dataset:" + name,
                "{\"snapshot\":" + snapshotId + ",\"rows\":" + added + "}"));
        request.properties().forEach((k, v) -> positions.put(name + "\u0000" + k, v));
        changes.publish(new io.lakehub.catalog.commit.DatasetChange(
                name, snapshotId, request.operation().name()));
        return new Snapshot(
                snapshotId,
                name,
                current == null ? null : current.snapshotId(),
                request.operation().name(),
                1,
                added,
                total,
                request.added().size(),
                Instant.now(),
                request.actor(),
                request.properties());
    }

    @Override
    public synchronized Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        Dataset d = datasets.remove(dataset.value());
        if (d == null) {
            return Optional.empty();
        }
        journal.append(new AuditEntry(actor, "dataset.drop", "dataset:" + dataset, "{}"));
        long rows = d.files().stream().mapToLong(DataFile::rowCount).sum();
        return Optional.of(
                new DroppedDataset(dataset.value(), 1, rows, d.files().size(), 0, 0));
    }

    @Override
    public AuditJournal audit() {
        return journal;
    }

    @Override
    public synchronized Optional<String> sourcePosition(DatasetName dataset, String key) {
        return Optional.ofNullable(positions.get(dataset.value() + "\u0000" + key));
    }

    @Override
    public io.lakehub.catalog.commit.ChangeFeed changes() {
        return changes;
    }

    @Override
    public int sweepOrphans(Duration grace) {
        return 0;
    }

    @Override
    public int expireRemovedFiles(Duration grace) {
        return 0;
    }

    @Override
    public void close() {}

    /** Hash-chained journal in a list. */
    static final class Journal implements AuditJournal {
        private final List<AuditEvent> events = new ArrayList<>();

        @Override
        public synchronized AuditEvent append(AuditEntry entry) {
            long seq = events.size() + 1;
            String prev = events.isEmpty() ? "0".repeat(64) : events.getLast().hash();
            Instant time = Instant.now();
            String hash = sha256(prev + "|" + seq + "|" + time + "|" + entry.actor() + "|" + entry.action() + "|"
                    + entry.entity() + "|" + entry.details());
            AuditEvent event = new AuditEvent(
                    seq, time, entry.actor(), entry.action(), entry.entity(), entry.details(), prev, hash);
            events.add(event);
            return event;
        }

        @Override
        public synchronized List<AuditEvent> list(long afterSeq, int limit) {
            return events.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
        }

        @Override
        public synchronized List<AuditEvent> latest(int limit) {
            return events.reversed().stream().limit(limit).toList();
        }

        @Override
        public Verification verify() {
            return new Verification(events.size(), List.of());
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
