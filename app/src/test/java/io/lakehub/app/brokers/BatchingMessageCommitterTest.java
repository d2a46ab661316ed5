package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.app.config.BrokerProperties;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageCommitter.MessageReceipt;
import io.lakehub.routes.brokers.PipelineMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchingMessageCommitterTest {

    private static BrokerProperties settings(int batchSize) {
        BrokerProperties s = new BrokerProperties();
        s.setBatchSize(batchSize);
        s.setBatchInterval(Duration.ofMillis(100));
        s.setRetryBackoff(Duration.ofMillis(10));
        return s;
    }

    private static PipelineMessage message(String id, String json) {
        return new PipelineMessage("p", json.getBytes(StandardCharsets.UTF_8), id);
    }

    @Test
    void messagesShareCommitsAndEachFutureCompletesWithItsSnapshot() throws Exception {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger snapshots = new AtomicInteger();
        try (BatchingMessageCommitter committer = new BatchingMessageCommitter(
                settings(10),
                (pipeline, messages, ids) -> {
                    batches.add(messages.size());
                    return snapshots.incrementAndGet();
                },
                pipeline -> List.of())) {
            List<CompletableFuture<MessageReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                futures.add(committer.submit(message("m-" + i, "{\"n\":" + i + "}")));
            }
            for (CompletableFuture<MessageReceipt> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
            }
        }
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
        assertThat(batches.size()).isLessThan(25);
    }

    @Test
    void aMessageIdCommittedBeforeIsAcknowledgedAsADuplicateWithoutWritingIt() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try (BatchingMessageCommitter committer = new BatchingMessageCommitter(
                settings(10),
                (pipeline, messages, ids) -> {
                    written.addAll(ids);
                    return 7;
                },
                pipeline -> List.of("crashed-before-ack"))) {
            assertThat(committer
                            .submit(message("a", "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .duplicate())
                    .isFalse();
            MessageReceipt again = committer.submit(message("a", "{}")).get(10, TimeUnit.SECONDS);
            assertThat(again.duplicate()).isTrue();
            assertThat(again.snapshotId()).isEqualTo(7);
            assertThat(committer
                            .submit(message("crashed-before-ack", "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .duplicate())
                    .isTrue();
            assertThat(committer
                            .submit(message(null, "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .duplicate())
                    .isFalse();
        }
        assertThat(written).containsExactly("a");
    }

    @Test
    void aRefusedBatchIsCommittedOneByOneSoOnlyTheCulpritFails() throws Exception {
        try (BatchingMessageCommitter committer = new BatchingMessageCommitter(
                settings(10),
                (pipeline, messages, ids) -> {
                    if (ids.contains("bad")) {
                        throw new IngestRefusedException("not JSON; nothing was written", null);
                    }
                    return 1;
                },
                pipeline -> List.of())) {
            CompletableFuture<MessageReceipt> good = committer.submit(message("good", "{}"));
            CompletableFuture<MessageReceipt> bad = committer.submit(message("bad", "x"));
            assertThat(good.get(10, TimeUnit.SECONDS).snapshotId()).isEqualTo(1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IngestRefusedException.class);
        }
    }

    @Test
    void aCommitThatFailsForAPassingReasonIsRetriedAndTheMessageIsNotLost() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (BatchingMessageCommitter committer = new BatchingMessageCommitter(
                settings(10),
                (pipeline, messages, ids) -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("catalog unreachable");
                    }
                    return 5;
                },
                pipeline -> List.of())) {
            assertThat(committer
                            .submit(message("m", "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .snapshotId())
                    .isEqualTo(5);
        }
        assertThat(attempts.get()).isEqualTo(3);
    }
}
