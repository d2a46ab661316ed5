package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Steps written against the public SPI, as a user would (public classes, no-argument constructors). */
public final class TestSteps {
    private TestSteps() {}

    /** Adds {@code <column>_length} (INT): the length of the STRING column named by option {@code column}. */
    public static final class AddLength implements Step {
        private IntVector lengths;
        private int source;
        private long rows;

        public AddLength() {}

        @Override
        public LakeSchema prepare(StepContext ctx, LakeSchema input) {
            String column = ctx.option("column", null);
            if (column == null) {
                throw new StepRefusedException("option 'column' is required");
            }
            source = input.names().indexOf(column);
            if (source < 0) {
                throw new StepRefusedException("column '" + column + "' is not in the batches");
            }
            List<LakeField> fields = new ArrayList<>(input.fields());
            LakeField added = LakeField.nullable(column + "_length", LakeType.INT);
            fields.add(added);
            lengths = (IntVector)
                    io.lakehub.processors.batch.ArrowSchemas.toArrow(added).createVector(ctx.allocator());
            return new LakeSchema(fields);
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot batch) {
            VarCharVector text = (VarCharVector) batch.getVector(source);
            int n = batch.getRowCount();
            lengths.reset();
            for (int r = 0; r < n; r++) {
                if (text.isNull(r)) {
                    lengths.setNull(r);
                } else {
                    lengths.setSafe(r, text.getObject(r).toString().length());
                }
            }
            lengths.setValueCount(n);
            rows += n;
            List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors());
            vectors.add(lengths);
            VectorSchemaRoot out = new VectorSchemaRoot(vectors);
            out.setRowCount(n);
            return out;
        }

        @Override
        public StepReport finish() {
            return StepReport.of("rows", rows);
        }

        @Override
        public void close() {
            if (lengths != null) {
                lengths.close();
            }
        }
    }

    /** Keeps the rows whose numeric column {@code id} is even, copied into a batch the step owns. */
    public static final class KeepEvenIds implements Step {
        private int id;
        private long dropped;
        private VectorSchemaRoot out;

        public KeepEvenIds() {}

        @Override
        public LakeSchema prepare(StepContext ctx, LakeSchema input) {
            id = input.names().indexOf("id");
            if (id < 0
                    || !java.util.Set.of(LakeType.INT, LakeType.BIGINT, LakeType.DOUBLE)
                            .contains(input.fields().get(id).type())) {
                throw new StepRefusedException("needs a numeric column 'id'");
            }
            out = VectorSchemaRoot.create(io.lakehub.processors.batch.ArrowSchemas.toArrow(input), ctx.allocator());
            return input;
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot batch) {
            FieldVector ids = batch.getVector(id);
            int n = batch.getRowCount();
            out.getFieldVectors().forEach(FieldVector::reset);
            int kept = 0;
            for (int r = 0; r < n; r++) {
                if (!ids.isNull(r) && ((Number) ids.getObject(r)).doubleValue() % 2 == 0) {
                    for (int c = 0; c < out.getFieldVectors().size(); c++) {
                        out.getVector(c).copyFromSafe(r, kept, batch.getVector(c));
                    }
                    kept++;
                }
            }
            out.setRowCount(kept);
            dropped += n - kept;
            return out;
        }

        @Override
        public StepReport finish() {
            return StepReport.of("dropped", dropped);
        }

        @Override
        public void close() {
            if (out != null) {
                out.close();
            }
        }
    }

    /** Refuses the source at its second batch. */
    public static final class FailsOnSecondBatch implements Step {
        private int seen;

        @Override
        public LakeSchema prepare(StepContext ctx, LakeSchema input) {
            return input;
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot batch) {
            if (++seen == 2) {
                throw new StepRefusedException("column 'name' holds a value this step cannot mask");
            }
            return batch;
        }

        @Override
        public StepReport finish() {
            return StepReport.none();
        }
    }

    /** Declares one more column than it returns: a broken step. */
    public static final class DeclaresTooMuch implements Step {
        @Override
        public LakeSchema prepare(StepContext ctx, LakeSchema input) {
            List<LakeField> fields = new ArrayList<>(input.fields());
            fields.add(LakeField.nullable("ghost", LakeType.STRING));
            return new LakeSchema(fields);
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot batch) {
            return batch;
        }

        @Override
        public StepReport finish() {
            return StepReport.none();
        }
    }
}
