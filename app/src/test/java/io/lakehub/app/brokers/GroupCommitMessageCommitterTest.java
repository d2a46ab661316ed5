package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.app.config.BrokerProperties;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageCommitter.MessageReceipt;
import io.lakehub.routes.brokers.PipelineMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The broker side of the shared group committer: batches, message ids as keys, retries, isolation. */
class GroupCommitMessageCommitterTest {

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
    void messagesShareCommitsAndAnIdCommittedBeforeIsNotWrittenAgain() throws Exception {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        Map<String, IdempotencyKeys.Remembered> catalog = new ConcurrentHashMap<>();
        AtomicInteger snapshots = new AtomicInteger();
        try (GroupCommitMessageCommitter committer = new GroupCommitMessageCommitter(
                settings(10),
                (pipeline, bodies, keys) -> {
                    batches.add(bodies.size());
                    long snapshot = snapshots.incrementAndGet();
                    if (keys != null) {
                        keys.keys().forEach((k, n) -> catalog.put(k, new IdempotencyKeys.Remembered(k, snapshot, n)));
                    }
                    return snapshot;
                },
                (pipeline, scope, keys) -> {
                    assertThat(scope).isEqualTo("broker:p");
                    Map<String, IdempotencyKeys.Remembered> found = new java.util.HashMap<>();
                    keys.forEach(k -> {
                        if (catalog.containsKey(k)) {
                            found.put(k, catalog.get(k));
                        }
                    });
                    return found;
                })) {
            List<CompletableFuture<MessageReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                futures.add(committer.submit(message("m-" + i, "{\"n\":" + i + "}")));
            }
            for (CompletableFuture<MessageReceipt> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
            }
            MessageReceipt again = committer.submit(message("m-3", "{\"n\":3}")).get(10, TimeUnit.SECONDS);
            assertThat(again.duplicate()).isTrue();
        }
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(batches.size()).isLessThan(25);
    }

    @Test
    void aCommitThatFailsForAPassingReasonIsSubmittedAgainAndTheMessageIsNotLost() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (GroupCommitMessageCommitter committer = new GroupCommitMessageCommitter(
                settings(10),
                (pipeline, bodies, keys) -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("catalog unreachable");
                    }
                    return 5;
                },
                (pipeline, scope, keys) -> Map.of())) {
            assertThat(committer
                            .submit(message(null, "{}"))
                            .get(10, TimeUnit.SECONDS)
                            .snapshotId())
                    .isEqualTo(5);
        }
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void aRefusedMessageFailsAloneAndIsNotRetried() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        try (GroupCommitMessageCommitter committer = new GroupCommitMessageCommitter(
                settings(10),
                (pipeline, bodies, keys) -> {
                    if (bodies.stream().anyMatch(b -> new String(b, StandardCharsets.UTF_8).equals("x"))) {
                        refusals.incrementAndGet();
                        throw new IngestRefusedException("not JSON; nothing was written", null);
                    }
                    return 1;
                },
                (pipeline, scope, keys) -> Map.of())) {
            CompletableFuture<MessageReceipt> good = committer.submit(message("good", "{}"));
            CompletableFuture<MessageReceipt> bad = committer.submit(message("bad", "x"));
            assertThat(good.get(10, TimeUnit.SECONDS).snapshotId()).isEqualTo(1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IngestRefusedException.class);
        }
        assertThat(refusals.get()).isBetween(1, 2);
    }
}
