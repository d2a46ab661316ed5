package io.lakehub.processors.chain;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.processors.parquet.ParquetBatchWriter;
import io.lakehub.processors.parquet.ParquetFormat;
import io.lakehub.processors.parquet.ParquetRowGroup;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one source's batches into Parquet files with every core busy, keeping source order.
 *
 * <pre>
 *   calling thread:   source.next(batch) [-> steps] --batch--> worker (seq % n) inbox
 *   worker threads:   batches of one row group -> ParquetRowGroup (encode + compress) -> seal
 *   whichever worker: row groups appended in seq order to the current file; a new file once the
 *                     current one reaches the target size
 * </pre>
 *
 * Batches come from a fixed pool of reusable {@link VectorSchemaRoot}s: the reader blocks when the
 * writers fall behind, so memory is bounded by the pool and the row groups in flight, never by the
 * source. A row group is cut by the reader after {@code rowGroupRows} rows or {@code rowGroupBytes}
 * of Arrow data, so all of its batches go to one worker.
 *
 * <p>Without steps the source fills the pooled batches directly. With steps the pool holds batches
 * of the chain's output schema: the source fills one batch of its own schema, the steps run on it
 * on this thread, and the batch leaving the last step is moved into a pooled one with zero-copy
 * {@link TransferPair}s (its buffers change owner, nothing is copied).
 *
 * <p>A source of one row group (a small commit: a change batch, a webhook, a Kafka poll) starts no
 * thread at all: the first row group's messages are held back on the calling thread and, when the
 * source ends before a second row group begins, encoded there (ADR 0055). A second row group, or a
 * pool that runs dry, hands the held messages to the first worker, which then starts as before.
 *
 * <p>Failure anywhere stops the reading; {@link #close()} deletes every file written unless {@link
 * #committed()} was called. A failed worker keeps returning batches to the pool until told to stop,
 * so the reader can never wait on a batch that will not come back.
 */
final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Tuned on the first batch (set before any worker sees a batch; the inbox hands it over). */
    private volatile ParquetFormat format;

    private final BufferAllocator allocator;
    private final BlockingQueue<VectorSchemaRoot> free;
    private final List<VectorSchemaRoot> roots = new ArrayList<>();
    private final Schema arrowSchema;
    private final int poolSize;
    private final Worker[] workers;
    private final Sequencer sequencer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The first row group's messages for worker 0, held on the calling thread (see the class comment). */
    private final List<Message> held = new ArrayList<>();
    /** Whether messages to worker 0 are still held back: until its first row group is complete. */
    private boolean holding = true;
    /** Whether the held messages make a complete row group (its EndGroup was posted). */
    private boolean heldGroupComplete;

    private boolean started;
    private boolean stopped;
    private boolean committed;

    IngestPipeline(
            ParquetFormat format,
            Schema arrowSchema,
            Path lakeRoot,
            Path datasetDir,
            long targetFileBytes,
            int workerCount,
            int poolSize,
            BufferAllocator allocator) {
        this.format = format;
        this.allocator = allocator;
        this.free = new ArrayBlockingQueue<>(poolSize);
        // The pool's batches are created as the source needs them (takeFree): a 100-row commit uses one.
        this.arrowSchema = arrowSchema;
        this.poolSize = poolSize;
        this.sequencer = new Sequencer(format, lakeRoot, datasetDir, targetFileBytes);
        this.workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker();
        }
    }

    /**
     * Reads {@code source} to its end through the steps and the writers.
     *
     * @param sourceSchema the schema of the source's batches (used only when there are steps)
     *
     * @return the finished files, in source order
     * @throws RuntimeException whatever the reader or a writer threw (a writer's checked failure
     *     wrapped); nothing is committed and {@link #close()} deletes what was written
     */
    /**
     * After {@link #run} returned no file: writes one Parquet file with the schema and no rows, so a
     * source without rows still gives its dataset columns that queries can read. Deleted by {@link
     * #close()} like the others unless committed.
     */
    NewDataFile emptyFile() {
        if (!started) {
            throw new IllegalStateException("run() first");
        }
        return sequencer.emptyFile();
    }

    List<NewDataFile> run(BatchSource source, StepChain steps, Schema sourceSchema) throws InterruptedException {
        if (started) {
            throw new IllegalStateException("a pipeline runs once");
        }
        started = true;
        // Workers start with their first row group (post), and a source of one row group, such as a
        // small commit of a change batch or a webhook, is encoded on this thread: no thread is
        // started, handed batches and joined per commit (ADRs 0052, 0055).
        boolean debug = LOG.isDebugEnabled();
        long cpu = debug ? THREADS.getCurrentThreadCpuTime() : 0;
        long wall = System.nanoTime();
        try {
            if (steps.isEmpty()) {
                feed(source);
            } else {
                feedThroughSteps(source, steps, sourceSchema);
            }
            if (!held.isEmpty()) {
                // The source ended within its first row group: encode it here.
                holding = false;
                List<Message> mine = List.copyOf(held);
                held.clear();
                workers[0].inline(mine);
            }
        } finally {
            if (debug) {
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            }
            // A failed read leaves held batches behind: they go back to the pool (close() frees them).
            for (Message m : held) {
                if (m instanceof Batch b) {
                    free.add(b.root());
                }
            }
            held.clear();
            stopWorkers();
        }
        if (debug) {
            StringBuilder sb = new StringBuilder();
            for (Worker w : workers) {
                sb.append(String.format(java.util.Locale.ROOT, " %.2f", w.cpuNanos / 1e9));
            }
            LOG.debug(
                    "pipeline: {} s wall, reading thread {} s CPU, writer threads{} s CPU",
                    String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - wall) / 1e9),
                    String.format(java.util.Locale.ROOT, "%.2f", cpu / 1e9),
                    sb);
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("A Parquet writer failed", f);
        }
        return sequencer.finish();
    }

    private void feed(BatchSource reader) throws InterruptedException {
        long rowGroupRows = format.options().rowGroupRows();
        long rowGroupBytes = format.options().rowGroupBytes();
        long seq = 0;
        long groupRows = 0;
        long groupBytes = 0;
        int w = 0;
        while (failure.get() == null) {
            VectorSchemaRoot batch = takeFree();
            boolean more;
            try {
                more = reader.next(batch);
            } catch (RuntimeException e) {
                free.add(batch);
                throw e;
            }
            if (!more) {
                free.add(batch);
                break;
            }
            if (seq == 0 && groupRows == 0) {
                format = format.tunedFor(batch);
            }
            groupRows += batch.getRowCount();
            groupBytes += arrowBytes(batch);
            post(w, new Batch(batch));
            if (groupRows >= rowGroupRows || groupBytes >= rowGroupBytes) {
                post(w, new EndGroup(seq++));
                w = (w + 1) % workers.length;
                groupRows = 0;
                groupBytes = 0;
            }
        }
        if (groupRows > 0) {
            post(w, new EndGroup(seq));
        }
    }

    /**
     * The source fills {@code input}; the steps turn it into the batch to write, whose buffers move
     * into a pooled batch. Row groups are cut as in {@link #feed}.
     */
    private void feedThroughSteps(BatchSource source, StepChain steps, Schema sourceSchema)
            throws InterruptedException {
        long rowGroupRows = format.options().rowGroupRows();
        long rowGroupBytes = format.options().rowGroupBytes();
        long seq = 0;
        long groupRows = 0;
        long groupBytes = 0;
        int w = 0;
        try (VectorSchemaRoot input = VectorSchemaRoot.create(sourceSchema, allocator)) {
            while (failure.get() == null) {
                if (!source.next(input)) {
                    break;
                }
                VectorSchemaRoot out = steps.apply(input);
                int rows = out.getRowCount();
                if (rows == 0) {
                    continue;
                }
                VectorSchemaRoot batch = takeFree();
                List<FieldVector> from = out.getFieldVectors();
                for (int i = 0; i < from.size(); i++) {
                    from.get(i).makeTransferPair(batch.getVector(i)).transfer();
                }
                batch.setRowCount(rows);
                if (seq == 0 && groupRows == 0) {
                    format = format.tunedFor(batch);
                }
                groupRows += rows;
                groupBytes += arrowBytes(batch);
                post(w, new Batch(batch));
                if (groupRows >= rowGroupRows || groupBytes >= rowGroupBytes) {
                    post(w, new EndGroup(seq++));
                    w = (w + 1) % workers.length;
                    groupRows = 0;
                    groupBytes = 0;
                }
            }
        }
        if (groupRows > 0) {
            post(w, new EndGroup(seq));
        }
    }

    /**
     * A free pooled batch, created while the pool has fewer than its size. While the first row group
     * is held back its batches are not returned to the pool, so when the pool runs dry the held
     * messages go to their worker first (else this thread would wait for batches only it could
     * release).
     */
    private VectorSchemaRoot takeFree() throws InterruptedException {
        VectorSchemaRoot batch = free.poll();
        if (batch != null) {
            return batch;
        }
        if (roots.size() < poolSize) {
            batch = VectorSchemaRoot.create(arrowSchema, allocator);
            roots.add(batch);
            return batch;
        }
        handOverHeld();
        return free.take();
    }

    /**
     * Hands {@code m} to worker {@code w}, starting its thread on the first message. The first row
     * group's messages to worker 0 are held back instead, until a message of another row group
     * comes (see the class comment).
     */
    private void post(int w, Message m) {
        if (holding) {
            if (w == 0 && !heldGroupComplete) {
                held.add(m);
                if (m instanceof EndGroup) {
                    heldGroupComplete = true;
                }
                return;
            }
            handOverHeld();
        }
        send(w, m);
    }

    /** Stops holding back: the held messages go to worker 0, in order, before any other message. */
    private void handOverHeld() {
        if (!holding) {
            return;
        }
        holding = false;
        for (Message m : held) {
            send(0, m);
        }
        held.clear();
    }

    private void send(int w, Message m) {
        Worker worker = workers[w];
        if (!worker.started) {
            worker.started = true;
            worker.thread = new Thread(worker::loop, "lakehub-parquet-writer-" + w);
            worker.thread.setDaemon(true);
            worker.thread.start();
        }
        worker.inbox.add(m);
    }

    private static long arrowBytes(VectorSchemaRoot batch) {
        long bytes = 0;
        for (FieldVector v : batch.getFieldVectors()) {
            bytes += v.getBufferSize();
        }
        return bytes;
    }

    private void stopWorkers() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Worker w : workers) {
            if (w.started) {
                w.inbox.add(Stop.INSTANCE);
            }
        }
        boolean interrupted = false;
        for (Worker w : workers) {
            while (w.thread != null && w.thread.isAlive()) {
                try {
                    w.thread.join();
                } catch (InterruptedException e) {
                    // The workers finish their inbox quickly; wait for them so no file is left open.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedException("interrupted while the Parquet writers stopped");
        }
    }

    /** The files are referenced by a commit now; {@link #close()} keeps them. */
    void committed() {
        committed = true;
    }

    /** Stops the writers if running, deletes every file unless committed, frees the batches. */
    @Override
    public void close() {
        RuntimeException problem = null;
        try {
            if (started) {
                stopWorkers();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = new IllegalStateException("interrupted while stopping the Parquet writers", e);
        }
        try {
            if (!committed) {
                sequencer.abortAll();
            }
        } catch (RuntimeException e) {
            if (problem != null) {
                e.addSuppressed(problem);
            }
            problem = e;
        }
        roots.forEach(VectorSchemaRoot::close);
        allocator.close();
        if (problem != null) {
            throw problem;
        }
    }

    private sealed interface Message permits Batch, EndGroup, Stop {}

    private record Batch(VectorSchemaRoot root) implements Message {}

    private record EndGroup(long seq) implements Message {}

    private enum Stop implements Message {
        INSTANCE
    }

    private void fail(Throwable t) {
        if (!failure.compareAndSet(null, t)) {
            failure.get().addSuppressed(t);
        }
    }

    private final class Worker {
        final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        /** Created and started with the first message sent to it (by the reading thread, which alone posts). */
        Thread thread;
        /** Whether {@link #thread} was started. */
        boolean started;
        /** CPU time the thread used, set when it ends (read after join). */
        long cpuNanos;
        /**
         * The row group being filled: by the thread, or before it ever starts by the reading thread
         * ({@link #inline}); never by both.
         */
        private ParquetRowGroup group;

        private void loop() {
            try {
                while (handle(inbox.take())) {
                    // next message
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                closeGroup();
                cpuNanos = THREADS.getCurrentThreadCpuTime();
            }
        }

        /** Handles {@code messages} on the calling thread, as the thread would have; the thread never starts. */
        void inline(List<Message> messages) {
            try {
                for (Message m : messages) {
                    handle(m);
                }
            } catch (Throwable t) {
                fail(t);
            } finally {
                closeGroup();
            }
        }

        /** @return false for {@link Stop} */
        private boolean handle(Message m) {
            if (m instanceof Batch b) {
                try {
                    if (failure.get() == null) {
                        if (group == null) {
                            group = format.newRowGroup();
                        }
                        group.add(b.root());
                    }
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    free.add(b.root());
                }
                return true;
            }
            if (m instanceof EndGroup e) {
                ParquetRowGroup sealed = group;
                group = null;
                if (sealed != null) {
                    if (failure.get() == null) {
                        try {
                            sealed.seal();
                            sequencer.submit(e.seq(), sealed);
                        } catch (Throwable t) {
                            sealed.close();
                            fail(t);
                        }
                    } else {
                        sealed.close();
                    }
                }
                return true;
            }
            return false;
        }

        private void closeGroup() {
            if (group != null) {
                group.close();
                group = null;
            }
        }
    }

    /** Appends sealed row groups to files strictly in sequence order; rolls files by size. */
    private static final class Sequencer {
        private final ParquetFormat format;
        private final Path lakeRoot;
        private final Path datasetDir;
        private final long targetFileBytes;
        private final TreeMap<Long, ParquetRowGroup> pending = new TreeMap<>();
        private final List<ParquetBatchWriter> writers = new ArrayList<>();
        private final List<NewDataFile> files = new ArrayList<>();
        private ParquetBatchWriter current;
        private long next;
        private boolean aborted;

        Sequencer(ParquetFormat format, Path lakeRoot, Path datasetDir, long targetFileBytes) {
            this.format = format;
            this.lakeRoot = lakeRoot;
            this.datasetDir = datasetDir;
            this.targetFileBytes = targetFileBytes;
        }

        synchronized void submit(long seq, ParquetRowGroup group) {
            if (aborted) {
                group.close();
                return;
            }
            pending.put(seq, group);
            ParquetRowGroup ready;
            while ((ready = pending.remove(next)) != null) {
                next++;
                append(ready);
            }
        }

        private void append(ParquetRowGroup group) {
            if (current == null) {
                current = ParquetBatchWriter.create(format, lakeRoot, datasetDir);
                writers.add(current);
            }
            current.append(group);
            if (current.sizeBytes() >= targetFileBytes) {
                files.add(current.finish());
                current = null;
            }
        }

        synchronized List<NewDataFile> finish() {
            if (!pending.isEmpty()) {
                throw new IllegalStateException(
                        "row groups " + pending.keySet() + " arrived without row group " + next);
            }
            if (current != null) {
                files.add(current.finish());
                current = null;
            }
            return List.copyOf(files);
        }

        /** One file without rows (a valid Parquet file with the schema and no row group), after {@link #finish}. */
        synchronized NewDataFile emptyFile() {
            if (!files.isEmpty() || current != null) {
                throw new IllegalStateException("an empty file is only written when no row was");
            }
            ParquetBatchWriter writer = ParquetBatchWriter.create(format, lakeRoot, datasetDir);
            writers.add(writer);
            NewDataFile file = writer.finish();
            files.add(file);
            return file;
        }

        synchronized void abortAll() {
            aborted = true;
            pending.values().forEach(ParquetRowGroup::close);
            pending.clear();
            RuntimeException problem = null;
            for (ParquetBatchWriter w : writers) {
                try {
                    w.abort();
                } catch (RuntimeException e) {
                    if (problem == null) {
                        problem = e;
                    } else {
                        problem.addSuppressed(e);
                    }
                }
            }
            current = null;
            if (problem != null) {
                throw problem;
            }
        }
    }
}
