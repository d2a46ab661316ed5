package io.lakehub.processors.parquet;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * Writes Arrow batches (columns typed per {@link io.lakehub.processors.batch.ArrowSchemas}) into one
 * Parquet file under a dataset folder, crash-safely:
 *
 * <ol>
 *   <li>bytes go to {@code <datasetDir>/.tmp-<uuid>.parquet}, a name no reader and no catalog entry
 *       ever uses;
 *   <li>{@link #finish()} writes the footer, {@code fsync}s the file, renames it atomically to
 *       {@code <datasetDir>/<yyyyMMdd'T'HHmmss>-<uuid>.parquet} (UTC) and {@code fsync}s the folder,
 *       so a file under a final name is always complete;
 *   <li>{@link #abort()} (or {@link #close()} before {@code finish}) deletes the file, whichever of
 *       the two names it has. A crash leaves at most a temp file, which the catalog's orphan sweep
 *       removes.
 * </ol>
 *
 * <p>Rows arrive either batch by batch through {@link #write} (encoded on the calling thread) or as
 * row groups encoded elsewhere, possibly on other threads, through {@link #append} in file order.
 * Column statistics come from the footer. Hadoop-free: NIO output, codecs on zstd-jni and
 * snappy-java, no Hadoop {@code Configuration}. Not thread-safe.
 */
public final class ParquetBatchWriter implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final ParquetFormat format;
    /** {@link #format} tuned on the first batch given to {@link #write}. */
    private ParquetFormat tuned;

    private final Path lakeRoot;
    private final Path tempPath;
    private final Path finalPath;
    private final NioOutputFile output;
    private final ParquetFileWriter fileWriter;
    private ParquetRowGroup current;
    private long rows;
    private State state = State.OPEN;

    private enum State {
        OPEN,
        FINISHED,
        ABORTED
    }

    private ParquetBatchWriter(ParquetFormat format, Path lakeRoot, Path datasetDir) throws IOException {
        this.format = format;
        this.lakeRoot = lakeRoot;
        if (!Files.isDirectory(datasetDir)) {
            // Not on every file: createDirectories on an existing folder fails inside, building an
            // exception each time (ADR 0052).
            Files.createDirectories(datasetDir);
        }
        String id = UUID.randomUUID().toString();
        this.tempPath = datasetDir.resolve(".tmp-" + id + ".parquet");
        this.finalPath = datasetDir.resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + id + ".parquet");
        this.output = new NioOutputFile(tempPath);
        this.fileWriter = new ParquetFileWriter(
                output,
                format.messageType(),
                ParquetFileWriter.Mode.CREATE,
                format.options().rowGroupBytes(),
                0,
                null,
                format.properties());
        fileWriter.start();
    }

    /**
     * Opens a new file in {@code datasetDir} (created if missing), which must lie under {@code
     * lakeRoot}: the returned {@link NewDataFile} names the file relative to it.
     */
    public static ParquetBatchWriter create(ParquetFormat format, Path lakeRoot, Path datasetDir) {
        try {
            return new ParquetBatchWriter(format, lakeRoot, datasetDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a Parquet file in " + datasetDir, e);
        }
    }

    /** Shortcut for {@code create(new ParquetFormat(schema, options), lakeRoot, datasetDir)}. */
    public static ParquetBatchWriter create(
            LakeSchema schema, ParquetWriteOptions options, Path lakeRoot, Path datasetDir) {
        return create(new ParquetFormat(schema, options), lakeRoot, datasetDir);
    }

    public ParquetFormat format() {
        return format;
    }

    /** Encodes {@code batch} into the current row group, starting a new group when it is full. */
    public void write(VectorSchemaRoot batch) {
        requireOpen();
        if (batch.getRowCount() == 0) {
            return;
        }
        if (tuned == null) {
            tuned = format.tunedFor(batch);
        }
        if (current == null) {
            current = tuned.newRowGroup();
        }
        current.add(batch);
        if (current.full()) {
            flushCurrent();
        }
    }

    /**
     * Appends a row group encoded elsewhere (sealing it if needed) as the file's next row group, and
     * closes it. Rows written through {@link #write} before it come first.
     */
    public void append(ParquetRowGroup group) {
        requireOpen();
        try (group) {
            if (current != null) {
                flushCurrent();
            }
            if (group.rows() > 0) {
                group.writeTo(fileWriter);
                rows += group.rows();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a row group to " + tempPath, e);
        }
    }

    private void flushCurrent() {
        ParquetRowGroup group = current;
        current = null;
        append(group);
    }

    /** Rows in the file so far, including the row group being encoded. */
    public long rows() {
        return rows + (current == null ? 0 : current.rows());
    }

    /** Bytes written plus bytes buffered in the current row group: about the file's size so far. */
    public long sizeBytes() {
        try {
            return fileWriter.getPos() + (current == null ? 0 : current.bufferedBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Completes the file: footer, fsync, atomic rename to its final name, fsync of the folder.
     *
     * @return the file for a commit, path relative to the lake root with '/' separators
     */
    public NewDataFile finish() {
        requireOpen();
        try {
            if (current != null) {
                flushCurrent();
            }
            fileWriter.end(Map.of());
            Files.move(tempPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
            state = State.FINISHED;
            syncDirectory(finalPath.getParent());
            long size = Files.size(finalPath);
            String relative = lakeRoot.toAbsolutePath()
                    .normalize()
                    .relativize(finalPath.toAbsolutePath().normalize())
                    .toString()
                    .replace('\\', '/');
            return new NewDataFile(
                    relative,
                    rows,
                    size,
                    ParquetFileStats.of(fileWriter.getFooter(), format.schema(), format.messageType()));
        } catch (IOException | RuntimeException e) {
            abortAfter(e);
            throw e instanceof IOException io
                    ? new UncheckedIOException("Could not complete Parquet file " + tempPath + "; it was deleted", io)
                    : (RuntimeException) e;
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The file's final path (it exists only after {@link #finish()}). */
    public Path finalPath() {
        return finalPath;
    }

    /**
     * Deletes the file, finished or not, and releases its buffers. Idempotent. Used when the commit
     * that would reference the file does not happen.
     */
    public void abort() {
        if (state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        IOException failure = null;
        if (current != null) {
            current.close();
            current = null;
        }
        try {
            output.abandon();
        } catch (IOException e) {
            failure = e;
        }
        try {
            Files.deleteIfExists(tempPath);
            Files.deleteIfExists(finalPath);
        } catch (IOException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e;
        }
        if (failure != null) {
            throw new UncheckedIOException("Could not delete the aborted Parquet file " + tempPath, failure);
        }
    }

    private void abortAfter(Exception cause) {
        try {
            abort();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "Parquet file " + tempPath + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Aborts unless {@link #finish()} succeeded; a finished file stays. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            abort();
        }
    }
}
