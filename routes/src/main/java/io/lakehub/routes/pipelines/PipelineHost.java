package io.lakehub.routes.pipelines;

import io.lakehub.schedules.pipeline.PipelineDefinition;
import org.apache.camel.Exchange;

/**
 * What a {@link PipelineRoute} needs from the hub that runs the pipelines: the endpoints a
 * pipeline's routes connect, and the run that each exchange of an always-on source route belongs
 * to.
 */
public interface PipelineHost {

    /** The {@code direct:} endpoint a pipeline's runs send their exchanges to; its ingest route reads it. */
    String ingestUri(String pipelineId);

    /** The {@code lakehub:} endpoint a pipeline's ingest route writes to: its dataset, mode, key and steps. */
    String lakehubUri(PipelineDefinition pipeline);

    /** The registry name under which the route binds a pipeline's steps, as {@link #lakehubUri} refers to them. */
    String stepsBean(String pipelineId);

    /**
     * Runs one exchange of an unscheduled pipeline's always-on source route as one run of the
     * pipeline. Throws to leave the message at its source (e.g. while another run of the pipeline
     * holds it).
     */
    void runFileExchange(PipelineDefinition pipeline, Exchange exchange);

    /**
     * The processor of a message broker pipeline's always-on route ({@link
     * io.lakehub.routes.brokers.MessageSources}): groups its messages into one commit per batch and
     * completes each exchange once the commit holding it is in the catalog, so the component
     * acknowledges it only then.
     */
    default org.apache.camel.Processor messageProcessor(PipelineDefinition pipeline) {
        throw new UnsupportedOperationException("This hub cannot run message broker pipelines (pipeline "
                + pipeline.id() + "); nothing was read from " + pipeline.from().display());
    }
}
