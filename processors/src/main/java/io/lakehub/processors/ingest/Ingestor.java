package io.lakehub.processors.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.schema.IncompatibleSchemaException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.schema.SchemaEvolution;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.KeyComparingSource;
import io.lakehub.processors.chain.KeyComparison;
import io.lakehub.processors.chain.ParquetSink;
import io.lakehub.processors.chain.StepChain;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.chain.StepRefusedException;
import io.lakehub.processors.chain.StepReport;
import io.lakehub.processors.governance.PiiGovernance;
import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.NewColumnException;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.TypeInference;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one source into one dataset through the processor chain: <b>source → steps → sink →
 * commit</b>. Every entry (inbox, pipelines, CLI, HTTP) goes through here.
 *
 * <ol>
 *   <li>The source opens: a file through its format's reader ({@link BatchReaders#forFile}, which
 *       infers the schema from a sample; read options the request leaves unset come from the
 *       per-dataset settings this ingestor was given), or the request's {@link BatchSource}.
 *   <li>Without steps, the source's schema is merged into the dataset's ({@link
 *       SchemaEvolution#merge}) and the source is read in the merged types of its columns (a column
 *       the dataset holds as BIGINT is read as BIGINT even where the file looks like INT). With
 *       steps, source columns the dataset holds under the same name are read in the dataset's type
 *       where that merge is possible, the steps declare their output ({@link StepChain#prepare}),
 *       and that output is what is merged into the dataset's schema. Columns of the dataset the
 *       batches lack are null for these rows.
 *   <li>The {@link CommitPlanner} checks the request (mode, key) before anything is read.
 *   <li>Batches stream through the steps (on this thread) into a {@link ParquetSink}: {@link
 *       IngestSettings#writerThreads()} threads encode row groups into Parquet in parallel, in
 *       source order, rolling files at {@link IngestSettings#targetFileSizeBytes()}.
 *   <li>A value past the sample that does not fit its column ({@link ValueMismatchException}) drops
 *       the files written so far, widens that column (INT to BIGINT to DOUBLE, DATE to TIMESTAMP,
 *       else STRING) and reads the source again with fresh steps, at most {@link
 *       IngestSettings#maxRestarts()} times. A column typed by a type override is not widened: the
 *       value is refused.
 *   <li>At the end the source's position is known (for a file its content hash). <b>Duplicates are
 *       detected after writing</b>: the hash is computed while streaming, so a first delivery, the
 *       common case, reads the file once; a re-delivered file costs a full read and its files are
 *       deleted again. If the dataset already holds a commit of the same bytes, the result is {@link
 *       IngestResult.Outcome#DUPLICATE} and the audit journal gets {@code ingest.duplicate}.
 *   <li>An upsert from a {@link KeyComparingSource} whose key comparison is due lists every key of
 *       the source after its rows, into Parquet files that are never committed (deleted when the
 *       ingest ends); the planner hides the dataset's keys absent from them and commits the
 *       comparison's properties, also when no row changed (ADR 0010).
 *   <li>Otherwise the planner builds one catalog commit: the files, the schema change, lineage
 *       (source URI with credentials redacted), the snapshot properties (the request's, the
 *       source's position, the steps' reports as {@code step.<name>.<key>}) and its audit event,
 *       all in one transaction. A restarted source reads its committed position back with {@link
 *       Catalog#sourcePosition}.
 * </ol>
 *
 * <p><b>Bad rows</b> (a row the reader cannot read: wrong number of fields, an NDJSON line that is not
 * an object) follow the {@link BadRowPolicy} of the request, else of the dataset, else {@link
 * BadRowPolicy#DEFAULT}: {@code fail} refuses the file; {@code skip} leaves them out; {@code rejects}
 * commits them, after the data, into {@code <dataset>__rejects} through another Parquet sink, with
 * the same content hash in lineage, so a re-delivery after a stop between the two commits adds the
 * rejects exactly once (ADR 0014). More bad rows than the policy's limit refuse the file. <b>A file
 * without rows</b> is a success: a new dataset is created with its columns (one Parquet file without
 * rows), an existing one is left unchanged, and a file of 0 bytes creates nothing ({@link
 * IngestResult.Outcome#EMPTY}).
 *
 * <p>A source that cannot be ingested (unreadable, ragged, undecodable, incompatible with the
 * dataset's schema, refused by a step or by the planner) is refused: every file written for it is
 * deleted, {@code ingest.refused} is appended to the audit journal (source and reason, never a
 * value), and {@link IngestRefusedException} says why in one line naming the file, line, column or
 * step. Failures of the catalog or the disk are not refusals (the source may be fine): they
 * propagate, also after deleting the files. Nothing half-written remains in the lake in any case.
 *
 * <p>Thread-safe: concurrent ingests each use their own threads and files; the catalog serialises
 * commits.
 */
public final class Ingestor implements IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names the attempts' allocators apart (a counter: a random UUID per commit costs the secure random). */
    private static final java.util.concurrent.atomic.AtomicLong ATTEMPTS = new java.util.concurrent.atomic.AtomicLong();
    /** The position key of a file: its content hash, the key of duplicate detection. */
    public static final String CONTENT_HASH = "source.contentHash";
    /** Snapshot property of a commit whose bad rows went to a rejects dataset: that dataset's name. */
    public static final String REJECTS_DATASET = "rejects.dataset";
    /** Snapshot property of a rejects commit: the dataset whose source the rows were rejected from. */
    public static final String REJECTS_OF = "rejects.of";

    private final Catalog catalog;
    private final IngestSettings settings;
    private final Function<DatasetName, ReadOptions> datasetOptions;
    private final Function<DatasetName, BadRowPolicy> datasetBadRows;
    private final CommitPlanner planner;
    private final BufferAllocator allocator = new RootAllocator();

    /** Appends only; no per-dataset read settings. */
    /** The PII step per ingest; set once at start-up by {@link #governedBy}. */
    private volatile PiiGovernance governance = PiiGovernance.OFF;

    public Ingestor(Catalog catalog, IngestSettings settings) {
        this(catalog, settings, dataset -> null, CommitPlanner.append());
    }

    /**
     * @param datasetOptions read settings per dataset ({@code lakehub.datasets.*}), or {@code null} for
     *     a dataset without any: a request's own options win, field by field ({@link
     *     ReadOptions#orElse})
     * @param planner builds each commit; {@link CommitPlanner#append()} refuses upserts
     */
    public Ingestor(
            Catalog catalog,
            IngestSettings settings,
            Function<DatasetName, ReadOptions> datasetOptions,
            CommitPlanner planner) {
        this(catalog, settings, datasetOptions, dataset -> null, planner);
    }

    /**
     * @param datasetBadRows {@code on_bad_rows} settings per dataset ({@code lakehub.datasets.*}), or
     *     {@code null} for a dataset without any: a request's own policy wins, part by part ({@link
     *     BadRowPolicy#orElse}), then {@link BadRowPolicy#DEFAULT}
     */
    public Ingestor(
            Catalog catalog,
            IngestSettings settings,
            Function<DatasetName, ReadOptions> datasetOptions,
            Function<DatasetName, BadRowPolicy> datasetBadRows,
            CommitPlanner planner) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.datasetOptions = Objects.requireNonNull(datasetOptions, "datasetOptions");
        this.datasetBadRows = Objects.requireNonNull(datasetBadRows, "datasetBadRows");
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /**
     * Runs the request's file or source through its steps into its dataset.
     *
     * @throws IngestRefusedException the source was refused; nothing was written
     */
    @Override
    public IngestResult ingest(IngestRequest request) {
        DatasetName dataset = request.dataset();
        String source = Redaction.redactUri(request.describeSource());
        ReadOptions options = readOptions(request);
        BadRowPolicy badRows =
                request.badRows().orElse(datasetBadRows.apply(dataset)).resolved();
        if (request.file() != null && isEmptyFile(request.file())) {
            return emptyFile(request, source, "the file is empty (0 bytes)");
        }
        Map<String, LakeType> widened = new HashMap<>();
        // Keys a JSON source revealed after its inference sample: read again with them declared.
        // Kept apart from the user's overrides, which are never widened.
        Map<String, LakeType> learned = new HashMap<>();
        ValueMismatchException lastMismatch = null;
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(request, withLearned(options, learned), badRows, source, widened);
            } catch (NewColumnException e) {
                if (attempt >= settings.maxRestarts() || learned.containsKey(e.key())) {
                    throw refuse(request, source, e, withNothingWritten(e.getMessage()));
                }
                learned.put(e.key(), e.suggested());
                LOG.info(
                        "Re-reading {} for dataset {}: key '{}' appeared after the inference sample (line {})",
                        source,
                        dataset,
                        e.key(),
                        e.line());
            } catch (ValueMismatchException e) {
                if (options.typeOverrides().containsKey(e.column())) {
                    throw refuse(
                            request,
                            source,
                            e,
                            e.getMessage() + ", and its type was set by a type override,"
                                    + " so it is not widened. Nothing was written.");
                }
                if (attempt >= settings.maxRestarts()) {
                    throw refuse(
                            request,
                            source,
                            e,
                            e.getMessage() + "; the column was widened " + attempt
                                    + " times already, the limit. Nothing was written.");
                }
                widened.merge(e.column(), e.suggested(), TypeInference::union);
                lastMismatch = e;
                LOG.info(
                        "Re-reading {} for dataset {}: column '{}' widened to {} (line {})",
                        source,
                        dataset,
                        e.column(),
                        widened.get(e.column()).displayName(),
                        e.line());
            } catch (ReadFailedException e) {
                throw refuse(request, source, e, withNothingWritten(e.getMessage()));
            } catch (StepRefusedException e) {
                throw refuse(request, source, e, withNothingWritten(source + ": " + e.getMessage()));
            } catch (IngestRefusedException e) {
                throw refuse(request, source, e, e.getMessage());
            } catch (IncompatibleSchemaException e) {
                String where = lastMismatch != null && e.column().equals(lastMismatch.column())
                        ? source + ": line " + lastMismatch.line() + ": "
                        : source + ": ";
                throw refuse(request, source, e, where + e.getMessage());
            }
        }
    }

    /** The request's read options over the dataset's configured ones, with the configured batch size. */
    private ReadOptions readOptions(IngestRequest request) {
        ReadOptions given = request.options() == null ? ReadOptions.detect() : request.options();
        ReadOptions configured = datasetOptions.apply(request.dataset());
        ReadOptions options = configured == null ? given : given.orElse(configured);
        if (options.batchRows() == 0 && settings.batchRows() > 0) {
            options = options.withBatchRows(settings.batchRows());
        }
        return options;
    }

    private BatchSource openSource(IngestRequest request, ReadOptions options) {
        return request.file() != null ? BatchReaders.forFile(request.file(), options) : request.source();
    }

    private IngestResult attempt(
            IngestRequest request,
            ReadOptions options,
            BadRowPolicy badRowPolicy,
            String source,
            Map<String, LakeType> widened) {
        DatasetName dataset = request.dataset();
        try (BufferAllocator memory =
                        allocator.newChildAllocator("ingest-" + ATTEMPTS.incrementAndGet(), 0, Long.MAX_VALUE);
                BatchSource reader = openSource(request, options);
                StepChain steps = StepChain.of(chainOf(request), dataset, request.pipeline(), memory)) {
            BadRows bad = null;
            if (badRowPolicy.action() != BadRowPolicy.Action.FAIL && reader instanceof BatchReader file) {
                bad = new BadRows(source, dataset, badRowPolicy, reader::rowsRead);
                file.onBadRows(bad);
            }
            reader.open();
            LakeSchema incoming = widen(reader.schema(), widened);
            // Read once per attempt: the planner's check and the sink's field ids use it too.
            Optional<DatasetInfo> info = catalog.dataset(dataset);
            LakeSchema current = info.map(DatasetInfo::schema).orElse(null);
            SchemaEvolution evolution;
            LakeSchema readSchema;
            LakeSchema output;
            if (steps.isEmpty()) {
                evolution = SchemaEvolution.merge(dataset.value(), current, incoming, request.widenToString());
                readSchema = typesFrom(evolution.schema(), incoming);
                reader.readAs(readSchema);
                output = readSchema;
            } else {
                readSchema = datasetTypesWherePossible(dataset, current, incoming, request.widenToString());
                reader.readAs(readSchema);
                output = steps.prepare(readSchema);
                evolution = SchemaEvolution.merge(dataset.value(), current, output, request.widenToString());
            }
            planner.check(request, output, info);

            try (ParquetSink sink = new ParquetSink(
                            catalog,
                            dataset,
                            current,
                            output,
                            settings.parquet(),
                            settings.targetFileSizeBytes(),
                            settings.writerThreads(),
                            reader.batchRows(),
                            memory);
                    SourceKeyFiles keys = new SourceKeyFiles();
                    Diversions diversions = new Diversions()) {
                List<NewDataFile> files = sink.write(IngestProgress.reporting(reader), steps, readSchema);
                if (bad != null) {
                    bad.checkTotal(reader.rowsRead());
                }
                Map<String, StepReport> reports = steps.finish();
                Map<String, String> position = new LinkedHashMap<>(reader.position());
                if (reader instanceof KeyComparingSource comparing && request.mode() == IngestMode.UPSERT) {
                    // After the rows: a key read as a row is listed too (unless deleted in between).
                    // Only upserts hide keys; the configuration refuses compare-keys without mode: upsert.
                    Optional<KeyComparison> comparison = comparing.keyComparison();
                    if (comparison.isPresent()) {
                        keys.write(comparison.get().keys(), dataset, request.pipeline(), memory);
                        position.putAll(comparison.get().properties());
                    }
                }
                String hash = reader instanceof BatchReader file ? file.contentHash() : position.get(CONTENT_HASH);
                long rows = reader.rowsRead();

                if (hash != null) {
                    Optional<LineageRecord> earlier = catalog.findByContentHash(dataset, hash);
                    if (earlier.isPresent()) {
                        // The sink's close() deletes the files: this content is in the dataset already.
                        // Its rejects may not be, if the hub stopped between the two commits (ADR 0014).
                        DatasetName rejects = rejectsAfter(
                                request,
                                source,
                                hash,
                                bad,
                                memory,
                                earlier.get().snapshotId(),
                                "were");
                        audit(
                                request,
                                "ingest.duplicate",
                                details(source)
                                        .put("contentHash", hash)
                                        .put("earlierSnapshot", earlier.get().snapshotId()));
                        return new IngestResult(
                                IngestResult.Outcome.DUPLICATE,
                                dataset.value(),
                                earlier.get().snapshotId(),
                                earlier.get().rowCount(),
                                List.of(),
                                hash,
                                List.of(),
                                badRowCount(bad),
                                rejects == null ? null : rejects.value(),
                                null);
                    }
                }
                boolean zeroRowFile = false;
                if (files.isEmpty() && !keys.compared && request.file() != null && rows == 0) {
                    if (output.fields().isEmpty()) {
                        // A BOM, blank lines or comments only, an empty JSON array: no columns either.
                        return emptyFile(request, source, "the file has no rows and no columns");
                    }
                    if (current != null) {
                        // The dataset exists: nothing to add. Its rejects (every row bad) still land.
                        DatasetName rejects = rejectsAfter(request, source, hash, bad, memory, 0, "has none");
                        LOG.info("{} has no rows; dataset {} is unchanged", source, dataset);
                        return new IngestResult(
                                IngestResult.Outcome.EMPTY,
                                dataset.value(),
                                catalog.dataset(dataset)
                                        .map(DatasetInfo::currentSnapshotId)
                                        .orElse(0L),
                                0,
                                List.of(),
                                hash,
                                List.of(),
                                badRowCount(bad),
                                rejects == null ? null : rejects.value(),
                                "the file has no rows; the dataset is unchanged");
                    }
                    // A new dataset: one Parquet file without rows gives it the file's columns, which SQL
                    // can query at once, and lineage records the content hash, so a re-delivery of the
                    // same empty export is a duplicate.
                    files = List.of(sink.writeEmptyFile());
                    zeroRowFile = true;
                }
                boolean heldBack = !steps.diverting().isEmpty();
                if (files.isEmpty() && !keys.compared && heldBack) {
                    // A policy held every row back (quarantine): the dataset's commit carries the held rows
                    // as its companion, with one file without rows (it creates the dataset's columns).
                    files = List.of(sink.writeEmptyFile());
                }
                if (files.isEmpty() && !keys.compared) {
                    // A source with nothing new (a poll without changes) or steps that dropped every
                    // row: nothing to commit, and the position stays where it was committed.
                    LOG.info(
                            "Nothing to commit from {} into dataset {}: {} rows read, none reached the sink",
                            source,
                            dataset,
                            rows);
                    return new IngestResult(
                            IngestResult.Outcome.EMPTY,
                            dataset.value(),
                            catalog.dataset(dataset)
                                    .map(DatasetInfo::currentSnapshotId)
                                    .orElse(0L),
                            rows,
                            List.of(),
                            hash,
                            List.of());
                }
                Lineage lineage = new Lineage(request.sourceSystem(), source, request.pipeline(), hash);
                Map<String, String> properties = new LinkedHashMap<>(request.snapshotProperties());
                properties.putAll(position);
                properties.putAll(reader.facts());
                properties.putAll(StepChain.properties(reports));
                if (bad != null && !bad.kept().isEmpty()) {
                    properties.put(REJECTS_DATASET, bad.rejectsDataset().value());
                }
                // Rows a policy held back (quarantine) land in their companion in the same transaction.
                CommitRequest companion = heldBack
                        ? diversions.write(catalog, settings, steps, dataset, lineage, request.actor(), memory)
                        : null;
                if (companion != null) {
                    properties.put(
                            Diversions.QUARANTINE_DATASET, companion.dataset().value());
                }
                CommitDraft draft = new CommitDraft(
                        request,
                        evolution.schema(),
                        output,
                        evolution.changes(),
                        files,
                        lineage,
                        properties,
                        keys.compared,
                        keys.files);
                // A file without rows too: one file without rows, planned like any (an upsert plans a merge
                // that changes nothing but creates the dataset with its key).
                CommitRequest commit = planner.commitRequest(draft)
                        .withIdempotency(request.idempotency())
                        .withCompanion(companion);
                Map<String, String> expected = reader.expectedPositions();
                if (!expected.isEmpty()) {
                    commit = commit.withExpectedPositions(expected);
                }
                Snapshot snapshot;
                try {
                    // From here on the catalog owns the files: it deletes them when a commit certainly
                    // failed and keeps them when it cannot tell whether the commit landed (the orphan
                    // sweep removes them if it did not). Deleting them here could leave a committed
                    // snapshot without its files. A merge planned against a snapshot that is no longer
                    // current keeps its files: the planner plans it again (or deletes them, giving up).
                    diversions.handOver();
                    for (int refusals = 1; ; refusals++) {
                        try {
                            snapshot = sink.commit(commit);
                            break;
                        } catch (StaleParentException e) {
                            commit = planner.replan(draft, commit, e, refusals)
                                    .withIdempotency(request.idempotency())
                                    .withCompanion(companion);
                            if (!expected.isEmpty()) {
                                commit = commit.withExpectedPositions(expected);
                            }
                        }
                    }
                } catch (DuplicateCommitException e) {
                    // Another delivery of the same bytes committed between our check and our commit;
                    // the catalog refused ours inside the dataset lock and deleted its files.
                    DatasetName rejects =
                            rejectsAfter(request, source, hash, bad, memory, e.earlierSnapshotId(), "were");
                    audit(
                            request,
                            "ingest.duplicate",
                            details(source).put("contentHash", hash).put("earlierSnapshot", e.earlierSnapshotId()));
                    return new IngestResult(
                            IngestResult.Outcome.DUPLICATE,
                            dataset.value(),
                            e.earlierSnapshotId(),
                            rows,
                            List.of(),
                            hash,
                            List.of(),
                            badRowCount(bad),
                            rejects == null ? null : rejects.value(),
                            null);
                }
                // The data is committed; its rejects follow in a second commit, idempotent by the
                // source's content hash: if the hub stops in between, a re-delivery is a duplicate of
                // the data and commits the rejects then (ADR 0014).
                DatasetName rejects = rejectsAfter(request, source, hash, bad, memory, snapshot.id(), "were");
                if (bad != null && bad.count() > 0) {
                    LOG.info(
                            "{} into dataset {}: {} bad rows {}",
                            source,
                            dataset,
                            bad.count(),
                            rejects == null ? "skipped" : "kept in " + rejects);
                }
                return new IngestResult(
                        IngestResult.Outcome.COMMITTED,
                        dataset.value(),
                        snapshot.id(),
                        rows,
                        files.stream().map(NewDataFile::relativePath).toList(),
                        hash,
                        evolution.changes(),
                        badRowCount(bad),
                        rejects == null ? null : rejects.value(),
                        withQuarantine(
                                zeroRowFile
                                        ? "the file has no rows; the dataset was created with its columns"
                                        : readNote(reader.facts()),
                                companion));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehubException("The ingest of " + source + " was interrupted; nothing was written.", e);
        }
    }

    /** {@code note} plus, when rows were held back, how many and where they went. */
    static String withQuarantine(String note, CommitRequest companion) {
        if (companion == null) {
            return note;
        }
        long rows = companion.added().stream().mapToLong(NewDataFile::rowCount).sum();
        String held = rows + (rows == 1 ? " row" : " rows") + " with PII in a quarantined column went to "
                + companion.dataset() + " instead (same commit)";
        return note == null ? held : note + "; " + held;
    }

    /**
     * What a user should know about how the reader read the file, from its facts: a file read as one
     * column because no delimiter splits its lines consistently, header names cleaned of control
     * characters; {@code null} when nothing.
     */
    static String readNote(Map<String, String> facts) {
        List<String> notes = new ArrayList<>();
        if (facts.containsKey("read.singleColumn")) {
            notes.add("no delimiter splits the file's lines into consistent columns: it was read as one column,"
                    + " each line one value (read.singleColumn)");
        }
        String cleaned = facts.get("read.columnNamesCleaned");
        if (cleaned != null) {
            notes.add(cleaned + " header name(s) held control characters, dropped (NUL) or made spaces"
                    + " (read.columnNamesCleaned)");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    /**
     * Commits the rows {@code bad} kept into {@code <dataset>__rejects}, through a Parquet sink like
     * any rows, with the source's content hash in lineage: a rejects commit of the same bytes already
     * there (an earlier delivery) is left alone, so each bad row lands exactly once.
     *
     * @return the rejects dataset, or {@code null} when there was nothing to reject
     */
    private DatasetName commitRejects(
            IngestRequest request, String source, String hash, BadRows bad, BufferAllocator memory)
            throws InterruptedException {
        if (bad == null || bad.kept().isEmpty()) {
            return null;
        }
        DatasetName rejects = bad.rejectsDataset();
        if (hash != null && catalog.findByContentHash(rejects, hash).isPresent()) {
            return rejects;
        }
        LakeSchema current = catalog.dataset(rejects).map(DatasetInfo::schema).orElse(null);
        SchemaEvolution evolution = SchemaEvolution.merge(rejects.value(), current, RejectsSource.SCHEMA, false);
        try (RejectsSource rows = new RejectsSource(bad.kept(), Instant.now());
                StepChain none = StepChain.of(List.of(), rejects, request.pipeline(), memory);
                ParquetSink sink = new ParquetSink(
                        catalog,
                        rejects,
                        RejectsSource.SCHEMA,
                        settings.parquet(),
                        settings.targetFileSizeBytes(),
                        1,
                        rows.batchRows(),
                        memory)) {
            rows.open();
            List<NewDataFile> files = sink.write(rows, none, RejectsSource.SCHEMA);
            try {
                sink.commit(new CommitRequest(
                        rejects,
                        CommitRequest.Operation.APPEND,
                        evolution.schema(),
                        evolution.changes(),
                        files,
                        List.of(),
                        new Lineage(request.sourceSystem(), source, request.pipeline(), hash),
                        Map.of(REJECTS_OF, request.dataset().value(), "read.badRows", Long.toString(bad.count())),
                        request.actor()));
            } catch (DuplicateCommitException e) {
                // Another delivery of the same bytes committed these rejects first.
                LOG.debug("The rejects of {} were committed by another delivery", source);
            }
        }
        return rejects;
    }

    /**
     * {@link #commitRejects} once the data is in the dataset (committed now, by an earlier delivery,
     * or none): a failure then is not a refusal ("nothing was written" would be false) but says what
     * landed and that a re-delivery adds the rejects. An unreachable catalog stays a {@link
     * CatalogUnavailableException}, so the inbox and pipelines deliver the file again.
     *
     * @param snapshot the data's snapshot, {@code 0} when the data holds none of the file's rows
     * @param state how the message says the good rows are: {@code "were"} (committed) or {@code "has none"}
     */
    private DatasetName rejectsAfter(
            IngestRequest request,
            String source,
            String hash,
            BadRows bad,
            BufferAllocator memory,
            long snapshot,
            String state)
            throws InterruptedException {
        try {
            return commitRejects(request, source, hash, bad, memory);
        } catch (RuntimeException e) {
            String landed = snapshot > 0
                    ? "its rows " + state + " committed to dataset '" + request.dataset() + "' (snapshot " + snapshot
                            + ")"
                    : "it has no rows for dataset '" + request.dataset() + "'";
            String message = source + ": " + landed + ", but its " + bad.count() + " bad "
                    + (bad.count() == 1 ? "row" : "rows") + " could not be committed to '" + bad.rejectsDataset()
                    + "' (" + e.getMessage() + "). Deliver the file again to add them: its rows are then a"
                    + " duplicate and only the bad rows are written.";
            if (e instanceof CatalogUnavailableException) {
                throw new CatalogUnavailableException(message, e);
            }
            throw new LakehubException(message, e);
        }
    }

    private static long badRowCount(BadRows bad) {
        return bad == null ? 0 : bad.count();
    }

    private static boolean isEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            return false; // the reader reports what is wrong with the file
        }
    }

    /**
     * A file without rows and without columns (0 bytes, or only a BOM, blank lines or comments):
     * nothing to create a dataset from. A success with zero rows that writes nothing (a nightly
     * export that found nothing), not a refusal.
     *
     * @param what what the file holds, e.g. "the file is empty (0 bytes)"
     */
    private IngestResult emptyFile(IngestRequest request, String source, String what) {
        DatasetName dataset = request.dataset();
        Optional<DatasetInfo> info = catalog.dataset(dataset);
        String note = info.isPresent()
                ? what + "; the dataset is unchanged"
                : what + ": no columns, so no dataset was created";
        audit(request, "ingest.empty", details(source).put("reason", note));
        LOG.info("{} into dataset {}: {}", source, dataset, note);
        return new IngestResult(
                IngestResult.Outcome.EMPTY,
                dataset.value(),
                info.map(DatasetInfo::currentSnapshotId).orElse(0L),
                0,
                List.of(),
                null,
                List.of(),
                0,
                null,
                note);
    }

    /**
     * The keys a {@link KeyComparingSource} listed, written as Parquet files into the dataset's
     * directory for the planner; never committed: deleted when the ingest ends, whatever happened.
     */
    private final class SourceKeyFiles implements AutoCloseable {
        private ParquetSink sink;
        private boolean compared;
        private List<NewDataFile> files = List.of();

        void write(BatchSource keys, DatasetName dataset, String pipeline, BufferAllocator memory)
                throws InterruptedException {
            try (keys;
                    StepChain none = StepChain.of(List.of(), dataset, pipeline, memory)) {
                keys.open();
                sink = new ParquetSink(
                        catalog,
                        dataset,
                        keys.schema(),
                        settings.parquet(),
                        settings.targetFileSizeBytes(),
                        settings.writerThreads(),
                        keys.batchRows(),
                        memory);
                files = sink.write(keys, none, keys.schema());
                compared = true;
                LOG.debug("Listed {} source keys for dataset {}", keys.rowsRead(), dataset);
            }
        }

        @Override
        public void close() {
            if (sink != null) {
                sink.close();
            }
        }
    }

    /** The request's declared steps, the PII step ({@link #governedBy}), then the ones its planner needs. */
    private List<StepDefinition> chainOf(IngestRequest request) {
        List<StepDefinition> internal = planner.internalSteps(request);
        Optional<StepDefinition> pii = governance.stepFor(request.pipeline());
        if (internal.isEmpty() && pii.isEmpty()) {
            return request.steps();
        }
        List<StepDefinition> all = new ArrayList<>(request.steps());
        pii.ifPresent(all::add);
        all.addAll(internal);
        return all;
    }

    /**
     * Scans every ingest and applies its pipeline's PII policies (ADR 0029) with {@code pii}; the
     * app sets this once at start-up (without it, no scan). Returns this ingestor.
     */
    public Ingestor governedBy(PiiGovernance pii) {
        this.governance = Objects.requireNonNull(pii, "pii");
        return this;
    }

    /**
     * With steps: the source's columns, with the dataset's type for each column the dataset holds
     * under the same name where the two merge (a column a step renames or drops may not merge; the
     * merge of the chain's output decides then).
     */
    private static LakeSchema datasetTypesWherePossible(
            DatasetName dataset, LakeSchema current, LakeSchema incoming, boolean widenToString) {
        if (current == null) {
            return incoming;
        }
        List<LakeField> fields = new ArrayList<>(incoming.size());
        for (LakeField f : incoming.fields()) {
            LakeField typed = f;
            Optional<LakeField> existing = current.field(f.name());
            if (existing.isPresent()) {
                try {
                    LakeField merged = SchemaEvolution.merge(
                                    dataset.value(),
                                    LakeSchema.of(existing.get()),
                                    LakeSchema.of(
                                            f.withName(existing.get().name()).withNullable(true)),
                                    widenToString)
                            .schema()
                            .fields()
                            .getFirst();
                    typed = f.withTypeOf(merged);
                } catch (IncompatibleSchemaException e) {
                    // Kept as read: if the column reaches the sink, the output's merge refuses it.
                }
            }
            fields.add(typed.withNullable(true));
        }
        return new LakeSchema(fields);
    }

    private static ReadOptions withLearned(ReadOptions options, Map<String, LakeType> learned) {
        if (learned.isEmpty()) {
            return options;
        }
        Map<String, LakeType> overrides = new HashMap<>(learned);
        overrides.putAll(options.typeOverrides());
        return options.withTypeOverrides(overrides);
    }

    private static LakeSchema widen(LakeSchema schema, Map<String, LakeType> widened) {
        if (widened.isEmpty()) {
            return schema;
        }
        List<LakeField> fields = new ArrayList<>(schema.size());
        for (LakeField f : schema.fields()) {
            LakeType w = widened.get(f.name());
            fields.add(w == null ? f : new LakeField(f.name(), TypeInference.union(f.type(), w), f.nullable()));
        }
        return new LakeSchema(fields);
    }

    /** The source's columns, in its order, with the merged dataset's types. */
    private static LakeSchema typesFrom(LakeSchema merged, LakeSchema incoming) {
        List<LakeField> fields = new ArrayList<>(incoming.size());
        for (LakeField f : incoming.fields()) {
            // The whole merged type: a decimal's precision and scale, a list's element type.
            LakeField typed = merged.field(f.name()).map(f::withTypeOf).orElse(f);
            fields.add(typed.withNullable(true));
        }
        return new LakeSchema(fields);
    }

    private static String withNothingWritten(String message) {
        String m = message.endsWith(".") ? message : message + ".";
        return m.endsWith("Nothing was written.") ? m : m + " Nothing was written.";
    }

    private IngestRefusedException refuse(IngestRequest request, String source, Exception cause, String reason) {
        IngestRefusedException refusal = new IngestRefusedException(reason, cause);
        try {
            ObjectNode details = details(source).put("reason", reason);
            if (cause instanceof ReadFailedException r) {
                if (r.line() > 0) {
                    details.put("line", r.line());
                }
                if (r.column() != null) {
                    details.put("column", r.column());
                }
            } else if (cause instanceof IncompatibleSchemaException i) {
                details.put("column", i.column());
            }
            audit(request, "ingest.refused", details);
        } catch (RuntimeException e) {
            refusal.addSuppressed(e);
        }
        LOG.info("Refused {} for dataset {}: {}", source, request.dataset(), reason);
        return refusal;
    }

    private static ObjectNode details(String source) {
        return JSON.createObjectNode().put("source", source);
    }

    private void audit(IngestRequest request, String action, ObjectNode details) {
        catalog.audit()
                .append(new AuditEntry(request.actor(), action, "dataset:" + request.dataset(), details.toString()));
    }

    @Override
    public void close() {
        allocator.close();
    }
}
