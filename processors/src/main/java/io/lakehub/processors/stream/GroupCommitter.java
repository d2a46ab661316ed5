package io.lakehub.processors.stream;

import io.lakehub.catalog.commit.DuplicateIdempotencyKeyException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for push sources: many concurrent deliveries (webhook calls; later MQTT, AMQP and
 * NATS messages), each answered only once its items are durable, share one catalog commit.
 *
 * <p><b>Use:</b> {@link #submit(List, String)} hands over a delivery's items, already validated and
 * converted (a delivery the writer could refuse must be refused before, so that it cannot fail its
 * neighbours), with an optional idempotency key. The returned future completes with an {@link Ack}
 * once a commit holding the items landed, or exceptionally when it did not; the caller answers its
 * sender then (HTTP 202, a broker ack) and never before.
 *
 * <p><b>Batching:</b> {@link GroupCommitSettings#writers()} writer threads per committer take what waits in a bounded queue and
 * commits it through the {@link CommitBatchWriter}: as soon as as many items wait as the recent
 * batches held at most (senders that wait for their answer send again together, so the writer does
 * not commit the first of them alone), capped at {@link GroupCommitSettings#maxBatchItems()}, or {@link
 * GroupCommitSettings#maxDelay()} after the first of them arrived (up to half the last commit's
 * duration, at most four times maxDelay, when that is longer), whichever comes first. While a commit runs, new deliveries queue, so the batch grows with the
 * load and the commit rate stays bounded by the catalog's speed, not by the request rate. One batch
 * is one {@link CommitBatchWriter#commit} call, one catalog transaction, holding every delivery's
 * items and every idempotency key of the batch.
 *
 * <p><b>Back-pressure:</b> the queue holds at most {@link GroupCommitSettings#maxQueuedItems()}
 * items; a delivery that does not fit is refused at once with {@link CommitterBusyException} (the
 * HTTP layer answers 503 with {@code Retry-After}). Nothing queues without bound.
 *
 * <p><b>Idempotency:</b> a key being committed right now (in the queue or in the running commit) is
 * not queued again: the second delivery gets the first one's future, its answer marked {@link
 * Ack#duplicate()}. Before each commit the writer asks the catalog for the batch's keys ({@link
 * CommitBatchWriter#remembered}); deliveries whose key is remembered are answered with the remembered
 * answer and leave the batch. The catalog checks again inside the commit's transaction (another hub
 * may have committed the key meanwhile): on {@link DuplicateIdempotencyKeyException} those
 * deliveries are answered as duplicates and the rest is committed again.
 *
 * <p><b>Failures:</b> a commit that fails completes every future of its batch exceptionally (nothing
 * of the batch was written: the catalog commit is atomic), except when {@link
 * CommitBatchWriter#isolates} says the failure may come from one delivery: then each delivery is
 * committed on its own and only the culprit fails. {@link #close()} stops taking deliveries, commits
 * what waits, and fails what it could not commit in time.
 *
 * @param <T> one item of a delivery
 */
public final class GroupCommitter<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** How long {@link #close()} waits for the queued deliveries to be committed. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final String scope;
    private final CommitBatchWriter<T> writer;
    private final GroupCommitSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final ArrayDeque<Delivery<T>> queue = new ArrayDeque<>();
    private final Map<String, CompletableFuture<Ack>> inFlight = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private int queuedItems;
    private boolean closing;
    /**
     * The recent peak of a batch's items, decaying by an eighth per batch: the writer waits (up to
     * maxDelay) until as many are queued. Following the peak rather than the previous batch keeps
     * closed-loop senders in one commit: with the previous batch alone, one short batch (a commit
     * that started while half of the senders were still being answered) made the next one start as
     * short, and the batches alternated between a few and most of the senders (ADR 0033).
     */
    private int peakBatchItems = Integer.MAX_VALUE;
    /**
     * How long the last commit took. While fewer items than the recent peak wait, the writer waits up
     * to half of it (between maxDelay and 4 × maxDelay): on a busy machine the answers of the last
     * batch and the senders' next requests take longer than maxDelay to come back, and a commit that
     * starts without them costs a whole commit more for the rest (ADR 0044).
     */
    private long lastCommitNanos;

    /**
     * Starts the writer threads.
     *
     * @param scope who owns the idempotency keys and names the thread, e.g. {@code webhook:orders}
     */
    public GroupCommitter(String scope, CommitBatchWriter<T> writer, GroupCommitSettings settings) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (int i = 0; i < settings.writers(); i++) {
            threads.add(
                    Thread.ofPlatform().name("group-commit-" + scope + "-" + i).start(this::run));
        }
    }

    /** The scope of the idempotency keys. */
    public String scope() {
        return scope;
    }

    /**
     * Queues a delivery for the next commit.
     *
     * @param items the delivery's items, validated; empty: answered at once with {@code accepted 0}
     * @param idempotencyKey the delivery's key (1 to 200 characters) or {@code null}
     * @return completes once the items are committed (or were, for a duplicate key), exceptionally with
     *     the commit's failure when they were not; nothing of a failed delivery was written
     * @throws CommitterBusyException the queue is full or the committer is closing; nothing was queued
     */
    public CompletableFuture<Ack> submit(List<T> items, String idempotencyKey) {
        Objects.requireNonNull(items, "items");
        if (idempotencyKey != null
                && (idempotencyKey.isEmpty() || idempotencyKey.length() > IdempotencyKeys.MAX_LENGTH)) {
            throw new IllegalArgumentException("An idempotency key must have 1 to 200 characters");
        }
        lock.lock();
        try {
            if (closing) {
                throw new CommitterBusyException(
                        "The " + scope + " writer is stopping; nothing was written. Retry in a moment.",
                        settings.retryAfter());
            }
            if (idempotencyKey != null) {
                CompletableFuture<Ack> first = inFlight.get(idempotencyKey);
                // A delivery with this key that has already failed (its writer has not yet taken it off the
                // in-flight keys) wrote nothing: this one is a retry and is queued as new, not answered with
                // the old failure.
                if (first != null && !first.isCompletedExceptionally()) {
                    return first.thenApply(Ack::asDuplicate);
                }
            }
            if (items.isEmpty()) {
                return CompletableFuture.completedFuture(new Ack(0, 0, false));
            }
            if (queuedItems > 0 && (long) queuedItems + items.size() > settings.maxQueuedItems()) {
                throw new CommitterBusyException(
                        "The " + scope + " writer falls behind: " + queuedItems + " items wait for a commit (at most "
                                + settings.maxQueuedItems() + "); nothing of this delivery was written.",
                        settings.retryAfter());
            }
            Delivery<T> d = new Delivery<>(List.copyOf(items), idempotencyKey, new CompletableFuture<>());
            queue.add(d);
            queuedItems += d.items.size();
            if (idempotencyKey != null) {
                inFlight.put(idempotencyKey, d.future);
            }
            waiting.signalAll();
            return d.future.copy();
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting for a commit (not counting the one running). */
    public int queuedItems() {
        lock.lock();
        try {
            return queuedItems;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            List<Delivery<T>> batch;
            while ((batch = take()) != null) {
                flush(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("The {} writer stopped unexpectedly; waiting deliveries fail", scope, e);
            lock.lock();
            try {
                closing = true;
            } finally {
                lock.unlock();
            }
        } finally {
            failWaiting(new CommitterBusyException(
                    "The " + scope + " writer stopped before committing this delivery; nothing of it was written.",
                    settings.retryAfter()));
        }
    }

    /** The next batch, or null once closing with nothing left. */
    private List<Delivery<T>> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                while (queue.isEmpty()) {
                    if (closing) {
                        return null;
                    }
                    waiting.await();
                }
                long maxDelay = settings.maxDelay().toNanos();
                long deadline = System.nanoTime() + Math.max(maxDelay, Math.min(lastCommitNanos / 2, 4 * maxDelay));
                int enough = Math.min(settings.maxBatchItems(), peakBatchItems);
                while (queuedItems < enough && !closing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    waiting.awaitNanos(left);
                }
                if (queue.isEmpty()) {
                    // Another writer took them while this one waited.
                    continue;
                }
                List<Delivery<T>> batch = new ArrayList<>();
                int items = 0;
                while (!queue.isEmpty()
                        && (batch.isEmpty() || items + queue.peek().items.size() <= settings.maxBatchItems())) {
                    Delivery<T> d = queue.poll();
                    batch.add(d);
                    items += d.items.size();
                }
                queuedItems -= items;
                peakBatchItems = peakBatchItems == Integer.MAX_VALUE
                        ? Math.max(1, items)
                        : Math.max(Math.max(1, items), peakBatchItems - peakBatchItems / 8);
                return batch;
            }
        } finally {
            lock.unlock();
        }
    }

    private void flush(List<Delivery<T>> batch) {
        long started = System.nanoTime();
        try {
            List<Delivery<T>> rest = answerRemembered(batch, null);
            commit(rest);
        } catch (RuntimeException | Error e) {
            for (Delivery<T> d : batch) {
                d.future.completeExceptionally(e);
            }
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            lock.lock();
            try {
                lastCommitNanos = System.nanoTime() - started;
                for (Delivery<T> d : batch) {
                    if (d.key != null) {
                        inFlight.remove(d.key, d.future);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Answers the deliveries whose key is remembered (asked from the catalog when {@code known} is null). */
    private List<Delivery<T>> answerRemembered(List<Delivery<T>> batch, Map<String, IdempotencyKeys.Remembered> known) {
        List<String> keys =
                batch.stream().map(Delivery::key).filter(Objects::nonNull).toList();
        if (keys.isEmpty()) {
            return batch;
        }
        Map<String, IdempotencyKeys.Remembered> remembered = known != null ? known : writer.remembered(keys);
        if (remembered.isEmpty()) {
            return batch;
        }
        List<Delivery<T>> rest = new ArrayList<>(batch.size());
        for (Delivery<T> d : batch) {
            IdempotencyKeys.Remembered r = d.key == null ? null : remembered.get(d.key);
            if (r != null) {
                d.future.complete(new Ack(r.accepted(), r.snapshotId(), true));
            } else {
                rest.add(d);
            }
        }
        return rest;
    }

    private void commit(List<Delivery<T>> batch) {
        while (!batch.isEmpty()) {
            List<T> items = new ArrayList<>();
            Map<String, Long> keys = new LinkedHashMap<>();
            for (Delivery<T> d : batch) {
                items.addAll(d.items);
                if (d.key != null) {
                    keys.put(d.key, (long) d.items.size());
                }
            }
            long snapshot;
            try {
                snapshot = writer.commit(
                        items, keys.isEmpty() ? null : new IdempotencyKeys(scope, keys, settings.idempotencyWindow()));
            } catch (DuplicateIdempotencyKeyException e) {
                List<Delivery<T>> rest = answerRemembered(batch, e.remembered());
                if (rest.size() == batch.size()) {
                    throw e;
                }
                batch = rest;
                continue;
            } catch (RuntimeException e) {
                if (batch.size() > 1 && writer.isolates(e)) {
                    LOG.info(
                            "A commit of {} deliveries to {} was refused ({}); committing each on its own",
                            batch.size(),
                            scope,
                            e.getMessage());
                    for (Delivery<T> d : batch) {
                        try {
                            commit(List.of(d));
                        } catch (RuntimeException alone) {
                            d.future.completeExceptionally(alone);
                        }
                    }
                    return;
                }
                throw e;
            }
            LOG.debug(
                    "{}: {} deliveries, {} items committed in snapshot {}",
                    scope,
                    batch.size(),
                    items.size(),
                    snapshot);
            for (Delivery<T> d : batch) {
                d.future.complete(new Ack(d.items.size(), snapshot, false));
            }
            return;
        }
    }

    private void failWaiting(RuntimeException failure) {
        List<Delivery<T>> left;
        lock.lock();
        try {
            closing = true;
            left = new ArrayList<>(queue);
            queue.clear();
            queuedItems = 0;
            inFlight.clear();
        } finally {
            lock.unlock();
        }
        for (Delivery<T> d : left) {
            d.future.completeExceptionally(failure);
        }
    }

    /**
     * Stops taking deliveries, commits those waiting (up to 30 s), then stops the writer thread;
     * deliveries it could not commit fail with {@link CommitterBusyException}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            waiting.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (Thread thread : threads) {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!thread.join(Duration.ofNanos(left))) {
                    LOG.warn("The {} writer did not finish its commits within {}; interrupting it", scope, CLOSE_WAIT);
                    thread.interrupt();
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failWaiting(new CommitterBusyException(
                "The " + scope + " writer stopped before committing this delivery; nothing of it was written.",
                settings.retryAfter()));
    }

    private record Delivery<T>(List<T> items, String key, CompletableFuture<Ack> future) {}
}
