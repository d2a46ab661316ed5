package io.lakehub.routes.brokers;

import java.util.concurrent.CompletableFuture;

/**
 * Groups the messages of broker pipelines into commits: many messages, one catalog commit (a
 * group commit). The hub's implementation, {@code io.lakehub.app.brokers.GroupCommitMessageCommitter},
 * puts them through the shared {@code io.lakehub.processors.stream.GroupCommitter}.
 */
public interface MessageCommitter {

    /**
     * Queues a message for the next commit of its pipeline. Back-pressure: while the pipeline's queue
     * is full (the writer is behind) this blocks the broker's consumer thread, so the consumer stops
     * taking (and acknowledging) messages until the writer catches up.
     *
     * @return completes once the commit holding the message is in the catalog (or once the message
     *     is known to be a duplicate of a committed one); completes exceptionally when the message
     *     was refused (its exception says why, and that nothing of it was written) or the pipeline
     *     stopped before its commit. Only after normal completion may the message be acknowledged
     *     to its broker.
     */
    CompletableFuture<MessageReceipt> submit(PipelineMessage message);

    /** What the commit of a message did. */
    record MessageReceipt(long snapshotId, boolean duplicate) {}
}
