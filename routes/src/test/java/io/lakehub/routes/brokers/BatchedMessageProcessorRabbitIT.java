package io.lakehub.routes.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.lakehub.processors.ingest.IngestRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the hub tells RabbitMQ (the machine's broker on 127.0.0.1:5672) about a message it took and
 * could not commit: a message the hub refused is rejected for good (a dead-letter exchange keeps
 * it), a message that failed for a reason that may pass — the hub stopping while the message waited
 * for its commit — goes back to its queue and is delivered again.
 */
class BatchedMessageProcessorRabbitIT {
    private final String queue = "lakehub-nack-" + UUID.randomUUID();
    private Connection connection;
    private Channel channel;
    private CamelContext camel;
    private ProducerTemplate template;
    private MessageCommitter committer;

    @BeforeEach
    void start() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        connection = f.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
        channel.queueDeclare(queue, false, false, false, null);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders")
                        .process(new BatchedMessageProcessor(
                                "orders", MessageSources.RABBITMQ, message -> committer.submit(message)));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        try {
            channel.queueDelete(queue);
        } finally {
            connection.close();
        }
    }

    @Test
    void aMessageLeftUncommittedWhenTheHubStopsGoesBackToItsQueue() throws Exception {
        committer = message -> CompletableFuture.failedFuture(new IllegalStateException(
                "The hub is stopping; the message was not written and is left with its broker."));
        GetResponse taken = publishAndTake("{\"id\":1}");

        Exchange done = deliver(taken);

        assertThat(done.getException()).isInstanceOf(IllegalStateException.class);
        GetResponse again = channel.basicGet(queue, false);
        assertThat(again).as("the message is in its queue again").isNotNull();
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
    }

    @Test
    void aMessageTheHubRefusedIsNotDeliveredAgain() throws Exception {
        committer = message -> CompletableFuture.failedFuture(
                new IngestRefusedException("orders: the message is not JSON; nothing of it was written", null));
        GetResponse taken = publishAndTake("not json");

        Exchange done = deliver(taken);

        assertThat(done.getException()).isInstanceOf(IngestRefusedException.class);
        assertThat(channel.basicGet(queue, false))
                .as("rejected without requeue")
                .isNull();
    }

    @Test
    void aCommittedMessageIsAcknowledged() throws Exception {
        committer = message -> CompletableFuture.completedFuture(new MessageCommitter.MessageReceipt(7, false));
        GetResponse taken = publishAndTake("{\"id\":2}");

        Exchange done = deliver(taken);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader("LakehubSnapshotId")).isEqualTo(7L);
        assertThat(channel.basicGet(queue, false)).as("acknowledged").isNull();
    }

    private GetResponse publishAndTake(String body) throws Exception {
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
        GetResponse taken = channel.basicGet(queue, false);
        assertThat(taken).isNotNull();
        return taken;
    }

    /** The exchange the spring-rabbitmq consumer makes of a delivery, through the pipeline's processor. */
    private Exchange deliver(GetResponse taken) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(MessageSources.AMQP_CHANNEL, channel);
        exchange.getMessage()
                .setHeader(MessageSources.AMQP_DELIVERY_TAG, taken.getEnvelope().getDeliveryTag());
        exchange.getMessage().setBody(taken.getBody());
        return template.send("direct:orders", exchange);
    }
}
