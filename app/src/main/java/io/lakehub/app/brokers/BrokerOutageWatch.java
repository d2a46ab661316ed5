package io.lakehub.app.brokers;

import io.lakehub.routes.brokers.BrokerConnection;
import io.lakehub.routes.brokers.MessageSources;
import io.lakehub.routes.pipelines.PipelineRoute;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.RunHistory;
import io.lakehub.schedules.RunOutcome;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.springrabbit.SpringRabbitMQConsumer;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * Puts a broker outage in the run history (ADR 0032). Every {@code lakehub.brokers.outage-check}
 * it looks at each running broker pipeline's connection (MQTT: the Paho client's; RabbitMQ: the
 * events of its connection factory; NATS JetStream: the hub consumer's connection; Kafka: whether
 * the hub's Kafka consumer last got an answer from its brokers, {@link BrokerConnection}); when one is
 * lost it records a FAILED run of the pipeline saying since when and why, and when it is back a
 * SUCCEEDED run with no rows saying how long it lasted. The components reconnect by themselves
 * (Paho's automatic reconnect, Spring AMQP's recovery, jnats) with their own backoff; messages
 * published meanwhile wait at the broker (RabbitMQ queue, MQTT persistent session, JetStream
 * stream) and land after the reconnect. It also puts {@link MqttReconnectCallback} on each MQTT
 * consumer it sees, so a reconnect with queued messages does not hang the consumer.
 */
public final class BrokerOutageWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageWatch.class);

    private final CamelContext camel;
    private final Supplier<List<PipelineDefinition>> pipelines;
    private final RunHistory history;
    private final String node;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("lakehub-broker-outages").daemon(true).unstarted(r));
    /** Outages in progress, by pipeline: since when. */
    private final Map<String, Instant> outages = new ConcurrentHashMap<>();
    /** RabbitMQ connection factories listened to, and whether each is down (with why). */
    private final Map<ConnectionFactory, Optional<String>> rabbitDown = new ConcurrentHashMap<>();

    private final Set<ConnectionFactory> listening = ConcurrentHashMap.newKeySet();
    /** MQTT consumers whose client callback is already {@link MqttReconnectCallback}. */
    private final Set<PahoMqtt5Consumer> mqttFixed =
            java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>()));

    public BrokerOutageWatch(
            CamelContext camel, Supplier<List<PipelineDefinition>> pipelines, RunHistory history, String node) {
        this.camel = camel;
        this.pipelines = pipelines;
        this.history = history;
        this.node = node;
    }

    /** Looks every {@code interval}, from now on. */
    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            for (PipelineDefinition p : pipelines.get()) {
                if (!MessageSources.isMessageSource(p.from()) && !PipelineRoute.isKafka(p)) {
                    continue;
                }
                Route route = camel.getRoute(PipelineRoute.sourceRouteId(p.id()));
                if (route == null || route.getConsumer() == null || !isStarted(route.getConsumer())) {
                    continue;
                }
                Optional<String> down = down(route.getConsumer());
                if (down == null) {
                    continue; // cannot tell
                }
                Instant since = outages.get(p.id());
                if (down.isPresent() && since == null) {
                    Instant now = Instant.now();
                    outages.put(p.id(), now);
                    record(
                            p.id(),
                            RunOutcome.failed(
                                    0,
                                    "lost the connection to the broker (" + down.get() + "); reconnecting with"
                                            + " backoff. Messages published meanwhile wait at the broker; nothing"
                                            + " unacknowledged is lost"));
                    LOG.warn("Pipeline {}: lost the connection to its broker ({}); reconnecting", p.id(), down.get());
                } else if (down.isEmpty() && since != null) {
                    outages.remove(p.id());
                    Duration gap = Duration.between(since, Instant.now());
                    record(
                            p.id(),
                            new RunOutcome(
                                    RunStatus.SUCCEEDED,
                                    0,
                                    null,
                                    "reconnected to the broker after an outage of " + gap.toMillis() / 1000.0
                                            + " s (since " + since + ")"));
                    LOG.info("Pipeline {}: reconnected to its broker after {} ms", p.id(), gap.toMillis());
                }
            }
        } catch (RuntimeException e) {
            // The next check tries again; an outage is then recorded late, never lost.
            LOG.warn("Checking the broker connections failed: {}", e.toString());
        }
    }

    private static boolean isStarted(Consumer consumer) {
        return consumer instanceof org.apache.camel.support.service.BaseService s && s.isStarted();
    }

    /** Empty when connected, the reason when not, null when this consumer cannot tell. */
    private Optional<String> down(Consumer consumer) {
        if (consumer instanceof PahoMqtt5Consumer mqtt) {
            if (mqtt.getClient() != null && mqttFixed.add(mqtt)) {
                MqttReconnectCallback.install(mqtt);
            }
            return mqtt.getClient() == null || mqtt.getClient().isConnected()
                    ? Optional.empty()
                    : Optional.of("MQTT client disconnected");
        }
        if (consumer instanceof SpringRabbitMQConsumer rabbit) {
            ConnectionFactory factory = ((SpringRabbitMQEndpoint) rabbit.getEndpoint()).getConnectionFactory();
            if (!(factory instanceof AbstractConnectionFactory listenable)) {
                return null;
            }
            if (listening.add(factory)) {
                rabbitDown.put(factory, Optional.empty());
                listenable.addConnectionListener(new RabbitState(factory));
            }
            return rabbitDown.getOrDefault(factory, Optional.empty());
        }
        if (consumer instanceof BrokerConnection kafka) {
            return kafka.connectionProblem();
        }
        if (consumer instanceof JetStreamMessageConsumer nats) {
            return nats.connected() ? Optional.empty() : Optional.of("NATS connection " + nats.status());
        }
        return null;
    }

    private void record(String pipelineId, RunOutcome outcome) {
        Optional<PipelineRun> run = history.start(pipelineId, TriggerKind.FILE, node, null);
        if (run.isPresent()) {
            history.finish(run.get().id(), outcome);
        } else {
            // A run holds the pipeline's slot (a batch being committed): the outage is noted beside it.
            history.skip(
                    pipelineId,
                    TriggerKind.FILE,
                    node,
                    null,
                    outcome.error() != null ? outcome.error() : outcome.result());
        }
    }

    /** Follows a RabbitMQ connection factory's connection: down from a failure or broker close until created again. */
    private final class RabbitState implements ConnectionListener {
        private final ConnectionFactory factory;

        RabbitState(ConnectionFactory factory) {
            this.factory = factory;
        }

        @Override
        public void onCreate(org.springframework.amqp.rabbit.connection.Connection connection) {
            rabbitDown.put(factory, Optional.empty());
        }

        @Override
        public void onShutDown(com.rabbitmq.client.ShutdownSignalException signal) {
            if (!signal.isInitiatedByApplication()) {
                rabbitDown.put(factory, Optional.of("RabbitMQ closed the connection: " + signal.getMessage()));
            }
        }

        @Override
        public void onFailed(Exception exception) {
            rabbitDown.put(factory, Optional.of("RabbitMQ unreachable: " + exception.getMessage()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
