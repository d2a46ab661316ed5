package io.lakehub.routes.kafka;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.PositionConflictException;
import io.lakehub.routes.jdbc.SourcePositions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of one Kafka pipeline on one hub, on its own thread. Records are added to a {@link
 * KafkaBatch} until it is full or old enough, then the batch is handed to the {@link Committer}
 * (the pipeline's route into the {@code lakehub:} producer) on this same thread, so no partition
 * can be revoked while its records are being committed except by the group evicting this consumer.
 *
 * <p><b>Pipelined.</b> One batch at a time is being committed, on a committer thread, while the
 * poll thread fills the next one; the next is handed over only once the previous one's outcome is
 * known (its positions are the ones the next batch is read from), and a failed or refused commit
 * discards the batch being filled and re-reads from the catalog's positions. The consumer is only
 * ever touched by the poll thread. A rebalance waits for the commit in flight and commits the
 * pending batch before the partitions go.
 *
 * <p><b>Positions.</b> The catalog is the truth: on every partition assignment the consumer seeks
 * to the position committed with the data ({@link KafkaPositions}), or, for a partition never
 * committed, to its beginning ({@code autoOffsetReset=earliest}, the default) or end. Each batch
 * is committed only if those positions are still the dataset's ({@code expectedPositions}); a
 * batch another hub committed first (after a rebalance) is refused by the catalog, and this
 * consumer reads again from the committed positions. Kafka's own group offsets are committed after
 * each batch, for lag monitoring only; they are never read.
 *
 * <p><b>Failures.</b> A batch that fails (catalog down, dataset refusing the rows) is discarded and
 * the consumer is recreated after a backoff that doubles up to a maximum, reading again from the
 * committed positions: nothing is lost and nothing lands twice. A broker that goes away is the
 * Kafka client's business: it reconnects with {@code reconnect.backoff.ms} up to {@code
 * reconnect.backoff.max.ms}.
 */
