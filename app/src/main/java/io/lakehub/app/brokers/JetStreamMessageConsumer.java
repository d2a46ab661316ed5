package io.lakehub.app.brokers;

import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageSources;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.List;
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
 * 0032): a durable pull consumer ({@code durableName}, {@code lakehub-<pipeline>} by default) with
 * explicit acknowledgements, read through jnats's {@code consume}. Each message becomes an exchange
 * marked {@link MessageSources#ACK_AFTER_COMMIT}; when the exchange completes the message is
 * acknowledged ({@code +ACK}), when it finally fails because it was refused (past the pipeline's
 * {@code onError}) it is terminated ({@code +TERM}: not delivered again), and when it failed for any
 * other reason (the hub stopping before its commit) it is handed back ({@code -NAK}). A message whose commit or acknowledgement was lost in
 * a crash is delivered again after the consumer's ack wait; its id (the {@code Nats-Msg-Id} header,
 * else the stream's sequence number, which JetStream keeps across redeliveries) is the idempotency
 * key that keeps it from being written twice.
 *
 * <p>The stream is created (subject = the URI's subject) when it does not exist, as camel-nats does.
 * A new durable consumer starts at the beginning of the stream.
 */
final class JetStreamMessageConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamMessageConsumer.class);
    private static final String MESSAGE_ID_HEADER = "Nats-Msg-Id";
    private static final ConsumeOptions CONSUME =
            ConsumeOptions.builder().batchSize(256).build();

    private volatile Connection connection;
    private boolean ownsConnection;
    private volatile MessageConsumer consumer;
    private volatile ConsumerContext context;
    private String keyPrefix;

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
        String stream = config.getJetstreamName();
        String subject = config.getTopic();
        String durable = config.getDurableName();
        if (stream == null || stream.isBlank() || durable == null || durable.isBlank()) {
            throw new IllegalArgumentException("NATS JetStream subject " + subject
                    + ": jetstreamName (the stream) and durableName are required; nothing was consumed");
        }
        ownsConnection = config.getConnection() == null;
        connection = ownsConnection ? getEndpoint().getConnection() : config.getConnection();
        try {
            connection.addConnectionListener(new Reconnects(subject));
            JetStreamManagement jsm = connection.jetStreamManagement();
            StreamInfo info = streamInfo(jsm, stream, subject);
            // A sequence number is only unique within one life of the stream: a stream deleted and created again
            // under the same name starts at 1, so its creation time is part of the key.
            keyPrefix =
                    "nats:" + stream + "@" + info.getCreateTime().toInstant().toEpochMilli() + ":";
            jsm.addOrUpdateConsumer(
                    stream,
                    ConsumerConfiguration.builder()
                            .durable(durable)
                            .filterSubject(subject)
                            .ackPolicy(AckPolicy.Explicit)
                            .deliverPolicy(DeliverPolicy.All)
                            .build());
            context = connection.getConsumerContext(stream, durable);
            consumer = context.consume(CONSUME, this::onMessage);
            LOG.info(
                    "NATS JetStream stream {} (subject {}) is read by durable consumer {}; messages are acknowledged"
                            + " after their commit",
                    stream,
                    subject,
                    durable);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeConnection();
            throw e;
        }
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

    private void onMessage(Message msg) {
        Exchange exchange = createExchange(false);
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
        getAsyncProcessor().process(exchange, doneSync -> settle(msg, exchange));
    }

    private void settle(Message msg, Exchange exchange) {
        try {
            if (exchange.getException() == null) {
                msg.ack();
            } else if (refused(exchange.getException())) {
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
        return c == null ? "closed" : c.getStatus().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean refused(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IngestRefusedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doStop() throws Exception {
        if (consumer != null) {
            consumer.stop();
            try {
                consumer.close();
            } catch (Exception e) {
                LOG.debug("Closing the NATS consumer: {}", e.toString());
            }
            consumer = null;
        }
        closeConnection();
        super.doStop();
    }

    private void closeConnection() throws InterruptedException {
        if (connection != null && ownsConnection) {
            connection.close();
        }
        connection = null;
    }

    /**
     * Pulls again after a reconnect: the pull requests in flight when the connection dropped are
     * gone, and jnats's consumer would only notice after its pull expired. Messages delivered before
     * and not yet acknowledged are acknowledged as their commits complete (or delivered again).
     */
    private void pullAgain() {
        ConsumerContext ctx = context;
        MessageConsumer old = consumer;
        if (ctx == null || !isRunAllowed()) {
            return;
        }
        try {
            if (old != null) {
                old.stop();
            }
            consumer = ctx.consume(CONSUME, this::onMessage);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.warn(
                    "NATS JetStream: could not pull again after a reconnect ({}); the route is restarted by its"
                            + " supervisor if it fails",
                    e.toString());
        }
    }

    /** Logs the connection going away and coming back (the outage shows in the log) and pulls again. */
    private final class Reconnects implements ConnectionListener {
        private final String subject;

        Reconnects(String subject) {
            this.subject = subject;
        }

        @Override
        public void connectionEvent(Connection conn, Events type) {
            switch (type) {
                case DISCONNECTED ->
                    LOG.warn(
                            "NATS subject {}: disconnected from the server; reconnecting (messages wait in the stream)",
                            subject);
                case RECONNECTED -> {
                    LOG.info("NATS subject {}: reconnected", subject);
                    // Not on the connection's event thread, nor on the common pool (one thread on a small machine).
                    Thread.ofPlatform()
                            .name("lakehub-nats-pull-again")
                            .daemon(true)
                            .start(JetStreamMessageConsumer.this::pullAgain);
                }
                case CLOSED -> LOG.info("NATS subject {}: connection closed", subject);
                default -> {
                    // other events are not an outage
                }
            }
        }
    }
}
