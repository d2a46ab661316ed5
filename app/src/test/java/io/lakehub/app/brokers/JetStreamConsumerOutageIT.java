package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.testing.LocalBrokers;
import io.lakehub.routes.brokers.MessageSources;
import io.lakehub.testing.net.TcpProxy;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.AsyncProcessorSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's JetStream consumer against the real local nats-server, reached through a {@link
 * TcpProxy} that is cut (connections reset, new ones refused) or hangs (connections open, nothing
 * answered), while the server itself, shared with other tests, keeps running and stores what is
 * published meanwhile. The route completes its exchanges later, in batches, as the hub's commits
 * do. After each outage the consumer resumes and every message arrives; never more than {@link
 * JetStreamMessageConsumer#MAX_UNACKNOWLEDGED} are unacknowledged at once.
 */
class JetStreamConsumerOutageIT {
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String subject = "lakehub-consumer-outage-" + suffix;
    private final String stream = "lakehub-consumer-outage-" + suffix;
    private final TcpProxy proxy = TcpProxy.to("127.0.0.1", 4222);
    /** Message ids (stream sequence keys) the route received, and the bodies' ids. */
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    private final Set<Integer> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inRoute = new AtomicInteger();
    private final AtomicInteger mostInRoute = new AtomicInteger();
    /** Exchanges waiting for their "commit", completed together every 50 ms. */
    private final List<AsyncCallback> pending = new ArrayList<>();

    private final ScheduledExecutorService commits = Executors.newSingleThreadScheduledExecutor();
    private DefaultCamelContext camel;
    private Connection publisherConnection;
    private JetStream publisher;

    @BeforeEach
    void start() throws Exception {
        publisherConnection = Nats.connect(LocalBrokers.NATS_URL);
        publisherConnection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name(stream)
                        .subjects(subject)
                        .build());
        publisher = publisherConnection.jetStream();
        commits.scheduleWithFixedDelay(this::commit, 50, 50, TimeUnit.MILLISECONDS);
        camel = new DefaultCamelContext();
        camel.addComponent("nats", new HubNatsComponent());
        String uri = "nats:%s?servers=127.0.0.1:%d&jetstreamEnabled=true&jetstreamName=%s&durableName=it-%s"
                        .formatted(subject, proxy.port(), stream, suffix)
                + "&maxReconnectAttempts=-1&reconnectTimeWait=200&connectionTimeout=1000";
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consumer").process(new AsyncProcessorSupport() {
                    @Override
                    public boolean process(Exchange exchange, AsyncCallback callback) {
                        keys.add(exchange.getIn().getHeader(MessageSources.MESSAGE_ID, String.class));
                        String body = new String(exchange.getIn().getBody(byte[].class), StandardCharsets.UTF_8);
                        ids.add(Integer.parseInt(body.replaceAll("\\D", "")));
                        int now = inRoute.incrementAndGet();
                        mostInRoute.accumulateAndGet(now, Math::max);
                        synchronized (pending) {
                            pending.add(callback);
                        }
                        return false;
                    }
                });
            }
        });
        camel.start();
    }

    private void commit() {
        List<AsyncCallback> done;
        synchronized (pending) {
            done = new ArrayList<>(pending);
            pending.clear();
        }
        for (AsyncCallback callback : done) {
            inRoute.decrementAndGet();
            callback.done(false);
        }
    }

    @AfterEach
    void stop() throws Exception {
        try {
            camel.stop();
            commits.shutdownNow();
            publisherConnection.close();
        } finally {
            proxy.close();
            LocalBrokers.deleteJetStream(stream);
        }
    }

    private JetStreamMessageConsumer consumer() {
        return (JetStreamMessageConsumer) camel.getRoute("consumer").getConsumer();
    }

    private void publish(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            publisher.publish(subject, ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void awaitAll(int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    assertThat(ids).hasSize(count);
                    assertThat(keys).hasSize(count);
                });
    }

    @Test
    void resumesEveryTimeTheConnectionIsCutAndComesBack() throws Exception {
        publish(0, 50);
        awaitAll(50);
        int published = 50;
        for (int outage = 0; outage < 3; outage++) {
            proxy.cut();
            await().atMost(Duration.ofSeconds(10)).until(() -> !consumer().connected());
            publish(published, published + 100);
            published += 100;
            proxy.restore();
            awaitAll(published);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer().unacknowledged() == 0);
    }

    @Test
    void aHalfDeadConnectionIsMadeToReconnect() throws Exception {
        publish(0, 20);
        awaitAll(20);
        proxy.hang();
        publish(20, 70);
        // Nothing closed the connection: only the consumer's ping notices that the server does not answer.
        await().atMost(Duration.ofSeconds(30)).until(() -> !consumer().connected());
        proxy.restore();
        awaitAll(70);
    }

    @Test
    void aBacklogIsReadWithAtMostTheUnacknowledgedLimitInTheRoute() throws Exception {
        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer().connected());
        // Published without waiting for each acknowledgement, then all of them awaited.
        List<java.util.concurrent.CompletableFuture<io.nats.client.api.PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            acks.add(publisher.publishAsync(subject, ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        for (var ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        proxy.restore();
        awaitAll(2000);
        assertThat(mostInRoute.get()).isLessThanOrEqualTo(JetStreamMessageConsumer.MAX_UNACKNOWLEDGED);
    }
}
