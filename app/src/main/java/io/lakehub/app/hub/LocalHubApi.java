package io.lakehub.app.hub;

import io.lakehub.app.api.document.AuditEventDocument;
import io.lakehub.app.api.document.AuditPage;
import io.lakehub.app.api.document.AuditVerification;
import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.api.document.IngestApiRequest;
import io.lakehub.app.api.document.IngestOutcome;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.LineageDocument;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.api.document.SchemaVersionDocument;
import io.lakehub.app.api.document.SnapshotDocument;
import io.lakehub.app.api.document.SqlColumn;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link HubApi} over back ends in this process. The server's controllers delegate here, and so
 * does a CLI command on a home no server holds; {@code actor}/{@code sourceSystem} say which.
 */
public class LocalHubApi implements HubApi {
    private final Catalog catalog;
    private final Supplier<SqlEngine> sqlEngine;
    private final Supplier<IngestService> ingestService;
    private final PipelineAccess pipelines;
    private final String actor;
    private final AutoCloseable resources;
    private volatile Supplier<? extends JobOperations> jobs;
    private volatile Supplier<io.lakehub.app.erasure.ErasureService> erasures;
    private volatile Supplier<io.lakehub.app.vector.HubIndexes> indexes;
    private volatile io.lakehub.app.progress.IngestsInProgress ingests;

    /** Over beans that live as long as the application (the server). */
    public LocalHubApi(
            Catalog catalog, SqlEngine sqlEngine, IngestService ingestService, PipelineAccess pipelines, String actor) {
        this(catalog, () -> sqlEngine, () -> ingestService, pipelines, actor, null);
    }

    /**
     * Over back ends this access owns and opens on first use (a CLI command).
     *
     * @param actor recorded as the author of ingests and drops ({@code http}, {@code cli})
     * @param resources closed by {@link #close()}, or null for nothing
     */
    public LocalHubApi(
            Catalog catalog,
            Supplier<SqlEngine> sqlEngine,
            Supplier<IngestService> ingestService,
            PipelineAccess pipelines,
            String actor,
            AutoCloseable resources) {
        this.catalog = catalog;
        this.sqlEngine = sqlEngine;
        this.ingestService = ingestService;
        this.pipelines = pipelines;
        this.actor = actor;
        this.resources = resources;
    }

