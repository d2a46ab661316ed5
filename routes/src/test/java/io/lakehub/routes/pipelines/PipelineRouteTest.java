package io.lakehub.routes.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.routes.component.StepList;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The pipeline route on its own: everything it needs from the hub comes through {@link PipelineHost}. */
class PipelineRouteTest extends CamelTestSupport {

    private static final String CONFIG = """
            lakehub:
              pipelines:
                - id: hot
                  from: "direct:source-hot"
                  into: people
                  steps:
                    - drop-columns: [ssn]
                - id: cold
                  from: "direct:source-cold"
                  into: people
                  schedule: "0 0 2 * * ?"
                - id: flaky
                  from: "direct:source-flaky"
                  into: people
                  schedule: "0 0 3 * * ?"
                  onError: { retries: 2, backoff: 1ms, deadLetter: "mock:dead" }
            """;

    private final RecordingHost host = new RecordingHost();

    private List<PipelineDefinition> definitions() {
        return new PipelineConfigLoader(Map.of()).parse(CONFIG, "lakehub.yaml").pipelines();
    }

    @Test
    void onlyUnscheduledPipelinesGetAnAlwaysOnSourceRouteAndItRunsThroughTheHost() throws Exception {
        context.addRoutes(new PipelineRoute(host, definitions(), true));

        assertThat(context.getRoute(PipelineRoute.sourceRouteId("hot"))).isNotNull();
        assertThat(context.getRoute(PipelineRoute.sourceRouteId("cold"))).isNull();
        assertThat(List.of("hot", "cold", "flaky"))
                .allSatisfy(id -> assertThat(context.getRoute(PipelineRoute.ingestRouteId(id)))
                        .isNotNull());

        MockEndpoint lake = getMockEndpoint("mock:lake-hot");
        lake.expectedBodiesReceived("people.csv");
        template.sendBody("direct:source-hot", "people.csv");

        lake.assertIsSatisfied();
        assertThat(host.fileRuns).containsExactly("hot:people.csv");
    }

    @Test
    void aOneShotRunGetsTheIngestRoutesOnly() throws Exception {
        context.addRoutes(new PipelineRoute(host, definitions(), false));

        assertThat(context.getRoute(PipelineRoute.sourceRouteId("hot"))).isNull();
        MockEndpoint lake = getMockEndpoint("mock:lake-cold");
        lake.expectedBodiesReceived("orders.csv");
        template.sendBody(host.ingestUri("cold"), "orders.csv");

        lake.assertIsSatisfied();
        assertThat(host.fileRuns).isEmpty();
    }

    @Test
    void aPipelinesStepsAreBoundUnderTheNameItsLakehubUriUses() throws Exception {
        context.addRoutes(new PipelineRoute(host, definitions(), true));

        assertThat(context.getRegistry().lookupByName(host.stepsBean("hot"))).isInstanceOf(StepList.class);
        assertThat(context.getRegistry().lookupByName(host.stepsBean("cold"))).isNull();
    }

    @Test
    void aFailureIsRetriedThenTheOriginalMessageGoesToTheDeadLetterEndpoint() throws Exception {
        context.addRoutes(new PipelineRoute(host, definitions(), true));
        MockEndpoint lake = getMockEndpoint("mock:lake-flaky");
        lake.whenAnyExchangeReceived(exchange -> {
            exchange.getMessage().setBody("half-read");
            throw new IllegalStateException("the lake is unavailable");
        });
        lake.expectedMessageCount(3);
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedBodiesReceived("orders.csv");

        template.sendBody(host.ingestUri("flaky"), "orders.csv");

        MockEndpoint.assertIsSatisfied(lake, dead);
        assertThat(dead.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .hasMessage("the lake is unavailable");
    }

    /** A hub that writes each pipeline to its own mock endpoint and records the always-on runs. */
    private final class RecordingHost implements PipelineHost {
        final List<String> fileRuns = new CopyOnWriteArrayList<>();

        @Override
        public String ingestUri(String pipelineId) {
            return "direct:ingest-" + pipelineId;
        }

        @Override
        public String lakehubUri(PipelineDefinition pipeline) {
            return "mock:lake-" + pipeline.id();
        }

        @Override
        public String stepsBean(String pipelineId) {
            return "steps-" + pipelineId;
        }

        @Override
        public void runFileExchange(PipelineDefinition pipeline, Exchange exchange) {
            fileRuns.add(pipeline.id() + ":" + exchange.getMessage().getBody(String.class));
            template.send(ingestUri(pipeline.id()), exchange);
        }
    }
}
