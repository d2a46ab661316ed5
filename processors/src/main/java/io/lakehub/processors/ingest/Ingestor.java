package io.lakehub.processors.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DuplicateCommitException;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.IncompatibleSchemaException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.schema.SchemaEvolution;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.parquet.ParquetFormat;
import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.NewColumnException;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.TypeInference;
import io.lakehub.processors.read.ValueMismatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one file into one dataset: read, merge the schema, write Parquet, commit.
 *
 * <ol>
 *   <li>The reader ({@link BatchReaders#forFile}) opens the file and infers its schema from a sample.
 *   <li>That schema is merged into the dataset's ({@link SchemaEvolution#merge}); the file is read
 *       in the merged types of its columns (a column the dataset holds as BIGINT is read as BIGINT
 *       even where the file looks like INT). Files hold only the source's columns; columns of the
 *       dataset the source lacks are null for these rows by the dataset's schema.
 *   <li>Batches stream through an {@link IngestPipeline}: this thread parses, {@link
 *       IngestSettings#writerThreads()} threads encode row groups into Parquet in parallel, in
 *       source order, rolling files at {@link IngestSettings#targetFileSizeBytes()}.
 *   <li>A value past the sample that does not fit its column ({@link ValueMismatchException}) drops
 *       the files written so far, widens that column (INT to BIGINT to DOUBLE, DATE to TIMESTAMP,
 *       else STRING) and reads the file again, at most {@link IngestSettings#maxRestarts()} times. A
 *       column typed by a type override is not widened: the value is refused.
 *   <li>At the end the content hash is known. <b>Duplicates are detected after writing</b>: the hash
 *       is computed while streaming, so a first delivery, the common case, reads the file once; a
 *       re-delivered file costs a full read and its files are deleted again. If the dataset already
 *       holds a commit of the same bytes, the result is {@link IngestResult.Outcome#DUPLICATE} and
 *       the audit journal gets {@code ingest.duplicate}.
 *   <li>Otherwise one catalog commit records the files, the schema change, lineage (source URI with
 *       credentials redacted) and its audit event.
 * </ol>
 *
 * <p>A source that cannot be ingested (unreadable, ragged, undecodable, incompatible with the
 * dataset's schema) is refused: every file written for it is deleted, {@code ingest.refused} is
 * appended to the audit journal (source and reason, never a value), and {@link
 * IngestRefusedException} says why in one line naming the file, line and column. Failures of the
 * catalog or the disk are not refusals (the source may be fine): they propagate, also after
 * deleting the files. Nothing half-written remains in the lake in any case.
 *
 * <p>Thread-safe: concurrent ingests each use their own threads and files; the catalog serialises
 * commits.
 */
public final class Ingestor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final IngestSettings settings;
    private final BufferAllocator allocator = new RootAllocator();

    public Ingestor(Catalog catalog, IngestSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /**
     * Ingests {@code request.file()} into {@code request.dataset()}.
     *
     * @throws IngestRefusedException the source was refused; nothing was written
     */
    public IngestResult ingest(IngestRequest request) {
        DatasetName dataset = request.dataset();
        String source = Redaction.redactUri(
                request.sourceUri() != null
                        ? request.sourceUri()
                        : request.file().toString());
        ReadOptions options = request.options() == null ? ReadOptions.detect() : request.options();
        if (options.batchRows() == 0 && settings.batchRows() > 0) {
            options = new ReadOptions(
                    options.format(),
                    options.delimiter(),
                    options.quote(),
                    options.charset(),
                    options.header(),
                    options.typeOverrides(),
                    settings.batchRows());
        }
        Map<String, LakeType> widened = new HashMap<>();
        // Keys a JSON source revealed after its inference sample: read again with them declared.
        // Kept apart from the user's overrides, which are never widened.
        Map<String, LakeType> learned = new HashMap<>();
        ValueMismatchException lastMismatch = null;
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(request, withLearned(options, learned), source, widened);
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
            } catch (IncompatibleSchemaException e) {
                String where = lastMismatch != null && e.column().equals(lastMismatch.column())
                        ? request.file() + ": line " + lastMismatch.line() + ": "
                        : request.file() + ": ";
                throw refuse(request, source, e, where + e.getMessage());
            }
        }
    }

    private IngestResult attempt(
            IngestRequest request, ReadOptions options, String source, Map<String, LakeType> widened) {
        DatasetName dataset = request.dataset();
        try (BatchReader reader = BatchReaders.forFile(request.file(), options)) {
            reader.open();
            LakeSchema incoming = widen(reader.schema(), widened);
            LakeSchema current =
                    catalog.dataset(dataset).map(DatasetInfo::schema).orElse(null);
            SchemaEvolution evolution =
                    SchemaEvolution.merge(dataset.value(), current, incoming, request.widenToString());
            LakeSchema fileSchema = typesFrom(evolution.schema(), incoming);
            reader.readAs(fileSchema);

            ParquetFormat format = new ParquetFormat(fileSchema, settings.parquet());
            try (IngestPipeline pipeline = new IngestPipeline(
                    format,
                    ArrowSchemas.toArrow(fileSchema),
                    catalog.lakeRoot(),
                    catalog.datasetDir(dataset),
                    settings.targetFileSizeBytes(),
                    settings.writerThreads(),
                    poolSize(reader.batchRows()),
                    allocator.newChildAllocator("ingest-" + UUID.randomUUID(), 0, Long.MAX_VALUE))) {
                List<NewDataFile> files = pipeline.run(reader);
                String hash = reader.contentHash();
                long rows = reader.rowsRead();

                Optional<LineageRecord> earlier = catalog.findByContentHash(dataset, hash);
                if (earlier.isPresent()) {
                    // The pipeline's close() deletes the files: this content is in the dataset already.
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
                            List.of());
                }
                if (files.isEmpty()) {
                    throw new ReadFailedException(
                            request.file() + ": has no rows; there is nothing to ingest", 0, null);
                }
                Lineage lineage = new Lineage(request.sourceSystem(), source, request.pipeline(), hash);
                // From here on the catalog owns the files: it deletes them when a commit certainly
                // failed and keeps them when it cannot tell whether the commit landed (the orphan
                // sweep removes them if it did not). Deleting them here could leave a committed
                // snapshot without its files.
                pipeline.committed();
                Snapshot snapshot;
                try {
                    snapshot = catalog.commit(CommitRequest.append(
                            dataset, evolution.schema(), evolution.changes(), files, lineage, request.actor()));
                } catch (DuplicateCommitException e) {
                    // Another delivery of the same bytes committed between our check and our commit;
                    // the catalog refused ours inside the dataset lock and deleted its files.
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
                            List.of());
                }
                return new IngestResult(
                        IngestResult.Outcome.COMMITTED,
                        dataset.value(),
                        snapshot.id(),
                        rows,
                        files.stream().map(NewDataFile::relativePath).toList(),
                        hash,
                        evolution.changes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehubException("The ingest of " + source + " was interrupted; nothing was written.", e);
        }
    }

    private static ReadOptions withLearned(ReadOptions options, Map<String, LakeType> learned) {
        if (learned.isEmpty()) {
            return options;
        }
        Map<String, LakeType> overrides = new HashMap<>(learned);
        overrides.putAll(options.typeOverrides());
        return new ReadOptions(
                options.format(),
                options.delimiter(),
                options.quote(),
                options.charset(),
                options.header(),
                overrides,
                options.batchRows());
    }

    /** Batches in flight: enough for every writer to hold a row group's worth while the reader fills more. */
    private int poolSize(int batchRows) {
        long perGroup = Math.max(1, (settings.parquet().rowGroupRows() + batchRows - 1) / batchRows);
        long size = settings.writerThreads() * Math.min(perGroup, 4) + 2;
        return (int) Math.min(size, 16);
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
