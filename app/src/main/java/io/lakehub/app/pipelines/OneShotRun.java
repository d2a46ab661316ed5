package io.lakehub.app.pipelines;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.routes.cdc.CdcComponent;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.routes.jdbc.JdbcPollerComponent;
import io.lakehub.routes.jdbc.SourcePositions;
import io.lakehub.routes.pipelines.PipelineRoute;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code ./lakehub pipeline run ID} on a home no hub holds: a Camel context of its own with the
 * {@code lakehub:} component and the pipelines' ingest routes (no always-on sources), one run under
 * the same single-flight claim and run history as the hub's, then everything is stopped.
 */
public final class OneShotRun {
    private OneShotRun() {}

    /** Runs the pipeline once, on this thread; the finished or SKIPPED run. */
    public static PipelineRun run(
            LakehubProperties properties,
            PipelineConfig config,
            IngestService ingestService,
            SourcePositions positions,
            String pipelineId) {
        config.pipeline(pipelineId)
                .orElseThrow(() -> new io.lakehub.schedules.UnknownPipelineException(
                        "There is no pipeline '" + pipelineId + "' in " + config.file() + "; nothing was run."));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().setName("lakehub-cli");
            camel.addComponent(
                    "lakehub",
                    new LakehubComponent(ingestService, properties.homePath().resolve("tmp")));
            camel.addComponent(PipelineConfigLoader.JDBC_SCHEME, new JdbcPollerComponent(positions));
            camel.addComponent(PipelineConfigLoader.CDC_SCHEME, new CdcComponent(positions));
            try (HubPipelines pipelines = new HubPipelines(properties, config, camel)) {
                camel.addRoutes(new PipelineRoute(pipelines, config.pipelines(), false));
                camel.start();
                return pipelines.runHere(pipelineId, TriggerKind.MANUAL);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not set up Camel for the run: " + e.getMessage(), e);
        }
    }
}
