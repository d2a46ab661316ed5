package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A source of (id BIGINT, name STRING) rows, in pages of {@code batchRows}, whose position is the
 * last id returned ({@code cursor}): a stand-in for a database poller.
 */
final class ListSource implements BatchSource {
    static final LakeSchema SCHEMA =
            LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT), LakeField.nullable("name", LakeType.STRING));

    private final List<Object[]> rows;
    private final int batchRows;
    private int next;
    private long rowsRead;
    private Long lastId;
    int opened;
    boolean closed;

    ListSource(List<Object[]> rows, int batchRows) {
        this.rows = rows;
        this.batchRows = batchRows;
    }

    @Override
    public void open() {
        opened++;
        next = 0;
        rowsRead = 0;
        lastId = null;
        closed = false;
    }

    @Override
    public LakeSchema schema() {
        return SCHEMA;
    }

    @Override
    public void readAs(LakeSchema target) {
        if (!target.equals(SCHEMA)) {
            throw new IllegalArgumentException("this source produces " + SCHEMA);
        }
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        BigIntVector id = (BigIntVector) batch.getVector(0);
        VarCharVector name = (VarCharVector) batch.getVector(1);
        id.reset();
        name.reset();
        int n = 0;
        while (n < batchRows && next < rows.size()) {
            Object[] row = rows.get(next++);
            id.setSafe(n, (Long) row[0]);
            if (row[1] == null) {
                name.setNull(n);
            } else {
                name.setSafe(n, ((String) row[1]).getBytes(StandardCharsets.UTF_8));
            }
            lastId = (Long) row[0];
            n++;
        }
        id.setValueCount(n);
        name.setValueCount(n);
        batch.setRowCount(n);
        rowsRead += n;
        return n > 0;
    }

    @Override
    public int batchRows() {
        return batchRows;
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public Map<String, String> position() {
        return lastId == null ? Map.of() : Map.of("cursor", Long.toString(lastId));
    }

    @Override
    public void close() {
        closed = true;
    }
}
