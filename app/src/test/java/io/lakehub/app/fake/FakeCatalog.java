package io.lakehub.app.fake;

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
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory catalog for the app's fast tests: enough of the contract to serve the HTTP and CLI
 * documents (datasets, snapshots, lineage, an audit journal). The real JdbcCatalog is exercised by
 * the *IT tests.
 */
public final class FakeCatalog implements Catalog {
    private final Path lakeRoot;
    private final Map<String, List<Snapshot>> snapshots = new LinkedHashMap<>();
    private final Map<String, LakeSchema> schemas = new HashMap<>();
    private final Map<String, List<LineageRecord>> lineage = new HashMap<>();
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<String> auditProblems = new ArrayList<>();
    private long nextSnapshot = 1;
    private boolean closed;

    private final io.lakehub.catalog.commit.ChangeFeed changes = new io.lakehub.catalog.commit.ChangeFeed();

    public FakeCatalog(Path lakeRoot) {
        this.lakeRoot = lakeRoot;
    }

    /** Records one ingest the way the real pipeline would (snapshot, lineage, audit event). */
    public synchronized Snapshot recordIngest(
            String dataset,
            LakeSchema schema,
            long rows,
            String sourceSystem,
            String sourceUri,
            String hash,
            String actor) {
        List<Snapshot> history = snapshots.computeIfAbsent(dataset, k -> new ArrayList<>());
        Snapshot parent = history.isEmpty() ? null : history.getFirst();
        long total = (parent == null ? 0 : parent.totalRows()) + rows;
        Snapshot s = new Snapshot(
                nextSnapshot++,
                dataset,
                parent == null ? null : parent.id(),
                "APPEND",
                1,
                rows,
                total,
                1,
                Instant.parse("2025-01-02T03:04:05Z").plusSeconds(nextSnapshot),
                actor,
                Map.of());
        history.addFirst(s);
        changes.publish(new io.lakehub.catalog.commit.DatasetChange(dataset, s.id(), s.operation()));
        schemas.put(dataset, schema);
        lineage.computeIfAbsent(dataset, k -> new ArrayList<>())
                .addFirst(
                        new LineageRecord(s.id(), dataset, sourceSystem, sourceUri, null, s.committedAt(), rows, hash));
        append(new AuditEntry(
                actor, "dataset.commit", "dataset:" + dataset, "{\"snapshot\":" + s.id() + ",\"rows\":" + rows + "}"));
        return s;
    }

    public synchronized void tamperWithAudit(String problem) {
        auditProblems.add(problem);
    }

    public synchronized boolean isClosed() {
        return closed;
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
        return snapshots.keySet().stream().map(this::info).toList();
    }

    @Override
    public synchronized Optional<DatasetInfo> dataset(DatasetName dataset) {
        return snapshots.containsKey(dataset.value()) ? Optional.of(info(dataset.value())) : Optional.empty();
    }

    private DatasetInfo info(String name) {
        List<Snapshot> history = snapshots.get(name);
        Snapshot current = history.getFirst();
        return new DatasetInfo(
                name,
                schemas.get(name),
                1,
                current.id(),
                current.totalRows(),
                history.size(),
                1000L * history.size(),
                history.getLast().committedAt(),
                current.committedAt());
    }

    @Override
    public synchronized List<Snapshot> snapshots(DatasetName dataset) {
        return List.copyOf(snapshots.getOrDefault(dataset.value(), List.of()));
    }

    @Override
    public synchronized List<SchemaVersion> schemaVersions(DatasetName dataset) {
        LakeSchema schema = schemas.get(dataset.value());
        return schema == null
                ? List.of()
                : List.of(new SchemaVersion(1, schema, List.of(), Instant.parse("2025-01-02T03:04:05Z")));
    }

    @Override
    public synchronized List<LineageRecord> lineage(DatasetName dataset) {
        return List.copyOf(lineage.getOrDefault(dataset.value(), List.of()));
    }

    @Override
    public List<DataFile> liveFiles(DatasetName dataset) {
        return List.of();
    }

    @Override
    public synchronized Map<String, Long> currentSnapshotIds() {
        Map<String, Long> ids = new HashMap<>();
        snapshots.forEach((k, v) -> ids.put(k, v.getFirst().id()));
        return ids;
    }

    @Override
    public synchronized Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        return lineage.getOrDefault(dataset.value(), List.of()).stream()
                .filter(l -> l.contentHash().equals(contentHash))
                .findFirst();
    }

    @Override
    public Snapshot commit(CommitRequest request) {
        throw new UnsupportedOperationException("the fake ingest records through recordIngest");
    }

    /** The fake records no snapshot properties ({@link #recordIngest} commits none). */
    @Override
    public Optional<String> sourcePosition(DatasetName dataset, String key) {
        return Optional.empty();
    }

    @Override
    public io.lakehub.catalog.commit.ChangeFeed changes() {
        return changes;
    }

    @Override
    public AuditJournal audit() {
        return new AuditJournal() {
            @Override
            public AuditEvent append(AuditEntry entry) {
                return FakeCatalog.this.append(entry);
            }

            @Override
            public List<AuditEvent> list(long afterSeq, int limit) {
                synchronized (FakeCatalog.this) {
                    return events.stream()
                            .filter(e -> e.seq() > afterSeq)
                            .limit(limit)
                            .toList();
                }
            }

            @Override
            public List<AuditEvent> latest(int limit) {
                synchronized (FakeCatalog.this) {
                    return events.reversed().stream().limit(limit).toList();
                }
            }

            @Override
            public Verification verify() {
                synchronized (FakeCatalog.this) {
                    return new Verification(events.size(), auditProblems);
                }
            }
        };
    }

    private synchronized AuditEvent append(AuditEntry entry) {
        long seq = events.size() + 1;
        String prev = events.isEmpty() ? "0".repeat(64) : events.getLast().hash();
        AuditEvent event = new AuditEvent(
                seq,
                Instant.parse("2025-01-02T03:04:05Z").plusSeconds(seq),
                entry.actor(),
                entry.action(),
                entry.entity(),
                entry.details(),
                prev,
                String.format("%064x", seq));
        events.add(event);
        return event;
    }

    @Override
    public synchronized Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        List<Snapshot> history = snapshots.remove(dataset.value());
        if (history == null) {
            return Optional.empty();
        }
        schemas.remove(dataset.value());
        lineage.remove(dataset.value());
        append(new AuditEntry(actor, "dataset.drop", "dataset:" + dataset, "{\"snapshots\":" + history.size() + "}"));
        return Optional.of(new DroppedDataset(
                dataset.value(), history.size(), history.getFirst().totalRows(), history.size(), history.size(), 0));
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
    public synchronized void close() {
        closed = true;
    }
}
