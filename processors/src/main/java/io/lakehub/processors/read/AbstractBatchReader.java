package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The bookkeeping every file reader shares, written once: the lifecycle states and their checks,
 * the batch size, the rows read, the content hash and closing. A format implements {@link
 * #doOpen()}, {@link #doReadAs(LakeSchema)}, {@link #doNext(VectorSchemaRoot)} and {@link
 * #doClose()} (as in Spring Batch's {@code AbstractItemCountingItemStreamItemReader}) plus {@link
 * #schema()}.
 *
 * <p>The same behaviour for every format:
 *
 * <ul>
 *   <li>{@link #open()} a second time does nothing; after {@link #close()} it is refused. A failed
 *       {@code open()} leaves the reader unopened.
 *   <li>{@link #readAs} and {@link #next} need {@code open()} first; {@code readAs} must come before
 *       the first {@code next()}; after {@code close()} both are refused. {@link #schema()} and
 *       {@link #batchRows()} need {@code open()} and stay readable after {@code close()}.
 *   <li>{@link #batchRows()} is known once open: {@link ReadOptions#batchRows()} if set, else
 *       {@value #DEFAULT_BATCH_ROWS}, unless the format sizes its batches itself (CSV from the
 *       sampled row width when the options do not say; text: always one row).
 *   <li>{@link #next} after it returned false returns false again with an empty batch.
 *   <li>{@link #contentHash()} is available once {@code next()} has returned false (also after
 *       {@code close()}), never earlier, even for a format that hashes the file while opening it:
 *       a position is only worth committing for a source read to its end. Before that it throws
 *       {@link IllegalStateException} with {@link #HASH_NOT_YET}.
 *   <li>{@link #close()} releases the file, may be called at any time and more than once, and
 *       reports a failure to close as a {@link ReadFailedException} naming the file.
 * </ul>
 */
public abstract class AbstractBatchReader implements BatchReader {
    /** Rows per batch when neither the options nor the format choose. */
    public static final int DEFAULT_BATCH_ROWS = 8192;

    /** The message of {@link #contentHash()} before the source has been read to its end. */
    public static final String HASH_NOT_YET = "The content hash is known once next() has returned false";

    /** The source file. */
    protected final Path file;
    /** The file as error messages name it. */
    protected final String label;
    /** The options; {@link ReadOptions#detect()} when none were given. */
    protected final ReadOptions options;

    private final Map<String, String> facts = new LinkedHashMap<>();
    private BadRowHandler badRows;
    private long badRowCount;
    private boolean opened;
    private boolean started;
    private boolean finished;
    private boolean closed;
    private int batchRows;
    private long rowsRead;
    private String contentHash;

    protected AbstractBatchReader(Path file, ReadOptions options) {
        this.file = Objects.requireNonNull(file, "file");
        this.label = file.toString();
        this.options = options == null ? ReadOptions.detect() : options;
        this.batchRows = this.options.batchRows() > 0 ? this.options.batchRows() : DEFAULT_BATCH_ROWS;
    }

    @Override
    public final void onBadRows(BadRowHandler handler) {
        requireNotClosed();
        if (opened) {
            throw new IllegalStateException("onBadRows() must come before open()");
        }
        badRows = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public final void open() {
        requireNotClosed();
        if (opened) {
            return;
        }
        doOpen();
        opened = true;
    }

    @Override
    public final void readAs(LakeSchema target) {
        requireNotClosed();
        requireOpen();
        if (started) {
            throw new IllegalStateException("readAs() must come before the first next()");
        }
        doReadAs(target);
    }

    @Override
    public final boolean next(VectorSchemaRoot batch) {
        requireNotClosed();
        requireOpen();
        if (finished) {
            batch.setRowCount(0);
            return false;
        }
        started = true;
        int rows = doNext(batch);
        if (rows > 0) {
            rowsRead += rows;
            return true;
        }
        if (contentHash == null) {
            throw new IllegalStateException(
                    getClass().getSimpleName() + " reached the end of " + label + " without its content hash");
        }
        finished = true;
        return false;
    }

    @Override
    public final int batchRows() {
        requireOpen();
        return batchRows;
    }

    @Override
    public final long rowsRead() {
        return rowsRead;
    }

    @Override
    public final String contentHash() {
        if (!finished) {
            throw new IllegalStateException(HASH_NOT_YET);
        }
        return contentHash;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            doClose();
        } catch (IOException e) {
            throw new ReadFailedException(label + ": could not be closed (" + e + ")", 0, null, e);
        }
    }

    // ---- for the formats

    /** Opens the source: dialect, schema, anything {@link #schema()} needs. Called at most once after success. */
    protected abstract void doOpen();

    /** Switches to {@code target} (checked: open, no batch read yet); refuses a target the format cannot read. */
    protected abstract void doReadAs(LakeSchema target);

    /**
     * Clears {@code batch} and fills it with up to {@link #batchRows()} rows, returning how many.
     * Returning 0 means the source is exhausted; by then {@link #contentHashIs} must have been called.
     */
    protected abstract int doNext(VectorSchemaRoot batch);

    /** Releases what the reader holds open; must tolerate being called when nothing is open. */
    protected abstract void doClose() throws IOException;

    /**
     * A row the format cannot read: handed to the {@link #onBadRows handler} (the caller then skips
     * the row and goes on), or, without one, {@code failure} is thrown.
     *
     * @param line 1-based line or record number where the row starts
     * @param reason what is wrong, never quoting the value
     * @param raw the row's raw text, or {@code null} when the format has none
     * @param failure what to throw when bad rows fail the read
     */
    protected final void badRow(long line, String reason, String raw, ReadFailedException failure) {
        if (badRows == null) {
            throw failure;
        }
        badRowCount++;
        badRows.handle(new BadRow(label, line, reason, raw));
    }

    /** Whether bad rows are reported and skipped rather than failing the read. */
    protected final boolean skipsBadRows() {
        return badRows != null;
    }

    @Override
    public final Map<String, String> facts() {
        Map<String, String> all = new LinkedHashMap<>(facts);
        if (badRowCount > 0) {
            all.put("read.badRows", Long.toString(badRowCount));
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * Records a fact about the source for {@link #facts()} ({@code key} without the {@code read.}
     * prefix, e.g. {@code charset}); a later call for the same key replaces the value.
     */
    protected final void fact(String key, String value) {
        facts.put("read." + key, Objects.requireNonNull(value, "value"));
    }

    /** Bad rows reported to the handler so far. */
    public final long badRowCount() {
        return badRowCount;
    }

    /** The format's batch size, replacing the one from the options or the default. */
    protected final void useBatchRows(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("batch rows must be positive: " + rows);
        }
        batchRows = rows;
    }

    /** The hash of every source byte, published by {@link #contentHash()} once {@code next()} returns false. */
    protected final void contentHashIs(String hash) {
        contentHash = Objects.requireNonNull(hash, "hash");
    }

    /**
     * Throws unless {@link #open()} succeeded. What open() learnt ({@link #schema()}, {@link
     * #batchRows()}) stays readable after {@link #close()}.
     */
    protected final void requireOpen() {
        if (!opened) {
            throw new IllegalStateException("open() first");
        }
    }

    private void requireNotClosed() {
        if (closed) {
            throw new IllegalStateException(label + ": the reader is closed");
        }
    }

    /**
     * Releases what a failed step left open, keeping {@code failure} as the error the caller sees
     * (a failure to release is added to it as suppressed, never lost, never in its place).
     */
    protected final <E extends Throwable> E releasedAfter(E failure) {
        try {
            doClose();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }
}
