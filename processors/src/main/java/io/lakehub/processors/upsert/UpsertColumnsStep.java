package io.lakehub.processors.upsert;

import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.chain.Step;
import io.lakehub.processors.chain.StepContext;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.chain.StepRefusedException;
import io.lakehub.processors.chain.StepReport;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The last step of an upsert's chain: appends the hidden columns {@code _lakehub_row} (the row's
 * ordinal within the commit, in source order) and {@code _lakehub_deleted} (true for a delete). A
 * row is a delete when the optional soft-delete column ({@link #DELETED_COLUMN} option, a boolean
 * column of the source) is true; that column stays in the data. A source column named like a hidden
 * column is refused. The change-data-capture delete flag ({@link CdcSourceSpec#DELETED_COLUMN}) is
 * the one soft-delete column that does not stay: it is consumed here and never reaches the dataset.
 */
public final class UpsertColumnsStep implements Step {
    /** The step's name in the chain (its report keys, none today, would be {@code step.upsert.*}). */
    public static final String NAME = "upsert";

    /** Option: a boolean source column whose true value marks the row as a delete. */
    public static final String DELETED_COLUMN = "deleted-column";

    private VectorSchemaRoot out;
    private int deletedIndex = -1;
    /** Whether the soft-delete column is the change-data-capture flag, left out of the output. */
    private boolean consumeDeleted;

    private long nextRow;

    /** The step's definition, with the soft-delete column when given ({@code null}: none). */
    public static StepDefinition definition(String deletedColumn) {
        return new StepDefinition(
                NAME,
                deletedColumn == null ? java.util.Map.of() : java.util.Map.of(DELETED_COLUMN, deletedColumn),
                UpsertColumnsStep::new);
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        for (LakeField f : input.fields()) {
            if (UpsertColumns.isReserved(f.name())) {
                throw new StepRefusedException("column '" + f.name() + "' uses a name reserved for the hidden"
                        + " columns of upsert datasets (" + UpsertColumns.ROW + ", " + UpsertColumns.DELETED
                        + "); rename it");
            }
        }
        String deleted = ctx.option(DELETED_COLUMN, null);
        if (deleted != null) {
            LakeField f = input.field(deleted)
                    .orElseThrow(() -> new StepRefusedException("the soft-delete column '" + deleted
                            + "' is not in the source (its columns: " + String.join(", ", input.names()) + ")"));
            if (f.type() != LakeType.BOOLEAN) {
                throw new StepRefusedException("the soft-delete column '" + deleted + "' is "
                        + f.type().displayName() + ", not boolean");
            }
            deletedIndex = input.fields().indexOf(f);
            consumeDeleted = deleted.equals(CdcSourceSpec.DELETED_COLUMN);
        }
        List<LakeField> fields = new ArrayList<>(input.fields());
        if (consumeDeleted) {
            fields.remove(deletedIndex);
        }
        fields.add(new LakeField(UpsertColumns.ROW, LakeType.BIGINT, false));
        fields.add(new LakeField(UpsertColumns.DELETED, LakeType.BOOLEAN, false));
        LakeSchema output = new LakeSchema(fields);
        out = VectorSchemaRoot.create(ArrowSchemas.toArrow(output), ctx.allocator());
        return output;
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        List<FieldVector> in = batch.getFieldVectors();
        BitVector softDeleted = deletedIndex < 0 ? null : (BitVector) in.get(deletedIndex);
        int kept = consumeDeleted ? in.size() - 1 : in.size();
        BigIntVector row = (BigIntVector) out.getVector(kept);
        BitVector deleted = (BitVector) out.getVector(kept + 1);
        row.allocateNew(rows);
        deleted.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            row.set(i, nextRow++);
            boolean isDelete = softDeleted != null && !softDeleted.isNull(i) && softDeleted.get(i) == 1;
            deleted.set(i, isDelete ? 1 : 0);
        }
        row.setValueCount(rows);
        deleted.setValueCount(rows);
        for (int i = 0, o = 0; i < in.size(); i++) {
            if (consumeDeleted && i == deletedIndex) {
                continue;
            }
            in.get(i).makeTransferPair(out.getVector(o++)).transfer();
        }
        out.setRowCount(rows);
        return out;
    }

    @Override
    public StepReport finish() {
        return StepReport.none();
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
