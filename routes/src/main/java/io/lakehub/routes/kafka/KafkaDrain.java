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
    /** Assigned partitions and the position the catalog held for each when last read or written. */
    private final Map<TopicPartition, String> committed = new HashMap<>();

    private KafkaBatch batch;
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
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (batch == null) {
                            batch = new KafkaBatch(spool);
                        }
                        batch.add(r);
                    }
                    if (batch != null && isFull(batch)) {
                        flush(c);
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
                discardBatch();
                consumer = null;
                committed.clear();
            }
        }
        LOG.info(
                "Kafka pipeline {} stopped: {} batches, {} records committed by this hub",
                pipeline,
                batchesCommitted.get(),
                recordsCommitted.get());
    }

    private boolean isFull(KafkaBatch b) {
        return b.records() >= settings.maxBatchRecords()
                || b.bytes() >= settings.maxBatchBytes()
                || b.ageNanos() >= settings.maxBatchWait().toNanos();
    }

    /** Commits the pending batch (on the poll thread). */
    private void flush(KafkaConsumer<byte[], byte[]> c) {
        KafkaBatch b = batch;
        batch = null;
        try (b) {
            Map<TopicPartition, String> from = new LinkedHashMap<>();
            for (TopicPartition tp : b.partitions()) {
                from.put(tp, committed.getOrDefault(tp, CommitRequest.NO_POSITION));
            }
            boolean landed;
            try (KafkaBatchSource source = new KafkaBatchSource(b, pipeline, from, deadLetters, settings.batchRows())) {
                landed = committer.commit(source);
            } catch (PositionConflictException e) {
                LOG.info(
                        "Kafka pipeline {}: batch {} was committed by another hub first (a rebalance); reading again"
                                + " from the committed positions",
                        pipeline,
                        b.describeRanges());
                reseek(c);
                return;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
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
            if (batch != null && !batch.isEmpty() && running) {
                try {
                    flush(c);
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
            discardBatch();
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToCommitted(c, partitions);
        }
    }
}
