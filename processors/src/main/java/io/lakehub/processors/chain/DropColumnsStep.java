package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code drop-columns: [a, b]}: the named columns never reach the lake. Names match ignoring case, as
 * in SQL. A named column the source does not have is refused (a typo would otherwise silently keep
 * data the pipeline meant to drop). Zero-copy: the batch passed on is a view over the kept vectors.
 * Reports {@code columns}, the number of columns dropped.
 */
public final class DropColumnsStep implements Step {
    private final Set<String> drop = new LinkedHashSet<>();
    private int[] kept;

    /** @param columns the columns to drop; at least one */
    public DropColumnsStep(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("drop-columns needs at least one column");
        }
        columns.forEach(c -> drop.add(LakeSchema.key(c)));
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        for (String d : drop) {
            if (input.field(d).isEmpty()) {
                throw new StepRefusedException("column '" + d + "' is not in the source (its columns: "
                        + String.join(", ", input.names()) + ")");
            }
        }
        List<LakeField> out = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            LakeField f = input.fields().get(i);
            if (!drop.contains(LakeSchema.key(f.name()))) {
                out.add(f);
                idx.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new StepRefusedException("it would drop every column of the source; nothing would be left to write");
        }
        kept = idx.stream().mapToInt(Integer::intValue).toArray();
        return new LakeSchema(out);
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        List<FieldVector> vectors = new ArrayList<>(kept.length);
        for (int i : kept) {
            vectors.add(batch.getVector(i));
        }
        VectorSchemaRoot out = new VectorSchemaRoot(vectors);
        out.setRowCount(batch.getRowCount());
        return out;
    }

    @Override
    public StepReport finish() {
        return StepReport.of("columns", drop.size());
    }
}
