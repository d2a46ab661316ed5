package io.lakehub.processors.ingest;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.SchemaEvolution;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.DivertingStep;
import io.lakehub.processors.chain.ParquetSink;
import io.lakehub.processors.chain.StepChain;
import io.lakehub.processors.chain.StepRefusedException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows a step held back for a companion dataset ({@link DivertingStep}: the PII step's {@code
 * quarantine}, ADR 0037), written to that dataset's Parquet files and planned as the {@link
 * CommitRequest#companion() companion} of the ingest's commit, so both land in one catalog
 * transaction. {@link #close()} deletes the files unless {@link #handOver()} gave them to the
 * catalog.
 */
final class Diversions implements AutoCloseable {
    /** Snapshot property of a commit whose held-back rows went to a companion: that dataset's name. */
    static final String QUARANTINE_DATASET = "quarantine.dataset";
    /** Snapshot property of a companion commit: the dataset whose rows it holds. */
    static final String QUARANTINE_OF = "quarantine.of";

    private ParquetSink sink;

    /**
     * Writes the rows the chain's steps held back.
     *
     * @return the companion's append (to attach with {@link CommitRequest#withCompanion}), or {@code
     *     null} when no row was held back
     */
    CommitRequest write(
            Catalog catalog,
            IngestSettings settings,
            StepChain steps,
            DatasetName dataset,
            Lineage lineage,
            String actor,
            BufferAllocator memory)
            throws InterruptedException {
        List<DivertingStep> diverting = steps.diverting();
        if (diverting.isEmpty()) {
            return null;
        }
        if (diverting.size() > 1) {
            throw new StepRefusedException(
                    "more than one step holds rows back for a companion dataset; nothing was" + " written");
        }
        DivertingStep step = diverting.get(0);
        DatasetName companion = DatasetName.of(dataset.value() + step.divertedSuffix());
        LakeSchema schema = step.divertedSchema();
        LakeSchema current = catalog.dataset(companion).map(DatasetInfo::schema).orElse(null);
        SchemaEvolution evolution = SchemaEvolution.merge(companion.value(), current, schema, false);
        HeldRows rows = new HeldRows(step.diverted(), schema);
        try (StepChain none = StepChain.of(List.of(), companion, lineage.pipeline(), memory)) {
            sink = new ParquetSink(
                    catalog,
                    companion,
                    schema,
                    settings.parquet(),
                    settings.targetFileSizeBytes(),
                    1,
                    rows.batchRows(),
                    memory);
            rows.open();
            List<NewDataFile> files = sink.write(rows, none, schema);
            return new CommitRequest(
                    companion,
                    CommitRequest.Operation.APPEND,
                    evolution.schema(),
                    evolution.changes(),
                    files,
                    List.of(),
                    lineage,
                    Map.of(QUARANTINE_OF, dataset.value()),
                    actor);
        }
    }

    /** The catalog owns the files from here on (the commit is about to be attempted). */
    void handOver() {
        if (sink != null) {
            sink.handOver();
        }
    }

    @Override
    public void close() {
        if (sink != null) {
            sink.close();
        }
    }

    /** A source over rows already in memory, in batches of up to {@value #BATCH_ROWS} rows. */
    private static final class HeldRows implements BatchSource {
        private static final int BATCH_ROWS = 4096;
        private final VectorSchemaRoot rows;
        private final LakeSchema schema;
        private int next;

        HeldRows(VectorSchemaRoot rows, LakeSchema schema) {
            this.rows = rows;
            this.schema = schema;
        }

        @Override
        public void open() {
            next = 0;
        }

        @Override
        public LakeSchema schema() {
            return schema;
        }

        @Override
        public void readAs(LakeSchema target) {
            // read as held
        }

        @Override
        public boolean next(VectorSchemaRoot batch) {
            int n = Math.min(BATCH_ROWS, rows.getRowCount() - next);
            if (n <= 0) {
                return false;
            }
            for (int c = 0; c < rows.getFieldVectors().size(); c++) {
                FieldVector to = batch.getVector(c);
                FieldVector from = rows.getVector(c);
                to.clear();
                to.allocateNew();
                for (int r = 0; r < n; r++) {
                    to.copyFromSafe(next + r, r, from);
                }
                to.setValueCount(n);
            }
            batch.setRowCount(n);
            next += n;
            return true;
        }

        @Override
        public int batchRows() {
            return BATCH_ROWS;
        }

        @Override
        public long rowsRead() {
            return next;
        }

        @Override
        public Map<String, String> position() {
            return Map.of();
        }

        @Override
        public void close() {
            // the rows belong to the step
        }
    }
}
