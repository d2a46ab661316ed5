package io.lakehub.processors.ingest;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.read.ArrowBatchBuilder;
import io.lakehub.processors.read.BadRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of a {@code <dataset>__rejects} dataset for one source: one row per {@link BadRow}, in
 * source order, so they reach the lake through the same sink and commit as any other rows.
 *
 * <p>Columns: {@code source_file} (the file as messages name it), {@code line_number} (1-based line
 * or record where the row starts), {@code reason} (what is wrong, never quoting a value), {@code
 * raw_line} (the row as read, cut to {@link BadRow#MAX_RAW_CHARS} characters), {@code ingested_at}
 * (when the ingest read the source, the same for every row of one ingest).
 */
final class RejectsSource implements BatchSource {
    /** The columns of every rejects dataset. */
    static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("source_file", LakeType.STRING),
            LakeField.nullable("line_number", LakeType.BIGINT),
            LakeField.nullable("reason", LakeType.STRING),
            LakeField.nullable("raw_line", LakeType.STRING),
            LakeField.nullable("ingested_at", LakeType.TIMESTAMP));

    private static final int BATCH_ROWS = 1024;

    private final List<BadRow> rows;
    private final long ingestedAtMicros;
    private final ArrowBatchBuilder builder = new ArrowBatchBuilder(SCHEMA);
    private int next;

    RejectsSource(List<BadRow> rows, Instant ingestedAt) {
        this.rows = List.copyOf(rows);
        this.ingestedAtMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Objects.requireNonNull(ingestedAt));
    }

    @Override
    public void open() {
        next = 0;
    }

    @Override
    public LakeSchema schema() {
        return SCHEMA;
    }

    @Override
    public void readAs(LakeSchema target) {
        if (!target.equals(SCHEMA)) {
            throw new IllegalArgumentException("the rejects of a source are read as " + SCHEMA.names());
        }
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        builder.begin(batch);
        int n = 0;
        while (next < rows.size() && n < BATCH_ROWS && !builder.full()) {
            BadRow r = rows.get(next++);
            builder.putString(0, n, r.source());
            builder.putLong(1, n, r.line());
            builder.putString(2, n, r.reason());
            builder.putString(3, n, r.raw());
            builder.putTimestamp(4, n, ingestedAtMicros);
            n++;
        }
        builder.end(n);
        return n > 0;
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
        // holds nothing open
    }
}
