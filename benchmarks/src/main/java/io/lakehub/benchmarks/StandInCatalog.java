package io.lakehub.benchmarks;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.SchemaEvolution;
import io.lakehub.processors.ingest.SchemaMerge;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal in-memory catalog for benchmarking the ingest before the JDBC catalog is on main: it
 * records commits and audit entries and answers the few questions the ingest asks. Once {@code
 * JdbcCatalog} and {@code SchemaEvolution.merge} are available, the benchmark should use them (on
 * embedded H2); a commit is one small transaction, so the figures should barely move.
 */
final class StandInCatalog implements Catalog {
    /** Each run ingests into a new dataset; merging into nothing keeps the incoming schema. */
    static final SchemaMerge NEW_DATASET_MERGE = (dataset, current, incoming, widen) -> {
        if (current != null) {
            throw new IllegalStateException("the stand-in catalog only serves new datasets");
        }
        return new SchemaEvolution(incoming, List.of());
    };

    private final Path lakeRoot;
    private final List<LineageRecord> lineage = new ArrayList<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private long snapshots;

    StandInCatalog(Path lakeRoot) {
        this.lakeRoot = lakeRoot;
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
    public List<DatasetInfo> datasets() {
        return List.of();
    }

    @Override
    public Optional<DatasetInfo> dataset(DatasetName dataset) {
        return Optional.empty();
    }

    @Override
    public List<Snapshot> snapshots(DatasetName dataset) {
        return List.of();
    }

    @Override
    public List<SchemaVersion> schemaVersions(DatasetName dataset) {
        return List.of();
    }

    @Override
    public synchronized List<LineageRecord> lineage(DatasetName dataset) {
        return List.copyOf(lineage);
    }

    @Override
    public List<DataFile> liveFiles(DatasetName dataset) {
        return List.of();
    }

    @Override
    public Map<String, Long> currentSnapshotIds() {
        return Map.of();
    }

    @Override
    public synchronized Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        return lineage.stream()
                .filter(l ->
                        l.dataset().equals(dataset.value()) && l.contentHash().equals(contentHash))
                .findFirst();
    }

    @Override
    public synchronized Snapshot commit(CommitRequest request) {
        long id = ++snapshots;
        long rows = request.added().stream().mapToLong(NewDataFile::rowCount).sum();
        Instant now = Instant.now();
        lineage.add(new LineageRecord(
                id,
                request.dataset().value(),
                request.lineage().sourceSystem(),
                request.lineage().sourceUri(),
                request.lineage().pipeline(),
                now,
                rows,
                request.lineage().contentHash()));
        return new Snapshot(
                id,
                request.dataset().value(),
                null,
                request.operation().name(),
                1,
                rows,
                rows,
                request.added().size(),
                now,
                request.actor(),
                request.properties());
    }

    @Override
    public AuditJournal audit() {
        return new AuditJournal() {
            @Override
            public AuditEvent append(AuditEntry e) {
                synchronized (StandInCatalog.this) {
                    AuditEvent event = new AuditEvent(
                            audit.size() + 1, Instant.now(), e.actor(), e.action(), e.entity(), e.details(), "", "");
                    audit.add(event);
                    return event;
                }
            }

            @Override
            public List<AuditEvent> list(long afterSeq, int limit) {
                throw new UnsupportedOperationException("stand-in");
            }

            @Override
            public List<AuditEvent> latest(int limit) {
                throw new UnsupportedOperationException("stand-in");
            }

            @Override
            public Verification verify() {
                throw new UnsupportedOperationException("stand-in");
            }
        };
    }

    @Override
    public int sweepOrphans(Duration grace) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public void close() {}
}