    @Override
    public SqlResponse sql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new InvalidRequestException("No SQL given: send {\"sql\": \"SELECT ...\"}.");
        }
        QueryResult result = sqlEngine.get().query(sql);
        List<SqlColumn> columns = result.columns().stream()
                .map(c -> new SqlColumn(c.name(), c.type()))
                .toList();
        return new SqlResponse(columns, result.rows(), result.rowCount(), result.truncated());
    }

    @Override
    public List<DatasetSummary> datasets() {
        return catalog.datasets().stream()
                .sorted(Comparator.comparing(DatasetInfo::name))
                .map(LocalHubApi::summary)
                .toList();
    }

    @Override
    public DatasetDetail dataset(String name) {
        DatasetName dataset = DatasetName.of(name);
        DatasetInfo info = catalog.dataset(dataset).orElseThrow(() -> new UnknownDatasetException(name));
        return new DatasetDetail(
                info.name(),
                info.schemaVersion(),
                info.currentSnapshotId(),
                info.rowCount(),
                info.fileCount(),
                info.sizeBytes(),
                iso(info.createdAt()),
                iso(info.updatedAt()),
                io.lakehub.app.governance.PiiColumns.withScan(
                        columns(info.schema()), catalog.columnClassifications(dataset), catalog.snapshots(dataset)),
                catalog.schemaVersions(dataset).stream()
                        .map(v -> new SchemaVersionDocument(
                                v.version(), iso(v.createdAt()), v.changes(), columns(v.schema())))
                        .toList(),
                catalog.snapshots(dataset).stream()
                        .map(s -> new SnapshotDocument(
                                s.id(),
                                s.parentId(),
                                s.operation(),
                                s.schemaVersion(),
                                s.addedRows(),
                                s.totalRows(),
                                s.addedFiles(),
                                iso(s.committedAt()),
                                s.actor(),
                                s.properties(),
                                s.insertedRows(),
                                s.updatedRows(),
                                s.deletedRows()))
                        .toList(),
                lineage(dataset),
                info.key());
    }

    /** The lineage records, each with the reader's facts from its snapshot's properties. */
    private List<LineageDocument> lineage(DatasetName dataset) {
        Map<Long, Map<String, String>> properties = new HashMap<>();
        catalog.snapshots(dataset).forEach(s -> properties.put(s.id(), s.properties()));
        return catalog.lineage(dataset).stream()
                .map(l -> new LineageDocument(
                        l.snapshotId(),
                        l.sourceSystem(),
                        l.sourceUri(),
                        l.pipeline(),
                        iso(l.time()),
                        l.rowCount(),
                        l.contentHash(),
                        LineageDocument.readFacts(properties.getOrDefault(l.snapshotId(), Map.of()))))
                .toList();
    }

    @Override
    public AuditPage audit(Long after, int limit) {
        if (limit < 1 || limit > MAX_AUDIT_LIMIT) {
            throw new InvalidRequestException(
                    "limit must be between 1 and " + MAX_AUDIT_LIMIT + ", not " + limit + ".");
        }
        if (after != null && after < 0) {
            throw new InvalidRequestException("after must be a sequence number (0 or more), not " + after + ".");
        }
        AuditJournal journal = catalog.audit();
        List<AuditEvent> events = after == null ? journal.latest(limit) : journal.list(after, limit);
        return new AuditPage(events.stream().map(LocalHubApi::event).toList());
    }

    @Override
    public AuditVerification verifyAudit() {
        Verification v = catalog.audit().verify();
        return new AuditVerification(v.intact(), v.eventsChecked(), v.problems());
    }

    @Override
    public IngestOutcome ingest(IngestApiRequest request) {
        if (request == null || request.path() == null || request.path().isBlank()) {
            throw new InvalidRequestException(
                    "No file given: send {\"path\": \"/abs/file.csv\", \"dataset\": \"name\"}.");
        }
        DatasetName dataset = DatasetName.of(request.dataset());
        Path file;
        try {
            file = Path.of(request.path());
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("Not a file path: " + e.getMessage(), e);
        }
        if (!file.isAbsolute()) {
            throw new InvalidRequestException(
                    "The path must be absolute (the hub resolves it on its own machine): " + request.path());
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException(file + ": no such file (or not a regular file). Nothing was written.");
        }
        ReadOptions options = ReadOptions.detect();
        if (request.format() != null && !request.format().isBlank()) {
            try {
                options = options.withFormat(Format.parse(request.format()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(e.getMessage(), e);
            }
        }
        if (request.charset() != null && !request.charset().isBlank()) {
            try {
                options = options.withCharset(
                        java.nio.charset.Charset.forName(request.charset().strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(
                        "Unknown charset '" + request.charset().strip() + "' (e.g. UTF-8, windows-1252, ISO-8859-1,"
                                + " UTF-16). Nothing was written.",
                        e);
            }
        }
        IngestMode mode;
        try {
            mode = request.mode() == null || request.mode().isBlank()
                    ? IngestMode.APPEND
                    : IngestMode.parse(request.mode());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage() + ". Nothing was written.", e);
        }
        if (mode == IngestMode.UPSERT && request.key().isEmpty()) {
            throw new InvalidRequestException(
                    "mode upsert needs a key: the column(s) that identify a row (--key). Nothing was written.");
        }
        BadRowPolicy badRows;
        try {
            badRows = BadRowPolicy.parse(request.onBadRows(), request.maxBadRows());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage() + ". Nothing was written.", e);
        }
        IngestResult result = ingestService
                .get()
                .ingest(IngestRequest.builder(dataset)
                        .file(file)
                        .options(options)
                        .sourceSystem(actor)
                        .actor(actor)
                        .widenToString(request.widenToString())
                        .mode(mode)
                        .key(request.key())
                        .badRows(badRows)
                        .build());
        return new IngestOutcome(
                result.outcome().name().toLowerCase(Locale.ROOT),
                result.dataset(),
                result.snapshotId(),
                result.rows(),
                result.files(),
                result.schemaChanges(),
                result.contentHash(),
                result.badRows(),
                result.rejectsDataset(),
                result.note());
    }

    @Override
    public void drop(String name) {
        DatasetName dataset = DatasetName.of(name);
        catalog.drop(dataset, actor).orElseThrow(() -> new UnknownDatasetException(name));
    }

    @Override
    public List<ScheduleDocument> schedules() {
        return pipelines.schedules();
    }

    @Override
    public RunAccepted runPipeline(String pipelineId) {
        return pipelines.runNow(pipelineId);
    }

    @Override
    public RunDocument run(long runId) {
        return pipelines.run(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    @Override
    public void close() {
        if (resources != null) {
            try {
                resources.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    static DatasetSummary summary(DatasetInfo info) {
        return new DatasetSummary(
                info.name(),
                info.schemaVersion(),
                info.currentSnapshotId(),
                info.rowCount(),
                info.fileCount(),
                info.sizeBytes(),
                iso(info.createdAt()),
                iso(info.updatedAt()));
    }

    private static List<DatasetColumn> columns(LakeSchema schema) {
        if (schema == null) {
            return List.of();
        }
        return schema.fields().stream()
                .map(f -> new DatasetColumn(f.name(), f.typeName(), f.nullable()))
                .toList();
    }

    private static AuditEventDocument event(AuditEvent e) {
        return new AuditEventDocument(
                e.seq(),
                iso(e.time()),
                e.actor(),
                e.action(),
                e.entity(),
                Json.details(e.details()),
                e.prevHash(),
                e.hash());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * Gives this access the ingests in progress in its process ({@link #ingests}). Returns this.
     */
    public LocalHubApi withIngests(io.lakehub.app.progress.IngestsInProgress ingests) {
        this.ingests = ingests;
        return this;
    }

    @Override
    public List<io.lakehub.app.api.document.IngestDocument> ingests() {
        io.lakehub.app.progress.IngestsInProgress i = ingests;
        return i == null ? List.of() : i.list();
    }

    /** The vector indexes a command on a free home works with (made on first use). */
    public LocalHubApi withIndexes(Supplier<io.lakehub.app.vector.HubIndexes> indexes) {
        this.indexes = indexes;
        return this;
    }

    private io.lakehub.app.vector.HubIndexes hubIndexes() {
        if (indexes == null) {
            throw new InvalidRequestException("Vector indexes are not available here.");
        }
        return indexes.get();
    }

    @Override
    public io.lakehub.app.api.document.IndexDocument createIndex(io.lakehub.app.api.document.IndexRequest request) {
        return hubIndexes().create(io.lakehub.app.security.Caller.ANONYMOUS, request);
    }

    @Override
    public java.util.List<io.lakehub.app.api.document.IndexDocument> indexes() {
        return hubIndexes().list();
    }

    @Override
    public String refreshIndex(String name) {
        return hubIndexes().refresh(name).id();
    }

    @Override
    public io.lakehub.app.api.document.VectorJobDocument vectorJob(String id) {
        return hubIndexes().job(id).document();
    }

    @Override
    public java.util.List<io.lakehub.app.api.document.TrialDocument> indexTrials(String name) {
        hubIndexes().get(name);
        return catalog.tuningJournal().trials(name).stream()
                .map(io.lakehub.app.vector.HubTuning::document)
                .toList();
    }

    @Override
    public String searchIndexJson(String name, io.lakehub.app.api.document.IndexSearchRequest request) {
        return io.lakehub.app.api.document.Json.write(
                hubIndexes().search(io.lakehub.app.security.Caller.ANONYMOUS, name, request));
    }

    /** Erasures (ADR 0031) through this service, opened on first use. */
    /**
     * How this access rebuilds a dataset's Iceberg table (ADR 0039); without it {@link #rebuildIceberg}
     * is refused.
     */
    public LocalHubApi withIceberg(
            java.util.function.Function<DatasetName, io.lakehub.app.iceberg.IcebergRebuild> iceberg) {
        this.iceberg = iceberg;
        return this;
    }

    private java.util.function.Function<DatasetName, io.lakehub.app.iceberg.IcebergRebuild> iceberg;

    @Override
    public io.lakehub.app.iceberg.IcebergRebuild rebuildIceberg(String name) {
        DatasetName dataset = DatasetName.of(name);
        if (catalog.dataset(dataset).isEmpty()) {
            throw new UnknownDatasetException(name);
        }
        if (iceberg == null) {
            throw new InvalidRequestException("Iceberg tables are off here (lakehub.iceberg.enabled=false).");
        }
        return iceberg.apply(dataset);
    }

    public LocalHubApi withErasures(Supplier<io.lakehub.app.erasure.ErasureService> erasures) {
        this.erasures = erasures;
        return this;
    }

    private io.lakehub.app.erasure.ErasureService erasureService() {
        Supplier<io.lakehub.app.erasure.ErasureService> supplier = erasures;
        io.lakehub.app.erasure.ErasureService service = supplier == null ? null : supplier.get();
        if (service == null) {
            throw new InvalidRequestException("Erasures are not available here.");
        }
        return service;
    }

    @Override
    public io.lakehub.app.api.document.ErasureDocument erase(
            String dataset, io.lakehub.app.api.document.ErasureApiRequest request) {
        return erasureService().request(dataset, request, actor);
    }

    @Override
    public io.lakehub.app.api.document.ErasureDocument erasure(String dataset, long id) {
        return erasureService().get(dataset, id);
    }

    @Override
    public io.lakehub.app.api.document.ErasureVerificationDocument verifyErasure(
            String dataset, io.lakehub.app.api.document.ErasureVerifyRequest request) {
        if (request == null) {
            throw new InvalidRequestException("No value given: send {\"value\": \"...\"}.");
        }
        return erasureService().verify(dataset, request.value(), request.keyColumn());
    }

    /**
     * Gives this access the hub's jobs, opened on first use (a CLI command opens a scheduler on the
     * catalog database only when it needs one). Returns this.
     */
    public LocalHubApi withJobs(Supplier<? extends JobOperations> jobs) {
        this.jobs = jobs;
        return this;
    }

    @Override
    public List<io.lakehub.app.api.document.JobDocument> jobs() {
        return jobOperations().jobs();
    }

    @Override
    public io.lakehub.app.api.document.RunDocument runJob(String id, String kind) {
        if (id == null || id.isBlank()) {
            throw new InvalidRequestException("No job id given.");
        }
        return jobOperations().runJob(id, kind);
    }

    private JobOperations jobOperations() {
        Supplier<? extends JobOperations> supplier = jobs;
        if (supplier == null) {
            throw new IllegalStateException("This access to the hub was opened without its jobs.");
        }
        return supplier.get();
    }
}
