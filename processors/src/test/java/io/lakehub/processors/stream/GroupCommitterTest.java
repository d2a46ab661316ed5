package io.lakehub.processors.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.DuplicateIdempotencyKeyException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.ingest.IngestRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The group committer against a writer double that behaves like the catalog (one "transaction" per
 * commit, keys remembered with the data, duplicates refused inside the commit): batching under
 * seeded concurrent load, exactly-once per key, back-pressure, and every failure path.
 */
class GroupCommitterTest {
    private static final GroupCommitSettings FAST =
            new GroupCommitSettings(100, Duration.ofMillis(2), 1_000, Duration.ofSeconds(2), Duration.ofHours(1), 2);

    /** A lake in memory: committed items, remembered keys, one commit at a time. */
    static class Lake implements CommitBatchWriter<Integer> {
        final List<Integer> rows = new ArrayList<>();
        final Map<String, IdempotencyKeys.Remembered> keys = new HashMap<>();
        final List<Integer> commitSizes = new ArrayList<>();
        volatile Predicate<List<Integer>> fails = items -> false;
        volatile CountDownLatch gate;
        long snapshot;

        @Override
        public synchronized long commit(List<Integer> items, IdempotencyKeys k) {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fails.test(items)) {
                if (items.contains(-1)) {
                    throw new IngestRefusedException("item -1 does not fit", null);
                }
                throw new CatalogUnavailableException("catalog down", null);
            }
            if (k != null) {
                Map<String, IdempotencyKeys.Remembered> dup = new HashMap<>();
                k.keys().keySet().stream().filter(keys::containsKey).forEach(key -> dup.put(key, keys.get(key)));
                if (!dup.isEmpty()) {
                    throw new DuplicateIdempotencyKeyException("remembered", dup);
                }
            }
            snapshot++;
            rows.addAll(items);
            commitSizes.add(items.size());
            if (k != null) {
                k.keys().forEach((key, n) -> keys.put(key, new IdempotencyKeys.Remembered(key, snapshot, n)));
            }
            return snapshot;
        }

        @Override
        public synchronized Map<String, IdempotencyKeys.Remembered> remembered(Collection<String> asked) {
            Map<String, IdempotencyKeys.Remembered> found = new HashMap<>();
            asked.stream().filter(keys::containsKey).forEach(key -> found.put(key, keys.get(key)));
            return found;
        }

