package io.lakehub.app.brokers;

import io.lakehub.app.config.BrokerProperties;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.stream.Ack;
import io.lakehub.processors.stream.CommitBatchWriter;
import io.lakehub.processors.stream.CommitterBusyException;
import io.lakehub.processors.stream.GroupCommitSettings;
import io.lakehub.processors.stream.GroupCommitter;
import io.lakehub.routes.brokers.MessageCommitter;
import io.lakehub.routes.brokers.PipelineMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker messages through the hub's shared group committer ({@link GroupCommitter}, ADR 0023): one
 * committer per pipeline, scope {@code broker:<pipeline>}, each message one delivery whose broker
 * message id (AMQP {@code message-id}, NATS {@code Nats-Msg-Id}) is its idempotency key, remembered
 * in the commit's transaction for {@code lakehub.brokers.idempotency-window}. What a broker needs
 * beyond a webhook is added here:
 *
 * <ul>
 *   <li>back-pressure by waiting: a full queue ({@link CommitterBusyException}) holds the broker's
 *       consumer thread until there is room, instead of refusing the message;
 *   <li>no message lost to a failure that may pass: a batch that failed for any reason other than a
 *       refusal of the message itself ({@link IngestRefusedException}) is submitted again after a
 *       doubling backoff, the message unacknowledged meanwhile.
 * </ul>
 */
public final class GroupCommitMessageCommitter implements MessageCommitter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitMessageCommitter.class);

    /** Commits one batch of a pipeline's message bodies, remembering {@code keys}, as one run. */
    @FunctionalInterface
    public interface BatchCommit {
        /**
         * @return the snapshot holding the batch
         * @throws IngestRefusedException the batch was refused; nothing was written
         * @throws io.lakehub.catalog.commit.DuplicateIdempotencyKeyException a key was committed meanwhile
         * @throws RuntimeException a failure that may pass; nothing was written
         */
        long commit(String pipelineId, List<byte[]> bodies, IdempotencyKeys keys);
    }

    /** Which of {@code keys} the catalog remembers for the pipeline's dataset in {@code scope}. */
    @FunctionalInterface
    public interface RememberedKeys {
        Map<String, IdempotencyKeys.Remembered> of(String pipelineId, String scope, Collection<String> keys);
    }

    private final BrokerProperties settings;
    private final BatchCommit batchCommit;
    private final RememberedKeys rememberedKeys;
    private final Map<String, GroupCommitter<byte[]>> committers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("lakehub-broker-retries").daemon(true).unstarted(r));
    private volatile boolean closed;

    public GroupCommitMessageCommitter(
            BrokerProperties settings, BatchCommit batchCommit, RememberedKeys rememberedKeys) {
        this.settings = settings;
        this.batchCommit = batchCommit;
        this.rememberedKeys = rememberedKeys;
    }

    /** The scope of a broker pipeline's idempotency keys (its message ids). */
    public static String scope(String pipelineId) {
        return "broker:" + pipelineId;
    }

    @Override
    public CompletableFuture<MessageReceipt> submit(PipelineMessage message) {
        CompletableFuture<MessageReceipt> receipt = new CompletableFuture<>();
        attempt(message, receipt, settings.getRetryBackoff());
        return receipt;
    }

    private void attempt(PipelineMessage message, CompletableFuture<MessageReceipt> receipt, Duration backoff) {
        String key = message.messageId() != null && message.messageId().length() <= IdempotencyKeys.MAX_LENGTH
                ? message.messageId()
                : null;
        CompletableFuture<Ack> ack;
        while (true) {
            if (closed) {
                receipt.completeExceptionally(new IllegalStateException(
                        "The hub is stopping; the message was not written and is left with its broker."));
                return;
            }
            try {
                ack = committers
                        .computeIfAbsent(message.pipelineId(), this::open)
                        .submit(List.of(message.body()), key);
                break;
            } catch (CommitterBusyException busy) {
                // Back-pressure: the broker's consumer thread waits here; nothing is taken or acknowledged meanwhile.
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        ack.whenComplete((a, failure) -> {
            if (failure == null) {
                receipt.complete(new MessageReceipt(a.snapshotId(), a.duplicate()));
                return;
            }
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause instanceof IngestRefusedException || closed) {
                receipt.completeExceptionally(cause);
                return;
            }
            LOG.warn(
                    "Pipeline {}: a message could not be committed ({}); nothing of it was written, it stays"
                            + " unacknowledged and is tried again in {}",
                    message.pipelineId(),
                    cause.getMessage(),
                    backoff);
            Duration doubled = backoff.multipliedBy(2);
            Duration next =
                    doubled.compareTo(settings.getRetryBackoffMax()) > 0 ? settings.getRetryBackoffMax() : doubled;
            retries.schedule(() -> attempt(message, receipt, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private GroupCommitter<byte[]> open(String pipelineId) {
        String scope = scope(pipelineId);
        CommitBatchWriter<byte[]> writer = new CommitBatchWriter<>() {
            @Override
            public long commit(List<byte[]> items, IdempotencyKeys keys) {
                return batchCommit.commit(pipelineId, items, keys);
            }

            @Override
            public Map<String, IdempotencyKeys.Remembered> remembered(Collection<String> keys) {
                return rememberedKeys.of(pipelineId, scope, keys);
            }

            @Override
            public boolean isolates(RuntimeException failure) {
                return failure instanceof IngestRefusedException;
            }
        };
        return new GroupCommitter<>(
                scope,
                writer,
                new GroupCommitSettings(
                        settings.getBatchSize(),
                        settings.getBatchInterval(),
                        Math.max(settings.getQueueCapacity(), settings.getBatchSize()),
                        settings.getRetryBackoff(),
                        settings.getIdempotencyWindow(),
                        1));
    }

    /** Stops a pipeline's committer (removed or replaced): it commits what waits, then stops. */
    public void stop(String pipelineId) {
        GroupCommitter<byte[]> committer = committers.remove(pipelineId);
        if (committer != null) {
            committer.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        committers.values().forEach(GroupCommitter::close);
        committers.clear();
        retries.shutdownNow();
    }
}
