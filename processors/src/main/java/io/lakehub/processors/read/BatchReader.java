package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.BatchSource;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads one source into Arrow batches. Lifecycle, as in Spring Batch's item readers: {@link
 * #open()} (detects the dialect and infers the schema from a sample), optionally {@link
 * #readAs(LakeSchema)} to parse into wider dataset types, then {@link #next(VectorSchemaRoot)}
 * until it returns false, then {@link #close()}. Streaming: memory is bounded by the batch size,
 * never the file size. Not thread-safe; one thread drives it.
 */
public interface BatchReader extends BatchSource {

    /**
     * Reports rows that cannot be read to {@code handler} and skips them instead of failing the
     * source; call before {@link #open()}. Without a handler the first bad row fails the read.
     */
    void onBadRows(BadRowHandler handler);

    /** Opens the source, detects dialect/encoding, infers column types. */
    void open();

    /** The schema batches will have (after {@link #open()}). */
    LakeSchema schema();

    /**
     * Parse into these types instead of the inferred ones. Same column names in the same order;
     * each type is the inferred one or wider (e.g. BIGINT where INT was inferred, STRING for any).
     */
    void readAs(LakeSchema target);

    /**
     * Clears {@code batch} (created from {@link #schema()} by the caller, via
     * {@link io.lakehub.processors.batch.ArrowSchemas#toArrow}) and fills it with up to {@link
     * #batchRows()} rows.
     *
     * @return false when the source is exhausted and {@code batch} holds no rows
     */
    boolean next(VectorSchemaRoot batch);

    /** Rows per batch this reader fills. */
    int batchRows();

    /** Rows returned so far. */
    long rowsRead();

    /** {@code sha256:<hex>} of every source byte, available once {@link #next} returned false. */
    String contentHash();

    /** A file's position is its content hash: committing the same bytes again is a no-op. */
    @Override
    default Map<String, String> position() {
        return Map.of("source.contentHash", contentHash());
    }

    @Override
    void close();
}
