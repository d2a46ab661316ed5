package io.lakehub.app.brokers;

import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageSources;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.nats.NatsConfiguration;
import org.apache.camel.component.nats.NatsConstants;
import org.apache.camel.component.nats.NatsEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NATS JetStream consumer that acknowledges each message only after the commit holding it (ADR
 * 0032, 0036): a durable pull consumer ({@code durableName}, {@code lakehub-<pipeline>} by default)
 * with explicit acknowledgements, read by a pull loop of its own (one thread per consumer). Each
 * message becomes an exchange marked {@link MessageSources#ACK_AFTER_COMMIT}; when the exchange
 * completes the message is acknowledged ({@code +ACK}), when it finally fails because it was refused
 * (past the pipeline's {@code onError}) it is terminated ({@code +TERM}: not delivered again), and
 * when it failed for any other reason (the hub stopping before its commit) it is handed back ({@code
 * -NAK}). A message whose commit or acknowledgement was lost in a crash is delivered again after the
 * consumer's ack wait; its id (the {@code Nats-Msg-Id} header, else the stream's sequence number,
 * which JetStream keeps across redeliveries) is the idempotency key that keeps it from being written
 * twice.
 *
 * <p>The pull loop (ADR 0036) holds no pull request across a disconnect: each fetch asks for at most
 * {@value #FETCH_BATCH} messages and expires after {@link #FETCH_EXPIRY}, so a request lost with its
 * connection (or sent by a hub that was killed) costs at most one expiry, never the consumer. While
 * the connection is not up the loop waits for it; at most {@value #MAX_UNACKNOWLEDGED} messages are
 * handed to the route and not yet settled (the loop waits for commits before fetching more); every
 * {@link #HEALTH_CHECK} the connection is pinged and, when the server does not answer within {@link
 * #PING_TIMEOUT}, made to reconnect (a half-dead connection would otherwise hold the consumer until
 * jnats's own pings give up, minutes later). A failure in the loop is logged with its cause and the
 * loop tries again after a doubling backoff (up to {@link #MAX_BACKOFF}); it ends only when the
 * consumer stops.
 *
 * <p>The stream is created (subject = the URI's subject) when it does not exist, as camel-nats does.
 * A new durable consumer starts at the beginning of the stream.
 */
final class JetStreamMessageConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamMessageConsumer.class);
    private static final String MESSAGE_ID_HEADER = "Nats-Msg-Id";
    /** Messages asked for by one fetch, at most. */
    static final int FETCH_BATCH = 256;
    /** How long one fetch waits at the server for messages. */
    static final Duration FETCH_EXPIRY = Duration.ofSeconds(2);
    /** Messages handed to the route and not yet acknowledged (their commit pending), at most. */
    static final int MAX_UNACKNOWLEDGED = 512;
    /** How often the connection is pinged. */
    static final Duration HEALTH_CHECK = Duration.ofSeconds(5);
    /** How long a ping waits for its answer before the connection is made to reconnect. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

    static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private volatile Connection connection;
    private boolean ownsConnection;
    private volatile ConsumerContext context;
    private volatile boolean running;
    private volatile Thread loop;
    private String keyPrefix;
    private String stream;
    private String subject;
    private String durable;
    private final Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the connection's state changes or the consumer stops. */
    private final Condition changed = lock.newCondition();

    JetStreamMessageConsumer(NatsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public NatsEndpoint getEndpoint() {
        return (NatsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        NatsConfiguration config = getEndpoint().getConfiguration();
        stream = config.getJetstreamName();
        subject = config.getTopic();
        durable = config.getDurableName();
        if (stream == null || stream.isBlank() || durable == null || durable.isBlank()) {
            throw new IllegalArgumentException("NATS JetStream subject " + subject
                    + ": jetstreamName (the stream) and durableName are required; nothing was consumed");
        }
        ownsConnection = config.getConnection() == null;
        connection = ownsConnection ? getEndpoint().getConnection() : config.getConnection();
        try {
            connection.addConnectionListener(new Reconnects());
            // A configuration error (no JetStream, a stream on other subjects) fails the route's start, as before.
            context = consumerContext(connection);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeConnection();
            throw e;
        }
        running = true;
        loop = Thread.ofPlatform().name("lakehub-nats-" + durable).daemon(true).start(this::pullLoop);
        LOG.info(
                "NATS JetStream stream {} (subject {}) is read by durable consumer {}; messages are acknowledged"
                        + " after their commit",
                stream,
                subject,
                durable);
    }

    /** Creates the stream if needed and the durable consumer (or updates it), and returns its context. */
    private ConsumerContext consumerContext(Connection conn) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = conn.jetStreamManagement();
        StreamInfo info = streamInfo(jsm, stream, subject);
        // A sequence number is only unique within one life of the stream: a stream deleted and created again
        // under the same name starts at 1, so its creation time is part of the key.
        keyPrefix = "nats:" + stream + "@" + info.getCreateTime().toInstant().toEpochMilli() + ":";
        jsm.addOrUpdateConsumer(
                stream,
                ConsumerConfiguration.builder()
                        .durable(durable)
                        .filterSubject(subject)
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All)
                        .build());
        return conn.getConsumerContext(stream, durable);
    }

    private static StreamInfo streamInfo(JetStreamManagement jsm, String stream, String subject)
            throws IOException, JetStreamApiException {
        try {
            return jsm.getStreamInfo(stream);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
            LOG.info("NATS JetStream stream {} does not exist: creating it for subject {}", stream, subject);
            return jsm.addStream(
                    StreamConfiguration.builder().name(stream).subjects(subject).build());
        }
    }

    /**
     * Fetches and hands messages to the route until the consumer stops. Never ends on a failure: it
     * is logged and the loop tries again after a backoff.
     */
    private void pullLoop() {
        Duration backoff = MIN_BACKOFF;
        long nextCheck = System.nanoTime() + HEALTH_CHECK.toNanos();
        boolean failing = false;
        while (running) {
            try {
                Connection conn = connection;
                if (conn == null || conn.getStatus() != Connection.Status.CONNECTED) {
                    awaitChange(Duration.ofSeconds(1));
                    // A (re)connect includes a ping of its own: the next one is due an interval after it.
                    nextCheck = System.nanoTime() + HEALTH_CHECK.toNanos();
                    continue;
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    nextCheck = System.nanoTime() + HEALTH_CHECK.toNanos();
                    if (!ping(conn)) {
                        continue;
                    }
                }
                if (context == null) {
                    context = consumerContext(conn);
                }
                int room = unacknowledged.availablePermits();
                if (room == 0) {
                    // Wait for commits to settle messages before asking for more.
                    if (unacknowledged.tryAcquire(1, TimeUnit.SECONDS)) {
                        unacknowledged.release();
                    }
                    continue;
                }
                int fetched = fetch(Math.min(FETCH_BATCH, room));
                if (failing) {
                    LOG.info("NATS subject {}: fetching from durable consumer {} works again", subject, durable);
                    failing = false;
                }
                backoff = MIN_BACKOFF;
                LOG.trace("NATS subject {}: fetched {} messages", subject, fetched);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
                Thread.interrupted(); // an interrupt that is not a stop: go on
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failing = true;
                if (e instanceof JetStreamApiException) {
                    // The consumer or the stream may have gone (deleted, a server without storage): made again.
                    context = null;
                }
                LOG.warn(
                        "NATS subject {}: fetching from durable consumer {} failed; trying again in {} ms",
                        subject,
                        durable,
                        backoff.toMillis(),
                        e);
                try {
                    awaitChange(backoff);
                } catch (InterruptedException stop) {
                    if (!running) {
                        break;
                    }
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        LOG.debug("NATS subject {}: pull loop of durable consumer {} ended", subject, durable);
    }

    /**
     * One fetch of at most {@code max} messages, each handed to the route as it arrives.
     *
     * @return how many messages it held
     */
    private int fetch(int max) throws Exception {
        int n = 0;
        FetchConsumeOptions options = FetchConsumeOptions.builder()
                .maxMessages(max)
                .expiresIn(FETCH_EXPIRY.toMillis())
                .build();
        try (FetchConsumer fetch = context.fetch(options)) {
            Message msg;
            while (running && (msg = fetch.nextMessage()) != null) {
                if (!msg.isJetStream()) {
                    continue;
                }
                unacknowledged.acquire();
                n++;
                dispatch(msg);
            }
        }
        return n;
    }

    /**
     * Pings the server: when it does not answer in time the connection is made to reconnect.
     *
     * @return whether the connection answered
     */
    private boolean ping(Connection conn) throws InterruptedException {
        long start = System.nanoTime();
        try {
            conn.flush(PING_TIMEOUT);
            return true;
        } catch (TimeoutException e) {
            // jnats also reports a ping cancelled by a disconnect as a timeout, before the timeout.
            if (conn.getStatus() != Connection.Status.CONNECTED || System.nanoTime() - start < PING_TIMEOUT.toNanos()) {
                return false; // it noticed by itself meanwhile
            }
            LOG.warn(
                    "NATS subject {}: the server did not answer a ping within {} ms; reconnecting",
                    subject,
                    PING_TIMEOUT.toMillis());
            try {
                conn.forceReconnect();
            } catch (IOException e2) {
                LOG.warn("NATS subject {}: could not force a reconnect ({}); jnats retries", subject, e2.toString());
            }
            return false;
        } catch (RuntimeException e) {
            // flush refuses while the connection is not connected (closed, reconnecting): the loop waits for it.
            LOG.debug("NATS subject {}: ping refused: {}", subject, e.toString());
            return false;
        }
    }

    private void awaitChange(Duration atMost) throws InterruptedException {
        lock.lock();
        try {
            if (running) {
                changed.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch(Message msg) {
        Exchange exchange;
        try {
            exchange = createExchange(false);
        } catch (RuntimeException e) {
            unacknowledged.release();
            throw e;
        }
        exchange.setProperty(MessageSources.ACK_AFTER_COMMIT, Boolean.TRUE);
        exchange.getIn().setBody(msg.getData());
        exchange.getIn().setHeader(NatsConstants.NATS_SUBJECT, msg.getSubject());
        Headers headers = msg.getHeaders();
        String id = null;
        if (headers != null) {
            for (String name : headers.keySet()) {
                List<String> values = headers.get(name);
                if (values != null && !values.isEmpty()) {
                    exchange.getIn().setHeader(name, values.get(0));
                }
            }
            id = headers.getFirst(MESSAGE_ID_HEADER);
        }
        if (id == null || id.isBlank()) {
            id = keyPrefix + msg.metaData().streamSequence();
        }
        exchange.getIn().setHeader(MessageSources.MESSAGE_ID, id);
        try {
            getAsyncProcessor().process(exchange, doneSync -> settle(msg, exchange));
        } catch (RuntimeException e) {
            // Not handed over: settled here (handed back) so the permit is not lost.
            exchange.setException(e);
            settle(msg, exchange);
        }
    }

    private void settle(Message msg, Exchange exchange) {
        try {
            if (exchange.getException() == null) {
                msg.ack();
            } else if (IngestRefusedException.isCauseOf(exchange.getException())) {
                // Refused and past onError (dead letter or log): delivering it again would only refuse it again.
                LOG.warn(
                        "NATS subject {}: a message was refused and is not delivered again: {}",
                        msg.getSubject(),
                        exchange.getException().getMessage());
                msg.term();
            } else {
                // Not committed for a reason that may pass (the hub is stopping): delivered again, here or elsewhere.
                msg.nak();
            }
        } catch (RuntimeException e) {
            // The message is delivered again after the ack wait; its id keeps it from being written twice.
            LOG.warn(
                    "NATS subject {}: could not acknowledge a message ({}); JetStream delivers it again and the hub"
                            + " recognises it by its id",
                    msg.getSubject(),
                    e.toString());
        } finally {
            unacknowledged.release();
            releaseExchange(exchange, false);
        }
    }

    /** Whether the consumer's connection to NATS is up. */
    boolean connected() {
        Connection c = connection;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    /** The connection's status, for the run history. */
    String status() {
        Connection c = connection;
        return c == null ? "closed" : c.getStatus().name().toLowerCase(Locale.ROOT);
    }

    /** Messages handed to the route and not yet settled. */
    int unacknowledged() {
        return MAX_UNACKNOWLEDGED - unacknowledged.availablePermits();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        signal();
        Thread t = loop;
        if (t != null) {
            // The loop ends at its next fetch's expiry; interrupted only when it does not (held in the route).
            if (!t.join(FETCH_EXPIRY.plusSeconds(2))) {
                t.interrupt();
                if (!t.join(Duration.ofSeconds(10))) {
                    LOG.warn("NATS subject {}: the pull loop did not end within 10 s of its interrupt", subject);
                }
            }
            loop = null;
        }
        context = null;
        closeConnection();
        super.doStop();
    }

    private void closeConnection() throws InterruptedException {
        if (connection != null && ownsConnection) {
            connection.close();
        }
        connection = null;
    }

    /** Logs the connection going away and coming back (the outage shows in the log) and wakes the loop. */
    private final class Reconnects implements ConnectionListener {
        @Override
        public void connectionEvent(Connection conn, Events type) {
            switch (type) {
                case DISCONNECTED ->
                    LOG.warn(
                            "NATS subject {}: disconnected from the server; reconnecting (messages wait in the stream)",
                            subject);
                case RECONNECTED -> LOG.info("NATS subject {}: reconnected; fetching again", subject);
                case CLOSED -> LOG.info("NATS subject {}: connection closed", subject);
                default -> {
                    // other events are not an outage
                }
            }
            signal();
        }
    }
}
