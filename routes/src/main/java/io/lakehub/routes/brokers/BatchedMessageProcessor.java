package io.lakehub.routes.brokers;

import com.rabbitmq.client.Channel;
import io.lakehub.processors.ingest.IngestRefusedException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor of a broker pipeline's always-on route: hands each message to the {@link
 * MessageCommitter} and completes the exchange asynchronously once the commit holding it is in the
 * catalog. The component acknowledges the message when the exchange completes (MQTT: the PUBACK of
 * {@code manualAcksEnabled}); for RabbitMQ the hub sends {@code basic.ack} itself on completion and
 * {@code basic.nack} without requeue when the hub refused the message (past the pipeline's
 * {@code onError}), so a queue with a dead-letter exchange keeps it, and with requeue when it failed
 * for a reason that may pass (the hub stopping); the hub's NATS JetStream consumer acks or
 * terminates the message when the exchange completes ({@link MessageSources#ACK_AFTER_COMMIT}). Core NATS is the exception: it has no
 * acknowledgement, so its messages complete once queued ({@link MessageSources#acknowledgesOnReturn},
 * at most once). Because the exchange completes later, the consumer takes the next
 * message meanwhile and a batch fills.
 */
public final class BatchedMessageProcessor extends AsyncProcessorSupport {
    private static final Logger LOG = LoggerFactory.getLogger(BatchedMessageProcessor.class);
    /** Marks an exchange whose acknowledgement is already registered (the error handler redelivers). */
    private static final String ACK_REGISTERED = "LakehubMessageAckRegistered";

    private final String pipelineId;
    private final String scheme;
    private final MessageCommitter committer;

    public BatchedMessageProcessor(String pipelineId, String scheme, MessageCommitter committer) {
        this.pipelineId = pipelineId;
        this.scheme = scheme.toLowerCase(java.util.Locale.ROOT);
        this.committer = committer;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        registerAcknowledgement(exchange);
        byte[] body;
        try {
            body = exchange.getMessage().getMandatoryBody(byte[].class);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        PipelineMessage message = new PipelineMessage(pipelineId, body, MessageSources.messageId(scheme, exchange));
        if (MessageSources.acknowledgesOnReturn(scheme, exchange)) {
            // Core NATS: nothing to acknowledge, the component takes the next message when this returns; waiting for
            // the commit would only make each batch one message. Queued is as far as the hub can promise (ADR 0032).
            committer.submit(message).whenComplete((receipt, failure) -> {
                if (failure != null) {
                    LOG.warn(
                            "Pipeline {}: a core {} message could not be committed and is lost (core NATS keeps"
                                    + " no copy): {}",
                            pipelineId,
                            scheme,
                            failure.getMessage());
                }
            });
            callback.done(true);
            return true;
        }
        committer.submit(message).whenComplete((receipt, failure) -> {
            if (failure != null) {
                exchange.setException(
                        failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
            } else {
                exchange.getMessage().setHeader("LakehubSnapshotId", receipt.snapshotId());
                exchange.getMessage().setHeader("LakehubDuplicate", receipt.duplicate());
            }
            callback.done(false);
        });
        return false;
    }

    /**
     * RabbitMQ with {@code acknowledgeMode=MANUAL}: ack when the exchange completes; when it fails, nack
     * without requeue if the message was refused, with requeue otherwise.
     */
    private void registerAcknowledgement(Exchange exchange) {
        if (!MessageSources.RABBITMQ.equals(scheme) || exchange.getProperty(ACK_REGISTERED) != null) {
            return;
        }
        Channel channel = exchange.getProperty(MessageSources.AMQP_CHANNEL, Channel.class);
        Long tag = exchange.getMessage().getHeader(MessageSources.AMQP_DELIVERY_TAG, Long.class);
        if (channel == null || tag == null) {
            return;
        }
        exchange.setProperty(ACK_REGISTERED, Boolean.TRUE);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                try {
                    channel.basicAck(tag, false);
                } catch (IOException | RuntimeException e) {
                    // The broker delivers the message again; the hub's dedupe by message id (if it has one) or
                    // the dataset takes it once more (at least once).
                    LOG.warn(
                            "Pipeline {}: could not acknowledge a committed RabbitMQ message ({})",
                            pipelineId,
                            e.toString());
                }
            }

            @Override
            public void onFailure(Exchange failed) {
                // Refused (past the pipeline's onError): not delivered again, a dead-letter exchange keeps it. Any
                // other failure may pass (the hub is stopping, the pipeline is being replaced): back to its queue.
                boolean refused = IngestRefusedException.isCauseOf(failed.getException());
                try {
                    channel.basicNack(tag, false, !refused);
                } catch (IOException | RuntimeException e) {
                    // The channel is gone: RabbitMQ puts the unacknowledged message back in its queue itself.
                    LOG.warn(
                            "Pipeline {}: could not {} a RabbitMQ message ({})",
                            pipelineId,
                            refused ? "reject a refused" : "return an uncommitted",
                            e.toString());
                }
            }
        });
    }
}