final class KafkaDrain implements Runnable {
    /** How long a pipeline with nothing to read goes without asking whether the brokers answer. */
    static final Duration BROKER_CHECK = Duration.ofSeconds(5);
    /** How long that question waits for an answer. */
    static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaDrain.class);

    /** Ingests one batch. */
    interface Committer {
        /**
         * @return true when the batch's rows were committed with its positions; false when it held
         *     no row to commit (every record dead-lettered)
         * @throws PositionConflictException another hub committed from these positions first
         */
        boolean commit(KafkaBatchSource batch) throws Exception;
    }

    private final String pipeline;
    private final DatasetName dataset;
    private final Properties consumerConfig;
    private final Collection<String> topics;
    private final Pattern pattern;
    private final boolean fromEarliest;
    private final Duration pollTimeout;
    private final SourcePositions positions;
    private final KafkaSettings settings;
    private final Duration firstBackoff;
    private final Path spool;
    private final Committer committer;
    private final DeadLetterSink deadLetters;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Why the brokers do not answer, null while they do (see {@link #connectionProblem()}). */
    private volatile String unreachable;
    /** When the brokers last answered (records or a metadata request), {@link System#nanoTime()}. */
    private long lastAnswer = System.nanoTime();
    /** Assigned partitions and the position the catalog held for each when last read or written. */
    private final Map<TopicPartition, String> committed = new HashMap<>();

    private KafkaBatch batch;
    /** The batch being committed on {@link #committerThread}, and its outcome. */
    private KafkaBatch inFlightBatch;

    private java.util.concurrent.Future<Boolean> inFlight;
    private final java.util.concurrent.ExecutorService committerThread;
    private int failures;
    private final AtomicLong recordsCommitted = new AtomicLong();
    private final AtomicLong batchesCommitted = new AtomicLong();

    KafkaDrain(
            String pipeline,
            DatasetName dataset,
            Properties consumerConfig,
            Collection<String> topics,
            Pattern pattern,
            boolean fromEarliest,
            Duration pollTimeout,
            SourcePositions positions,
            KafkaSettings settings,
            Duration firstBackoff,
            Path spool,
            Committer committer,
            DeadLetterSink deadLetters) {
        this.pipeline = pipeline;
        this.dataset = dataset;
        this.consumerConfig = consumerConfig;
        this.topics = topics;
        this.pattern = pattern;
        this.fromEarliest = fromEarliest;
        this.pollTimeout = pollTimeout;
        this.positions = positions;
        this.settings = settings;
        this.firstBackoff = firstBackoff;
        this.spool = spool;
        this.committer = committer;
        this.deadLetters = deadLetters;
        this.committerThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lakehub-kafka-commit-" + pipeline);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    break;
                }
                Listener listener = new Listener(c);
                if (pattern != null) {
                    c.subscribe(pattern, listener);
                } else {
                    c.subscribe(topics, listener);
                }
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(pollTimeout);
                    checkBrokers(c, !records.isEmpty());
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (batch == null) {
                            batch = new KafkaBatch(spool);
                        }
                        batch.add(r);
                    }
                    if (inFlight != null && inFlight.isDone()) {
                        collect(c);
                    }
                    if (batch != null && isFull(batch)) {
                        if (inFlight != null) {
                            collect(c);
                        }
                        if (batch != null) {
                            submit();
                        }
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up.
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failures++;
                long wait = backoffMillis();
                LOG.warn(
                        "Kafka pipeline {}: {}. Nothing of the batch was committed; reading again from the committed"
                                + " positions in {} ms.",
                        pipeline,
                        describe(e),
                        wait,
                        e);
                await(wait);
            } finally {
                awaitInFlight();
                discardBatch();
                consumer = null;
                committed.clear();
            }
        }
        committerThread.shutdown();
        LOG.info(
                "Kafka pipeline {} stopped: {} batches, {} records committed by this hub",
                pipeline,
                batchesCommitted.get(),
                recordsCommitted.get());
    }

    /**
     * Notes whether the brokers answer. The Kafka client reconnects by itself and a poll of brokers
     * that are gone just returns nothing, so records are the evidence while they flow; a pipeline
     * with nothing to read asks for the cluster's topics ({@link KafkaConsumer#listTopics}) once
     * per {@link #BROKER_CHECK}, which fails after {@link #BROKER_CHECK_TIMEOUT} when no broker
     * answers. On the poll thread: the consumer is never touched by another.
     */
    private void checkBrokers(KafkaConsumer<byte[], byte[]> c, boolean gotRecords) {
        long now = System.nanoTime();
        if (gotRecords) {
            lastAnswer = now;
            brokersAnswer();
            return;
        }
        if (now - lastAnswer < BROKER_CHECK.toNanos()) {
            return;
        }
        try {
            c.listTopics(BROKER_CHECK_TIMEOUT);
            lastAnswer = System.nanoTime();
            brokersAnswer();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            lastAnswer = System.nanoTime(); // asked again one interval later
            if (unreachable == null) {
                LOG.warn(
                        "Kafka pipeline {}: no broker of {} answered within {} ms; the client goes on reconnecting",
                        pipeline,
                        consumerConfig.get(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                        BROKER_CHECK_TIMEOUT.toMillis());
            }
            unreachable = "no Kafka broker of "
                    + consumerConfig.get(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " answered within " + BROKER_CHECK_TIMEOUT.toMillis() + " ms";
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            // A broker answered, with a refusal (not allowed to list topics, say): it is there.
            LOG.debug("Kafka pipeline {}: asking for the topics failed: {}", pipeline, e.toString());
            lastAnswer = System.nanoTime();
            brokersAnswer();
        }
    }

    private void brokersAnswer() {
        if (unreachable != null) {
            LOG.info("Kafka pipeline {}: the brokers answer again", pipeline);
            unreachable = null;
        }
    }

    /** Empty while the brokers answer (as last seen by the poll thread), else why not. */
    java.util.Optional<String> connectionProblem() {
        return java.util.Optional.ofNullable(unreachable);
    }

    private boolean isFull(KafkaBatch b) {
        return b.records() >= settings.maxBatchRecords()
                || b.bytes() >= settings.maxBatchBytes()
                || b.ageNanos() >= settings.maxBatchWait().toNanos();
    }

    /** Hands the pending batch to the committer thread; the previous one's outcome is known. */
    private void submit() {
        KafkaBatch b = batch;
        batch = null;
        Map<TopicPartition, String> from = new LinkedHashMap<>();
        for (TopicPartition tp : b.partitions()) {
            from.put(tp, committed.getOrDefault(tp, CommitRequest.NO_POSITION));
        }
        KafkaBatchSource source = new KafkaBatchSource(b, pipeline, from, deadLetters, settings.batchRows());
        inFlightBatch = b;
        inFlight = committerThread.submit(() -> {
            try (source) {
                return committer.commit(source);
            }
        });
    }

    /**
     * Waits for the batch in flight and takes in its outcome on the poll thread: the positions it
     * committed, Kafka's group offsets; after a refusal (another hub committed first) the batch
     * being filled is dropped and every partition re-read from the catalog.
     *
     * @throws RuntimeException when the commit failed otherwise; nothing of it was committed
     */
    private void collect(KafkaConsumer<byte[], byte[]> c) {
        KafkaBatch b = inFlightBatch;
        boolean landed;
        try {
            landed = inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a Kafka batch was being committed", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PositionConflictException) {
                LOG.info(
                        "Kafka pipeline {}: batch {} was committed by another hub first (a rebalance); reading again"
                                + " from the committed positions",
                        pipeline,
                        b.describeRanges());
                reseek(c);
                return;
            }
            discardBatch();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        } finally {
            inFlight = null;
            inFlightBatch = null;
            b.close();
        }
        failures = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        b.nextOffsets().forEach((tp, next) -> {
            if (landed && committed.containsKey(tp)) {
                committed.put(tp, Long.toString(next));
            }
            offsets.put(tp, new OffsetAndMetadata(next));
        });
        if (landed) {
            batchesCommitted.incrementAndGet();
            recordsCommitted.addAndGet(b.records());
        }
        LOG.debug("Kafka pipeline {}: batch {} ({} records) done", pipeline, b.describeRanges(), b.records());
        // For lag monitoring only: the catalog's positions are what the consumer resumes from.
        c.commitAsync(offsets, (o, e) -> {
            if (e != null) {
                LOG.debug("Kafka pipeline {}: group offsets (lag monitoring only) not committed", pipeline, e);
            }
        });
    }

    /** Commits the pending batch and waits for it (a rebalance is about to take partitions). */
    private void flushNow(KafkaConsumer<byte[], byte[]> c) {
        if (inFlight != null) {
            collect(c);
        }
        if (batch != null && !batch.isEmpty()) {
            submit();
            collect(c);
        }
    }

    /** Lets the commit in flight finish, whatever its outcome (the consumer is going away). */
    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("Kafka pipeline {}: the batch in flight was not committed", pipeline, e.getCause());
        } finally {
            inFlight = null;
            if (inFlightBatch != null) {
                inFlightBatch.close();
                inFlightBatch = null;
            }
        }
    }

    /** Seeks every assigned partition to the position the catalog holds now. */
    private void reseek(KafkaConsumer<byte[], byte[]> c) {
        discardBatch();
        seekToCommitted(c, List.copyOf(c.assignment()));
    }

    private void seekToCommitted(KafkaConsumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            String value = positions
                    .position(dataset, KafkaPositions.key(pipeline, tp))
                    .orElse(CommitRequest.NO_POSITION);
            committed.put(tp, value);
            if (!value.isEmpty()) {
                c.seek(tp, Long.parseLong(value));
            } else if (fromEarliest) {
                c.seekToBeginning(List.of(tp));
            } else {
                c.seekToEnd(List.of(tp));
            }
        }
        if (!partitions.isEmpty()) {
            LOG.info("Kafka pipeline {}: reading {} from the committed positions {}", pipeline, partitions, committed);
        }
    }

    private void discardBatch() {
        if (batch != null) {
            batch.close();
            batch = null;
        }
    }

    private long backoffMillis() {
        long first = Math.max(1, firstBackoff.toMillis());
        long max = Math.max(first, settings.maxRetryBackoff().toMillis());
        long wait = first << Math.min(20, failures - 1);
        return Math.min(max, wait);
    }

    private void await(long millis) {
        try {
            stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.lakehub.catalog.LakehubException) {
                return c.getMessage();
            }
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Stops the loop: wakes the consumer up and ends any backoff; the thread ends soon after. */
    void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    long recordsCommitted() {
        return recordsCommitted.get();
    }

    /** Seeks newly assigned partitions to the catalog's positions; commits or drops the batch on revocation. */
    private final class Listener implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        Listener(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (running) {
                try {
                    flushNow(c);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Kafka pipeline {}: the batch pending at a rebalance was not committed ({}); its records"
                                    + " are read again from the committed positions",
                            pipeline,
                            describe(e));
                    discardBatch();
                }
            } else {
                discardBatch();
            }
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            awaitInFlight();
            discardBatch();
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToCommitted(c, partitions);
        }
    }
}
