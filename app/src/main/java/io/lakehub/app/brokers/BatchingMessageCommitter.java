package io.lakehub.app.brokers;

import io.lakehub.app.config.BrokerProperties;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageCommitter;
import io.lakehub.routes.brokers.PipelineMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link MessageCommitter}: one lane per pipeline, a bounded queue and one committing
 * thread. The thread takes the first waiting message, then whatever arrives within {@code
 * batch-interval} up to {@code batch-size}, leaves out messages whose id was committed before, and
 * hands the rest to a {@link BatchWriter} (one pipeline run, one catalog commit). The futures of
 * the batch complete after the commit, so the broker hears of each message only then.
 *
 * <p>Failures: a batch the ingest refuses ({@link IngestRefusedException}, e.g. more bad rows than
 * allowed) is committed again one message at a time, so only the refused message fails; any other
 * failure (catalog unreachable, another run holding the pipeline) is retried with a doubling
 * backoff while the messages stay unacknowledged, which is the back-pressure on the broker.
 *
 * <p>This is a minimal group committer for broker messages; it sits behind {@link MessageCommitter}
 * so that the hub's shared group committer can take its place.
 */
public final class BatchingMessageCommitter implements MessageCommitter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingMessageCommitter.class);

    /** Commits one batch of one pipeline: its run and its commit. */
    @FunctionalInterface
    public interface BatchWriter {
        /**
         * @param ids the message ids of the batch (those it has), to commit with the data
         * @return the snapshot holding the batch
         * @throws IngestRefusedException when the data is refused; nothing was written
         * @throws RuntimeException for a failure that may pass; nothing was written
         */
        long commit(String pipelineId, List<PipelineMessage> messages, List<String> ids);
    }

    /** The message ids a pipeline committed last, read back from the catalog at its first message. */
    @FunctionalInterface
    public interface CommittedIds {
        List<String> of(String pipelineId);
    }

    private final BrokerProperties settings;
    private final BatchWriter writer;
    private final CommittedIds committedIds;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public BatchingMessageCommitter(BrokerProperties settings, BatchWriter writer, CommittedIds committedIds) {
        this.settings = settings;
        this.writer = writer;
        this.committedIds = committedIds;
    }

    @Override
    public CompletableFuture<MessageReceipt> submit(PipelineMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "The hub is stopping; the message was not written and is left with its broker."));
        }
        Lane lane = lanes.computeIfAbsent(message.pipelineId(), Lane::new);
        Pending pending = new Pending(message, new CompletableFuture<>());
        try {
            // Back-pressure: a full queue holds the broker's consumer thread here.
            while (!lane.queue.offer(pending, 200, TimeUnit.MILLISECONDS)) {
                if (closed || lane.stopped) {
                    return CompletableFuture.failedFuture(new IllegalStateException(
                            "The hub is stopping; the message was not written and is left with its broker."));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return pending.done;
    }

    /** Stops the lane of a pipeline (removed or replaced); messages not committed yet fail and stay unacknowledged. */
    public void stop(String pipelineId) {
        Lane lane = lanes.remove(pipelineId);
        if (lane != null) {
            lane.stop();
        }
    }

    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(Lane::stop);
        lanes.clear();
    }

    private record Pending(PipelineMessage message, CompletableFuture<MessageReceipt> done) {}

    /** One pipeline's queue, dedupe memory and committing thread. */
    private final class Lane implements Runnable {
        private final String pipelineId;
        private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(settings.getQueueCapacity());
        private final Set<String> recentIds = new LinkedHashSet<>();
        private final Map<String, Long> recentSnapshots = new LinkedHashMap<>();
        private final Thread thread;
        private volatile boolean stopped;

        Lane(String pipelineId) {
            this.pipelineId = pipelineId;
            this.thread = Thread.ofPlatform()
                    .name("lakehub-messages-" + pipelineId)
                    .daemon(true)
                    .unstarted(this);
            thread.start();
        }

        @Override
        public void run() {
            try {
                remember(committedIds.of(pipelineId), 0L);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Pipeline {}: could not read the message ids of its last commit ({}); a message delivered"
                                + " again after a crash may land twice",
                        pipelineId,
                        e.toString());
            }
            List<Pending> batch = new ArrayList<>();
            while (!stopped) {
                try {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    long deadline =
                            System.nanoTime() + settings.getBatchInterval().toNanos();
                    while (batch.size() < settings.getBatchSize()) {
                        long left = deadline - System.nanoTime();
                        Pending next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                    commit(batch);
                } catch (InterruptedException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.error("Pipeline {}: a batch of {} message(s) failed unexpectedly", pipelineId, batch.size(), e);
                    fail(batch, e);
                } finally {
                    batch.clear();
                }
            }
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            fail(
                    left,
                    new IllegalStateException(
                            "Pipeline " + pipelineId
                                    + " stopped before the message was committed; nothing of it was written and it is left with its broker."));
        }

        /** Commits a batch, leaving out duplicates; retries what may pass; splits a refused batch. */
        private void commit(List<Pending> batch) throws InterruptedException {
            List<Pending> fresh = new ArrayList<>(batch.size());
            List<Pending> duplicates = new ArrayList<>();
            Set<String> idsInBatch = new LinkedHashSet<>();
            for (Pending p : batch) {
                String id = p.message().messageId();
                if (id != null && (recentIds.contains(id) || !idsInBatch.add(id))) {
                    // Delivered again (after a reconnect or a crash) or twice in one batch: acknowledged, not written.
                    duplicates.add(p);
                } else {
                    fresh.add(p);
                }
            }
            if (!fresh.isEmpty()) {
                commitWithRetries(fresh, true);
            }
            for (Pending p : duplicates) {
                Long snapshot = recentSnapshots.get(p.message().messageId());
                if (snapshot == null) {
                    // Its first delivery in this batch was refused: so is this one.
                    p.done()
                            .completeExceptionally(
                                    new IllegalStateException(
                                            "Pipeline " + pipelineId
                                                    + ": a message with the same id was refused in this batch; nothing of it was written."));
                } else {
                    p.done().complete(new MessageReceipt(snapshot, true));
                }
            }
        }

        private void commitWithRetries(List<Pending> batch, boolean maySplit) throws InterruptedException {
            Duration backoff = settings.getRetryBackoff();
            List<PipelineMessage> messages =
                    batch.stream().map(Pending::message).toList();
            List<String> ids = messages.stream()
                    .map(PipelineMessage::messageId)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            while (true) {
                if (stopped) {
                    fail(
                            batch,
                            new IllegalStateException("Pipeline " + pipelineId
                                    + " stopped before the message was committed; nothing of it was written and it is left"
                                    + " with its broker."));
                    return;
                }
                try {
                    long snapshot = writer.commit(pipelineId, messages, ids);
                    remember(ids, snapshot);
                    for (Pending p : batch) {
                        p.done().complete(new MessageReceipt(snapshot, false));
                    }
                    return;
                } catch (IngestRefusedException refused) {
                    if (maySplit && batch.size() > 1) {
                        LOG.info(
                                "Pipeline {}: a batch of {} messages was refused ({}); committing them one by one"
                                        + " so only the refused ones fail",
                                pipelineId,
                                batch.size(),
                                refused.getMessage());
                        for (Pending p : batch) {
                            commitWithRetries(List.of(p), false);
                        }
                    } else {
                        fail(batch, refused);
                    }
                    return;
                } catch (RuntimeException transientFailure) {
                    LOG.warn(
                            "Pipeline {}: a batch of {} message(s) could not be committed ({}); nothing of it was"
                                    + " written, it stays unacknowledged and is tried again in {}",
                            pipelineId,
                            batch.size(),
                            transientFailure.getMessage(),
                            backoff);
                    LockSupport.parkNanos(backoff.toNanos());
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    Duration doubled = backoff.multipliedBy(2);
                    backoff = doubled.compareTo(settings.getRetryBackoffMax()) > 0
                            ? settings.getRetryBackoffMax()
                            : doubled;
                }
            }
        }

        private void remember(Collection<String> ids, long snapshot) {
            int window = settings.getDedupeWindow();
            if (window == 0) {
                return;
            }
            for (String id : ids) {
                recentIds.remove(id);
                recentIds.add(id);
                recentSnapshots.remove(id);
                recentSnapshots.put(id, snapshot);
            }
            var it = recentIds.iterator();
            while (recentIds.size() > window && it.hasNext()) {
                String oldest = it.next();
                it.remove();
                recentSnapshots.remove(oldest);
            }
        }

        private void fail(List<Pending> batch, Throwable why) {
            for (Pending p : batch) {
                p.done().completeExceptionally(why);
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }
    }
}
