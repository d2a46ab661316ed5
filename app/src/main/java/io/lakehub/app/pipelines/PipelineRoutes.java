package io.lakehub.app.pipelines;

import io.lakehub.routes.component.PipelineSteps;
import io.lakehub.routes.jdbc.JdbcPollerComponent;
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
 * its source endpoint, each exchange a FILE run; a scheduled pipeline has no always-on consumer:
 * its runs drain the source (see {@link HubPipelines}).
 */
final class PipelineRoutes extends RouteBuilder {
    private final HubPipelines pipelines;
    private final List<PipelineDefinition> definitions;
    private final boolean alwaysOn;

    /**
     * @param alwaysOn whether unscheduled pipelines get their always-on source route (the hub);
     *     false for a one-shot run from the command line, which only drains
     */
    PipelineRoutes(HubPipelines pipelines, List<PipelineDefinition> definitions, boolean alwaysOn) {
        this.pipelines = pipelines;
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
            if (!p.steps().isEmpty()) {
                // Bound before the route is added: the endpoint resolves steps=#bean:<name> on creation.
                getContext()
                        .getRegistry()
                        .bind(HubPipelines.stepsBean(p.id()), PipelineSteps.of(p.id(), p.steps(), getContext()));
            }
            from(HubPipelines.ingestUri(p.id()))
                    .routeId(ingestRouteId(p.id()))
                    .errorHandler(errorHandler(p.onError()))
                    .to(HubPipelines.lakehubUri(p));
            if (alwaysOn && !p.isScheduled()) {
                from(p.from().resolved())
                        .routeId(sourceRouteId(p.id()))
                        .process(exchange -> pipelines.runFileExchange(p, exchange));
            }
        }
    }

    static String ingestRouteId(String pipelineId) {
        return "pipeline-" + pipelineId + "-ingest";
    }

    static String sourceRouteId(String pipelineId) {
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
