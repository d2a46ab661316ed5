package io.lakehub.processors.source.cdc;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowValues;
import io.lakehub.processors.chain.BatchSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One batch of decoded changes of one table as a {@link BatchSource}: rows in stream order, each the
 * row's values after the change (for a delete, its key columns and the other columns null) and, last,
 * {@link CdcSourceSpec#DELETED_COLUMN}. {@link #position()} is the replication position after the
 * last change, committed with the rows; an upsert by the table's key makes a change applied twice
 * have no further effect. Values are Java values as {@link ArrowValues} takes them. Can be read again
 * after {@link #close()} (the ingest re-reads to widen a column).
 */
public final class ChangeBatch implements BatchSource {
    private final LakeSchema declared;
    private final List<Object[]> rows;
    private final Map<String, String> position;
    private final int batchRows;
    private LakeSchema target;
    private int next;

    /**
     * @param schema the table's columns followed by {@link CdcSourceSpec#DELETED_COLUMN} (boolean)
     * @param rows one array per change, in {@code schema} order
     * @param position snapshot properties: the replication position after the last change
     */
    public ChangeBatch(LakeSchema schema, List<Object[]> rows, Map<String, String> position, int batchRows) {
        this.declared = Objects.requireNonNull(schema, "schema");
        this.rows = List.copyOf(rows);
        this.position = Map.copyOf(position);
        this.batchRows = Math.max(1, batchRows);
        this.target = schema;
    }

    @Override
    public void open() {
        next = 0;
        target = declared;
    }

    @Override
    public LakeSchema schema() {
        return declared;
    }

    @Override
    public void readAs(LakeSchema target) {
        this.target = target;
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        if (next >= rows.size()) {
            batch.setRowCount(0);
            return false;
        }
        int n = Math.min(batchRows, rows.size() - next);
        List<FieldVector> vectors = batch.getFieldVectors();
        batch.clear();
        batch.allocateNew();
        for (int r = 0; r < n; r++) {
            Object[] row = rows.get(next + r);
            for (int c = 0; c < vectors.size(); c++) {
                LakeField field = target.fields().get(c);
                try {
                    ArrowValues.set(vectors.get(c), field, r, row[c]);
                } catch (ClassCastException e) {
                    throw new IllegalArgumentException(
                            "Column '" + field.name() + "' is " + field.typeName() + " but a change holds a "
                                    + row[c].getClass().getSimpleName(),
                            e);
                }
            }
        }
        for (FieldVector v : vectors) {
            v.setValueCount(n);
        }
        batch.setRowCount(n);
        next += n;
        return true;
    }

    @Override
    public int batchRows() {
        return batchRows;
    }

    @Override
    public long rowsRead() {
        return next;
    }

    @Override
    public Map<String, String> position() {
        return position;
    }

    /** The changes in this batch. */
    public int size() {
        return rows.size();
    }

    @Override
    public void close() {
        // nothing held: the rows are in memory and the ingest owns the batches
    }
}
