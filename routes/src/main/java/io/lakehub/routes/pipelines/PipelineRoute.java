package io.lakehub.routes.pipelines;

import io.lakehub.routes.brokers.MessageSources;
import io.lakehub.routes.cdc.CdcComponent;
import io.lakehub.routes.component.PipelineSteps;
import io.lakehub.routes.jdbc.JdbcPollerComponent;
import io.lakehub.routes.kafka.KafkaPipelineComponent;
import io.lakehub.schedules.pipeline.OnError;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.util.List;
import org.apache.camel.ErrorHandlerFactory;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Camel routes the pipelines compile into. Every pipeline gets an ingest route, {@code
 * direct:lakehub-pipeline-<id>} → {@code lakehub:<into>}, carrying its {@code onError} (retries,
 * backoff, dead letter endpoint). A pipeline without a schedule also gets an always-on route from
 * its source endpoint, each exchange a FILE run (a message broker's messages are grouped into one
 * run and commit per batch instead, see {@link MessageSources}); a scheduled pipeline has no always-on consumer:
 * its scheduled runs drain the source. What the routes need from the hub, the
 * endpoint URIs and the run around each always-on exchange, comes from a {@link PipelineHost}.
 */
public final class PipelineRoute extends RouteBuilder {
    private final PipelineHost host;
    private final List<PipelineDefinition> definitions;
    private final boolean alwaysOn;

    /**
     * @param host the hub the routes send into and run through
     * @param definitions the pipelines to build routes for
     * @param alwaysOn whether unscheduled pipelines get their always-on source route (the hub);
     *     false for a one-shot run from the command line, which only drains
     */
    public PipelineRoute(PipelineHost host, List<PipelineDefinition> definitions, boolean alwaysOn) {
        this.host = host;
        this.definitions = List.copyOf(definitions);
        this.alwaysOn = alwaysOn;
    }

    @Override
    public void configure() {
        for (PipelineDefinition p : definitions) {
            p.jdbcSource()
                    .ifPresent(spec -> getContext()
                            .getComponent(PipelineConfigLoader.JDBC_SCHEME, JdbcPollerComponent.class)
                            .bind(p.id(), spec, p.into()));
            p.cdcSource()
                    .ifPresent(spec -> getContext()
                            .getComponent(PipelineConfigLoader.CDC_SCHEME, CdcComponent.class)
                            .bind(p.id(), spec, p.into(), p.key()));
            if (!p.steps().isEmpty()) {
                // Bound before the route is added: the endpoint resolves steps=#bean:<name> on creation.
                getContext()
                        .getRegistry()
                        .bind(host.stepsBean(p.id()), PipelineSteps.of(p.id(), p.steps(), getContext()));
            }
            from(host.ingestUri(p.id()))
                    .routeId(ingestRouteId(p.id()))
                    .errorHandler(errorHandler(p.onError()))
                    .to(host.lakehubUri(p));
            if (isKafka(p)) {
                // Always on, schedule or not: the hub's Kafka consumer commits each micro-batch with its offsets.
                if (alwaysOn) {
                    kafkaSource(p);
                }
            } else if (alwaysOn && !p.isScheduled() && MessageSources.isMessageSource(p.from())) {
                // A message broker: messages grouped into one commit per batch, acknowledged after it.
                from(MessageSources.consumerUri(p.id(), p.from()))
                        .routeId(sourceRouteId(p.id()))
                        .errorHandler(errorHandler(p.onError()))
                        .process(host.messageProcessor(p));
            } else if (alwaysOn && !p.isScheduled() && !p.isWebhookSource()) {
                // A from: webhook pipeline has no Camel consumer: the HTTP API hands its events over.
                from(p.from().resolved())
                        .routeId(sourceRouteId(p.id()))
                        .process(exchange -> host.runFileExchange(p, exchange));
            }
        }
    }

    /** Whether the pipeline reads Kafka ({@code from: "kafka:..."}): the hub's own consumer drives it. */
    public static boolean isKafka(PipelineDefinition p) {
        return p.jdbcSource().isEmpty() && KAFKA_SCHEME.equals(p.from().scheme());
    }

    /** The camel-kafka scheme. */
    public static final String KAFKA_SCHEME = "kafka";

    /**
     * {@code lakehub-kafka:<id>} → {@code lakehub:<into>}: each exchange is one micro-batch of the
     * topic, committed with its offsets (ADR 0024). Binding the pipeline keeps its URI, which may hold
     * credentials, out of the route.
     */
    private void kafkaSource(PipelineDefinition p) {
        getContext()
                .getComponent("lakehub-kafka", KafkaPipelineComponent.class)
                .bind(
                        p.id(),
                        new KafkaPipelineComponent.Binding(
                                p.from().resolved(),
                                p.from().display(),
                                p.into(),
                                p.onError().deadLetter() == null
                                        ? null
                                        : p.onError().deadLetter().resolved(),
                                p.onError().backoff()));
        from("lakehub-kafka:" + p.id()).routeId(sourceRouteId(p.id())).to(host.lakehubUri(p));
    }

    /** The id of a pipeline's ingest route ({@code direct:} to {@code lakehub:}). */
    public static String ingestRouteId(String pipelineId) {
        return "pipeline-" + pipelineId + "-ingest";
    }

    /** The id of an unscheduled pipeline's always-on source route. */
    public static String sourceRouteId(String pipelineId) {
        return "pipeline-" + pipelineId;
    }

    private ErrorHandlerFactory errorHandler(OnError onError) {
        if (onError.deadLetter() != null) {
            return deadLetterChannel(onError.deadLetter().resolved())
                    .maximumRedeliveries(onError.retries())
                    .redeliveryDelay(onError.backoff().toMillis())
                    .useOriginalMessage();
        }
        return defaultErrorHandler()
                .maximumRedeliveries(onError.retries())
                .redeliveryDelay(onError.backoff().toMillis());
    }
}
