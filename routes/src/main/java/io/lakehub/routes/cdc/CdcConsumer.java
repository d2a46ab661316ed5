package io.lakehub.routes.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.source.cdc.ChangeBatch;
import io.lakehub.routes.component.LakehubConstants;
import io.lakehub.routes.jdbc.SourcePositions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Debezium engine (PostgreSQL connector, pgoutput) for one pipeline and turns each batch of
 * changes into exchanges: consecutive changes with the same row schema become one {@link
 * ChangeBatch}, processed synchronously (the pipeline's run: upsert by key, commit with the
 * position). Changes are marked processed to the engine only after their exchange succeeded; a
 * failed exchange is retried, with backoff, until it succeeds or the consumer stops, so nothing is
 * skipped. When the stream fails (PostgreSQL restarted, the replication connection was terminated,
 * the network went away) the engine is started again after a backoff that doubles up to {@link
 * CdcEndpoint#getMaxBackoff()}; it resumes from the position committed in the catalog.
 */
final class CdcConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(CdcConsumer.class);

    private final Object waits = new Object();
    private final String registration = "cdc-" + UUID.randomUUID();
    private volatile boolean running;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean committedSinceStart;
    private volatile boolean compactionWarned;
    private Thread supervisor;
    private CdcComponent.Binding binding;

    CdcConsumer(CdcEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public CdcEndpoint getEndpoint() {
        return (CdcEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String pipeline = getEndpoint().getPipeline();
        binding = getEndpoint()
                .getComponent()
                .binding(pipeline)
                .orElseThrow(() -> new IllegalStateException("No change data capture is bound for pipeline '" + pipeline
                        + "'; the hub binds one for each from: cdc pipeline of its configuration."));
        SourcePositions positions = getEndpoint().getComponent().getPositions();
        if (positions == null) {
            // Without the committed position the engine would snapshot the table again: refuse instead.
            throw new IllegalStateException("The lakehub-cdc component of this Camel context has no positions"
                    + " (the catalog's committed source positions), so pipeline '" + pipeline + "' cannot start.");
        }
        CdcComponent.Binding b = binding;
        CatalogOffsetBackingStore.register(
                registration, () -> positions.position(b.dataset(), b.spec().positionKey()));
        running = true;
        supervisor = new Thread(this::supervise, "lakehub-cdc-" + pipeline);
        supervisor.setDaemon(true);
        supervisor.start();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        synchronized (waits) {
            waits.notifyAll();
        }
        closeEngine();
        if (supervisor != null) {
            supervisor.join(TimeUnit.SECONDS.toMillis(30));
        }
        CatalogOffsetBackingStore.unregister(registration);
        super.doStop();
    }

    private void closeEngine() {
        DebeziumEngine<?> e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (Exception ex) {
                LOG.debug(
                        "Closing the change data capture engine of pipeline {}",
                        getEndpoint().getPipeline(),
                        ex);
            }
        }
    }

    /** Starts the engine, and again after a backoff whenever it stops while the consumer runs. */
    private void supervise() {
        String pipeline = getEndpoint().getPipeline();
        long wait = getEndpoint().getBackoff();
        while (running) {
            AtomicReference<String> ended = new AtomicReference<>();
            committedSinceStart = false;
            try (DebeziumEngine<RecordChangeEvent<SourceRecord>> e = DebeziumEngine.create(
                            ChangeEventFormat.of(Connect.class))
                    .using(properties())
                    .using((success, message, error) -> {
                        if (!success || error != null) {
                            ended.compareAndSet(null, error != null ? rootMessage(error) : message);
                        }
                    })
                    .notifying(this::handleBatch)
                    .build()) {
                engine = e;
                if (!running) {
                    break;
                }
                LOG.info(
                        "Change data capture of pipeline {} starting: {}",
                        pipeline,
                        binding.spec().describe());
                e.run();
            } catch (Exception ex) {
                ended.compareAndSet(null, rootMessage(ex));
            } finally {
                engine = null;
            }
            if (!running) {
                break;
            }
            if (committedSinceStart) {
                wait = getEndpoint().getBackoff();
            }
            LOG.warn(
                    "Change data capture of pipeline {} stopped ({}); every change up to the committed position is"
                            + " in the lake. Reconnecting in {} ms from that position.",
                    pipeline,
                    ended.get() == null ? "the stream ended" : ended.get(),
                    wait);
            pause(wait);
            wait = Math.min(wait * 2, getEndpoint().getMaxBackoff());
        }
        LOG.info("Change data capture of pipeline {} stopped", pipeline);
    }

    private void pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (waits) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(waits, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** The engine's configuration: see ADR 0025 for the choices. */
    private Properties properties() {
        CdcSourceSpec spec = binding.spec();
        CdcEndpoint endpoint = getEndpoint();
        Properties p = new Properties();
        p.setProperty("name", "lakehub-cdc-" + spec.pipeline());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", CatalogOffsetBackingStore.class.getName());
        p.setProperty(CatalogOffsetBackingStore.REGISTRATION, registration);
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.flush.timeout.ms", "10000");
        p.setProperty("database.hostname", spec.host());
        p.setProperty("database.port", Integer.toString(spec.port()));
        p.setProperty("database.dbname", spec.database());
        if (spec.user() != null) {
            p.setProperty("database.user", spec.user());
        }
        if (spec.password() != null) {
            p.setProperty("database.password", spec.password());
        }
        p.setProperty("topic.prefix", "lakehub_" + spec.slot());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", spec.slot());
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", spec.publication());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", spec.table());
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("hstore.handling.mode", "json");
        p.setProperty("interval.handling.mode", "numeric");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("unavailable.value.placeholder", ChangeRecords.UNAVAILABLE);
        p.setProperty("poll.interval.ms", Long.toString(endpoint.getPollInterval()));
        p.setProperty("max.batch.size", Integer.toString(endpoint.getMaxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(endpoint.getMaxBatchSize() * 4));
        p.setProperty("status.update.interval.ms", "1000");
        // Failures end the engine; this consumer reconnects with its own backoff and logs each attempt.
        p.setProperty("errors.max.retries", "0");
        p.setProperty("database.initial.statements", "SET application_name = 'lakehub-cdc'");
        return p;
    }

    /** One batch of the engine: exchanges in stream order, each change acknowledged after its commit. */
    private void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<RecordChangeEvent<SourceRecord>> group = new ArrayList<>();
        List<RecordChangeEvent<SourceRecord>> rideAlong = new ArrayList<>();
        Schema groupSchema = null;
        for (RecordChangeEvent<SourceRecord> r : records) {
            SourceRecord record = r.record();
            if (ChangeRecords.isChange(record)) {
                Schema schema = ChangeRecords.rowSchema(record);
                if (groupSchema != null && !schema.equals(groupSchema)) {
                    commit(group, rideAlong, groupSchema, committer);
                }
                if (!rideAlong.isEmpty() && group.isEmpty()) {
                    for (RecordChangeEvent<SourceRecord> other : rideAlong) {
                        committer.markProcessed(other);
                    }
                    rideAlong.clear();
                }
                group.add(r);
                groupSchema = schema;
            } else if (group.isEmpty()) {
                committer.markProcessed(r); // a heartbeat or tombstone before any change: nothing to write
            } else {
                rideAlong.add(r);
            }
        }
        if (!group.isEmpty()) {
            commit(group, rideAlong, groupSchema, committer);
        }
        for (RecordChangeEvent<SourceRecord> other : rideAlong) {
            committer.markProcessed(other);
        }
        committer.markBatchFinished();
    }

    /**
     * Sends {@code group} as one exchange until it succeeds, then marks it (and the records that came
     * after it in the batch, {@code rideAlong}) processed. Clears both lists.
     */
    private void commit(
            List<RecordChangeEvent<SourceRecord>> group,
            List<RecordChangeEvent<SourceRecord>> rideAlong,
            Schema rowSchema,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        CdcSourceSpec spec = binding.spec();
        checkKey(group.getFirst().record());
        LakeSchema schema = ChangeRecords.lakeSchema(rowSchema, spec.table());
        List<Object[]> rows = new ArrayList<>(group.size());
        for (RecordChangeEvent<SourceRecord> r : group) {
            rows.add(ChangeRecords.row(r.record(), schema));
        }
        SourceRecord last = group.getLast().record();
        Map<String, String> position = Map.of(
                spec.positionKey(), CatalogOffsetBackingStore.encode(last.sourcePartition(), last.sourceOffset()));
        ChangeBatch batch = new ChangeBatch(schema, rows, position, 8192);
        long wait = getEndpoint().getBackoff();
        long started = System.nanoTime();
        while (true) {
            if (!running) {
                throw new InterruptedException("the pipeline is stopping; " + rows.size()
                        + " changes were not committed and will be read again from the committed position");
            }
            Exchange exchange = getEndpoint().createExchange();
            exchange.getMessage().setBody(batch);
            exchange.getMessage().setHeader(LakehubConstants.SOURCE_URI, spec.describe());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure == null) {
                break;
            }
            LOG.warn(
                    "{} changes of pipeline {} were not committed ({}); nothing of them is in the lake. Retrying in {}"
                            + " ms.",
                    rows.size(),
                    spec.pipeline(),
                    rootMessage(failure),
                    wait);
            pause(wait);
            wait = Math.min(wait * 2, getEndpoint().getMaxBackoff());
        }
        committedSinceStart = true;
        LOG.debug(
                "Committed {} changes of pipeline {} in {} ms",
                rows.size(),
                spec.pipeline(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        for (RecordChangeEvent<SourceRecord> r : group) {
            committer.markProcessed(r);
        }
        for (RecordChangeEvent<SourceRecord> r : rideAlong) {
            committer.markProcessed(r);
        }
        group.clear();
        rideAlong.clear();
        compact();
    }

    /** Keeps the dataset's files bounded between batches; a failure only postpones it (logged). */
    private void compact() {
        try {
            getEndpoint().getComponent().getCompaction().compactIfNeeded(binding.dataset());
        } catch (RuntimeException e) {
            // Postponed: the next batch tries again. Said once at WARN (a column type compaction cannot
            // rewrite fails every time), then at DEBUG.
            if (compactionWarned) {
                LOG.debug(
                        "Compaction of {} after a batch of pipeline {} postponed: {}",
                        binding.dataset(),
                        binding.spec().pipeline(),
                        rootMessage(e));
            } else {
                compactionWarned = true;
                LOG.warn(
                        "Compaction of {} after a batch of pipeline {} failed ({}); the data is intact, reads"
                                + " slow down as files accumulate until it succeeds",
                        binding.dataset(),
                        binding.spec().pipeline(),
                        rootMessage(e));
            }
        }
    }

    /** The pipeline's key must be the table's primary key (the change events' key). */
    private void checkKey(SourceRecord record) {
        if (!(record.key() instanceof Struct key)) {
            throw new IllegalArgumentException("Table " + binding.spec().table() + " has no primary key: change data"
                    + " capture upserts by the primary key. Add one; nothing was written.");
        }
        List<String> primary = key.schema().fields().stream().map(Field::name).toList();
        if (!new HashSet<>(primary).equals(new HashSet<>(binding.key()))) {
            throw new IllegalArgumentException("Pipeline " + binding.spec().pipeline() + ": key " + binding.key()
                    + " is not the primary key " + primary + " of "
                    + binding.spec().table()
                    + "; set key: " + primary + ". Nothing was written.");
        }
    }
}
