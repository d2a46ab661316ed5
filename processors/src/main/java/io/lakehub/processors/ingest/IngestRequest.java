package io.lakehub.processors.ingest;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.StepChain;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One source into one dataset, through the chain: the source (a file, read by the format's reader, or
 * any {@link BatchSource}), the pipeline's steps, the Parquet sink, one commit. Build with {@link
 * #builder(DatasetName)}.
 *
 * @param file the file to read, or {@code null} when {@code source} is given
 * @param source a source to drain, or {@code null} when {@code file} is given; the ingest opens and
 *     closes it. It must be able to start over ({@link BatchSource#open()} again after {@link
 *     BatchSource#close()}) when the ingest re-reads to widen a column.
 * @param options how to read {@code file}; {@code null}: detect everything (per-dataset settings the
 *     {@link Ingestor} was given fill in what is unset)
 * @param sourceSystem {@code inbox}, {@code cli}, {@code http}, {@code jdbc}, ...
 * @param sourceUri what lineage records as the source (defaults to the file path); credentials are
 *     redacted before storing
 * @param pipeline pipeline id or {@code null}
 * @param actor who asked, for the audit journal
 * @param widenToString allow incompatible type changes to widen the dataset column to string
 * @param mode append (default) or upsert
 * @param key the key columns for {@link IngestMode#UPSERT}; empty for append
 * @param deletedColumn for {@link IngestMode#UPSERT}: a boolean column of the source whose true value
 *     marks the row as a delete of its key (a soft delete; a later row of the key with false brings it
 *     back); {@code null}: none. Only with upsert: a delete needs a key
 * @param steps the pipeline's steps, in order; empty: batches land as read
 * @param snapshotProperties committed with the snapshot, in the same transaction as the data, together
 *     with {@link BatchSource#position()} (the position wins on equal keys); keys starting with {@code
 *     step.} are reserved for step reports
 * @param badRows what to do with rows the reader cannot read ({@code on_bad_rows}, {@code
 *     max_bad_rows}); unset parts come from the dataset's settings, then {@link BadRowPolicy#DEFAULT}
 * @param idempotency idempotency keys remembered in the commit's transaction (ADR 0023); a key
 *     already remembered fails the ingest with {@link
 *     io.lakehub.catalog.commit.DuplicateIdempotencyKeyException} and nothing is written; {@code
 *     null}: none
 */
public record IngestRequest(
        DatasetName dataset,
        Path file,
        BatchSource source,
        ReadOptions options,
        String sourceSystem,
        String sourceUri,
        String pipeline,
        String actor,
        boolean widenToString,
        IngestMode mode,
        List<String> key,
        String deletedColumn,
        List<StepDefinition> steps,
        Map<String, String> snapshotProperties,
        BadRowPolicy badRows,
        io.lakehub.catalog.commit.IdempotencyKeys idempotency) {

    public IngestRequest {
        Objects.requireNonNull(dataset, "dataset");
        if ((file == null) == (source == null)) {
            throw new IllegalArgumentException(
                    "An ingest request needs either a file or a source, not " + (file == null ? "neither" : "both"));
        }
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(actor, "actor");
        mode = mode == null ? IngestMode.APPEND : mode;
        key = key == null ? List.of() : List.copyOf(key);
        steps = steps == null ? List.of() : List.copyOf(steps);
        snapshotProperties = snapshotProperties == null ? Map.of() : Map.copyOf(snapshotProperties);
        badRows = badRows == null ? BadRowPolicy.UNSET : badRows;
        if (mode == IngestMode.UPSERT && key.isEmpty()) {
            throw new IllegalArgumentException("mode upsert into dataset '" + dataset + "' needs key columns");
        }
        deletedColumn = deletedColumn == null || deletedColumn.isBlank() ? null : deletedColumn;
        if (mode == IngestMode.APPEND && deletedColumn != null) {
            throw new IllegalArgumentException("the soft-delete column '" + deletedColumn
                    + "' only applies to mode upsert with a key, not to append (dataset '" + dataset + "')");
        }
        if (mode == IngestMode.APPEND && !key.isEmpty()) {
            throw new IllegalArgumentException(
                    "key columns " + key + " only apply to mode upsert, not to append (dataset '" + dataset + "')");
        }
        for (String k : snapshotProperties.keySet()) {
            if (k.startsWith(StepChain.PROPERTY_PREFIX)) {
                throw new IllegalArgumentException("snapshot property '" + k + "': keys starting with '"
                        + StepChain.PROPERTY_PREFIX + "' are reserved for step reports");
            }
        }
    }

    /** A file with default lineage (its path), no pipeline, append, no steps. */
    public static IngestRequest of(
            DatasetName dataset, Path file, ReadOptions options, String sourceSystem, String actor) {
        return builder(dataset)
                .file(file)
                .options(options)
                .sourceSystem(sourceSystem)
                .actor(actor)
                .build();
    }

    public static Builder builder(DatasetName dataset) {
        return new Builder(dataset);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(dataset);
        b.file = file;
        b.source = source;
        b.options = options;
        b.sourceSystem = sourceSystem;
        b.sourceUri = sourceUri;
        b.pipeline = pipeline;
        b.actor = actor;
        b.widenToString = widenToString;
        b.mode = mode;
        b.key = key;
        b.deletedColumn = deletedColumn;
        b.steps = steps;
        b.snapshotProperties = new LinkedHashMap<>(snapshotProperties);
        b.badRows = badRows;
        b.idempotency = idempotency;
        return b;
    }

    /** What the user is told the source is: the lineage URI, else the file, else the source's class. */
    public String describeSource() {
        if (sourceUri != null) {
            return sourceUri;
        }
        return file != null ? file.toString() : "source " + source.getClass().getSimpleName();
    }

    /** Builds an {@link IngestRequest}; {@code sourceSystem} and {@code actor} are required. */
    public static final class Builder {
        private final DatasetName dataset;
        private Path file;
        private BatchSource source;
        private ReadOptions options;
        private String sourceSystem;
        private String sourceUri;
        private String pipeline;
        private String actor;
        private boolean widenToString;
        private IngestMode mode = IngestMode.APPEND;
        private List<String> key = List.of();
        private String deletedColumn;
        private List<StepDefinition> steps = List.of();
        private Map<String, String> snapshotProperties = new LinkedHashMap<>();
        private BadRowPolicy badRows = BadRowPolicy.UNSET;
        private io.lakehub.catalog.commit.IdempotencyKeys idempotency;

        private Builder(DatasetName dataset) {
            this.dataset = dataset;
        }

        /** Read this file (lineage records its path unless {@link #sourceUri} is set). */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** Drain this source instead of reading a file. */
        public Builder source(BatchSource source) {
            this.source = source;
            return this;
        }

        public Builder options(ReadOptions options) {
            this.options = options;
            return this;
        }

        public Builder sourceSystem(String sourceSystem) {
            this.sourceSystem = sourceSystem;
            return this;
        }

        public Builder sourceUri(String sourceUri) {
            this.sourceUri = sourceUri;
            return this;
        }

        public Builder pipeline(String pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder widenToString(boolean widenToString) {
            this.widenToString = widenToString;
            return this;
        }

        public Builder mode(IngestMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder key(List<String> key) {
            this.key = key;
            return this;
        }

        /** The soft-delete column for mode upsert ({@code null}: none). */
        public Builder deletedColumn(String deletedColumn) {
            this.deletedColumn = deletedColumn;
            return this;
        }

        public Builder steps(List<StepDefinition> steps) {
            this.steps = steps;
            return this;
        }

        /** Replaces the snapshot properties. */
        public Builder snapshotProperties(Map<String, String> properties) {
            this.snapshotProperties = new LinkedHashMap<>(properties);
            return this;
        }

        /** Adds one snapshot property. */
        public Builder snapshotProperty(String key, String value) {
            this.snapshotProperties.put(key, value);
            return this;
        }

        /** What to do with bad rows; unset parts come from the dataset's settings, then the default. */
        public Builder badRows(BadRowPolicy badRows) {
            this.badRows = badRows;
            return this;
        }

        /** Idempotency keys to remember in the commit's transaction ({@code null}: none). */
        public Builder idempotency(io.lakehub.catalog.commit.IdempotencyKeys idempotency) {
            this.idempotency = idempotency;
            return this;
        }

        public IngestRequest build() {
            String uri = sourceUri != null ? sourceUri : file != null ? file.toString() : null;
            return new IngestRequest(
                    dataset,
                    file,
                    source,
                    options,
                    sourceSystem,
                    uri,
                    pipeline,
                    actor,
                    widenToString,
                    mode,
                    key,
                    deletedColumn,
                    steps,
                    snapshotProperties,
                    badRows,
                    idempotency);
        }
    }
}
