package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * {@code rename-columns: {old: new}}: columns land under new names (old names match ignoring case).
 * A renamed column the source does not have is refused, and so is a result with two columns of one
 * name. Zero-copy: each batch's buffers are transferred to vectors of the new names, which the step
 * owns. Reports {@code columns}, the number of columns renamed.
 */
public final class RenameColumnsStep implements Step {
    private final Map<String, String> renames = new LinkedHashMap<>();
    private VectorSchemaRoot out;

    /** @param renames old name to new name; at least one */
    public RenameColumnsStep(Map<String, String> renames) {
        if (renames.isEmpty()) {
            throw new IllegalArgumentException("rename-columns needs at least one column");
        }
        renames.forEach((from, to) -> {
            if (to == null || to.isBlank()) {
                throw new IllegalArgumentException("rename-columns: the new name of '" + from + "' is empty");
            }
            this.renames.put(LakeSchema.key(from), to);
        });
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        for (String from : renames.keySet()) {
            if (input.field(from).isEmpty()) {
                throw new StepRefusedException("column '" + from + "' is not in the source (its columns: "
                        + String.join(", ", input.names()) + ")");
            }
        }
        List<LakeField> fields = new ArrayList<>(input.size());
        for (LakeField f : input.fields()) {
            String to = renames.get(LakeSchema.key(f.name()));
            fields.add(to == null ? f : new LakeField(to, f.type(), f.nullable()));
        }
        LakeSchema schema;
        try {
            schema = new LakeSchema(fields);
        } catch (IllegalArgumentException e) {
            throw new StepRefusedException("the renamed columns clash: " + e.getMessage(), e);
        }
        out = VectorSchemaRoot.create(io.lakehub.processors.batch.ArrowSchemas.toArrow(schema), ctx.allocator());
        return schema;
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        List<FieldVector> in = batch.getFieldVectors();
        for (int i = 0; i < in.size(); i++) {
            TransferPair pair = in.get(i).makeTransferPair(out.getVector(i));
            pair.transfer();
        }
        out.setRowCount(batch.getRowCount());
        return out;
    }

    @Override
    public StepReport finish() {
        return StepReport.of("columns", renames.size());
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