        @Override
        public boolean isolates(RuntimeException failure) {
            return failure instanceof IngestRefusedException;
        }
    }

    @Test
    void concurrentDeliveriesShareCommitsAndEachIsAcknowledgedOnceDurable() throws Exception {
        Lake lake = new Lake();
        Random random = new Random(42);
        int senders = 12;
        int perSender = 200;
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<Long>> sums = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                long seed = random.nextLong();
                int sender = s;
                sums.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    long acked = 0;
                    for (int i = 0; i < perSender; i++) {
                        int n = 1 + r.nextInt(5);
                        List<Integer> items = new ArrayList<>();
                        for (int j = 0; j < n; j++) {
                            items.add(sender * 1_000_000 + i * 10 + j);
                        }
                        Ack ack = committer.submit(items, null).get(30, TimeUnit.SECONDS);
                        assertThat(ack.accepted()).isEqualTo(n);
                        synchronized (lake) {
                            assertThat(lake.rows).containsAll(items);
                        }
                        acked += n;
                    }
                    return acked;
                }));
            }
            long total = 0;
            for (Future<Long> f : sums) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            synchronized (lake) {
                assertThat(lake.rows).hasSize((int) total).doesNotHaveDuplicates();
                assertThat(lake.commitSizes.size()).isLessThan(senders * perSender);
                assertThat(lake.commitSizes).allMatch(size -> size <= FAST.maxBatchItems() + 4);
            }
        }
    }

    @Test
    void aKeyIsWrittenOnceWhetherItsRetriesAreConcurrentQueuedOrLate() throws Exception {
        Lake lake = new Lake();
        lake.gate = new CountDownLatch(1);
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            CompletableFuture<Ack> blocker = committer.submit(List.of(0), null);
            List<CompletableFuture<Ack>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(committer.submit(List.of(1, 2), "k"));
            }
            lake.gate.countDown();
            blocker.get(10, TimeUnit.SECONDS);
            long snapshot = same.get(0).get(10, TimeUnit.SECONDS).snapshotId();
            for (int i = 0; i < same.size(); i++) {
                Ack ack = same.get(i).get(10, TimeUnit.SECONDS);
                assertThat(ack.snapshotId()).isEqualTo(snapshot);
                assertThat(ack.accepted()).isEqualTo(2);
                assertThat(ack.duplicate()).isEqualTo(i > 0);
            }
            Ack late = committer.submit(List.of(1, 2), "k").get(10, TimeUnit.SECONDS);
            assertThat(late).isEqualTo(new Ack(2, snapshot, true));
        }
        assertThat(lake.rows).containsExactly(0, 1, 2);
    }

    @Test
    void aKeyCommittedByAnotherWriterMeanwhileLeavesTheBatchAndTheRestCommits() throws Exception {
        Lake lake = new Lake() {
            boolean first = true;

            @Override
            public synchronized Map<String, IdempotencyKeys.Remembered> remembered(Collection<String> asked) {
                if (first) {
                    // Another hub commits "other" between the look-up and the commit.
                    first = false;
                    keys.put("other", new IdempotencyKeys.Remembered("other", 99, 7));
                    return Map.of();
                }
                return super.remembered(asked);
            }
        };
        lake.gate = new CountDownLatch(1);
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            CompletableFuture<Ack> a = committer.submit(List.of(1), "mine");
            CompletableFuture<Ack> b = committer.submit(List.of(2), "other");
            lake.gate.countDown();
            assertThat(a.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(new Ack(7, 99, true));
        }
        assertThat(lake.rows).containsExactly(1);
    }

    @Test
    void aFailedCommitFailsEveryDeliveryOfItsBatchAndWritesNothing() throws Exception {
        Lake lake = new Lake();
        lake.gate = new CountDownLatch(1);
        lake.fails = items -> true;
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            List<CompletableFuture<Ack>> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(committer.submit(List.of(i), "key-" + i));
            }
            lake.gate.countDown();
            for (CompletableFuture<Ack> f : batch) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(CatalogUnavailableException.class);
            }
            assertThat(lake.rows).isEmpty();
            // The keys were not remembered: a retry writes once the catalog is back.
            lake.fails = items -> false;
            assertThat(committer
                            .submit(List.of(3), "key-3")
                            .get(10, TimeUnit.SECONDS)
                            .duplicate())
                    .isFalse();
        }
        assertThat(lake.rows).containsExactly(3);
    }

    @Test
    void aRetryRightAfterAFailedCommitIsCommittedNotAnsweredWithTheOldFailure() throws Exception {
        Lake lake = new Lake();
        lake.gate = new CountDownLatch(1);
        lake.fails = items -> true;
        CountDownLatch failing = new CountDownLatch(1);
        CountDownLatch retried = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            CompletableFuture<Ack> failed = committer.submit(List.of(1), "key-1");
            // Runs on the writer thread as it fails the delivery: holds it there, before it takes the key off
            // the keys in flight, until the sender has retried.
            failed.whenComplete((ack, e) -> {
                failure.set(e instanceof CompletionException ? e.getCause() : e);
                failing.countDown();
                try {
                    retried.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            lake.gate.countDown();
            assertThat(failing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(CatalogUnavailableException.class);

            lake.fails = items -> false;
            CompletableFuture<Ack> retry = committer.submit(List.of(1), "key-1");
            retried.countDown();
            assertThat(retry.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
        }
        assertThat(lake.rows).containsExactly(1);
    }

    @Test
    void aRefusedDeliveryFailsAloneItsNeighboursCommit() throws Exception {
        Lake lake = new Lake();
        lake.gate = new CountDownLatch(1);
        lake.fails = items -> items.contains(-1);
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            CompletableFuture<Ack> good1 = committer.submit(List.of(1), null);
            CompletableFuture<Ack> bad = committer.submit(List.of(-1, 5), null);
            CompletableFuture<Ack> good2 = committer.submit(List.of(2), "g2");
            lake.gate.countDown();
            assertThat(good1.get(10, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            assertThat(good2.get(10, TimeUnit.SECONDS).accepted()).isEqualTo(1);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IngestRefusedException.class);
        }
        assertThat(lake.rows).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void aFullQueueRefusesAtOnceWithRetryAfterInsteadOfGrowing() throws Exception {
        Lake lake = new Lake();
        lake.gate = new CountDownLatch(1);
        GroupCommitSettings small =
                new GroupCommitSettings(10, Duration.ZERO, 20, Duration.ofSeconds(3), Duration.ofHours(1), 1);
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, small)) {
            CompletableFuture<Ack> running = committer.submit(List.of(0), null);
            // Wait until the writer took it (it blocks on the gate inside the commit).
            org.awaitility.Awaitility.await().until(() -> committer.queuedItems() == 0);
            List<CompletableFuture<Ack>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                queued.add(committer.submit(List.of(1, 2, 3, 4, 5), null));
            }
            assertThatThrownBy(() -> committer.submit(List.of(6), null))
                    .isInstanceOf(CommitterBusyException.class)
                    .satisfies(e -> assertThat(((CommitterBusyException) e).retryAfter())
                            .isEqualTo(Duration.ofSeconds(3)));
            lake.gate.countDown();
            running.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<Ack> f : queued) {
                assertThat(f.get(10, TimeUnit.SECONDS).accepted()).isEqualTo(5);
            }
        }
        assertThat(lake.rows).hasSize(21).doesNotContain(6);
    }

    @Test
    void closeCommitsWhatWaitsThenRefusesNewDeliveries() throws Exception {
        Lake lake = new Lake();
        GroupCommitter<Integer> committer = new GroupCommitter<>(
                "test",
                lake,
                new GroupCommitSettings(
                        1_000, Duration.ofSeconds(5), 1_000, Duration.ofSeconds(1), Duration.ofHours(1)));
        CompletableFuture<Ack> waiting = committer.submit(List.of(1, 2), null);
        committer.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS).accepted()).isEqualTo(2);
        assertThat(lake.rows).containsExactly(1, 2);
        assertThatThrownBy(() -> committer.submit(List.of(3), null)).isInstanceOf(CommitterBusyException.class);
    }

    @Test
    void anEmptyDeliveryIsAnsweredAtOnceWithoutACommit() throws Exception {
        Lake lake = new Lake();
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test", lake, FAST)) {
            assertThat(committer.submit(List.of(), null).get(1, TimeUnit.SECONDS))
                    .isEqualTo(new Ack(0, 0, false));
        }
        assertThat(lake.commitSizes).isEmpty();
    }
}
