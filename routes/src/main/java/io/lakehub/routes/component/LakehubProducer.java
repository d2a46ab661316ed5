package io.lakehub.routes.component;

import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the message body into the endpoint's dataset. A refusal is thrown as {@link
 * io.lakehub.processors.ingest.IngestRefusedException} so that the route's error handling (or the
 * inbox's {@code .failed/} folder) sees it; on success the outcome is in the {@link
 * LakehubConstants} headers.
 */
public class LakehubProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(LakehubProducer.class);

    public LakehubProducer(LakehubEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public LakehubEndpoint getEndpoint() {
        return (LakehubEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        LakehubEndpoint endpoint = getEndpoint();
        LakehubComponent component = endpoint.getComponent();
        try (SourceFile source = SourceFile.of(exchange, component.getSpoolDirectory(), endpoint.parsedFormat())) {
            IngestRequest request = IngestRequest.builder(endpoint.datasetName())
                    .file(source.path())
                    .options(endpoint.readOptions())
                    .sourceSystem(endpoint.getSourceSystem())
                    .sourceUri(source.sourceUri())
                    .pipeline(endpoint.getPipeline())
                    .actor(endpoint.getActor())
                    .widenToString(endpoint.isWidenToString())
                    .mode(endpoint.parsedMode())
                    .key(endpoint.parsedKey())
                    .steps(endpoint.stepDefinitions())
                    .build();
            IngestResult result = component.getIngestService().ingest(request);
            Message message = exchange.getMessage();
            message.setHeader(LakehubConstants.DATASET, endpoint.getDataset());
            message.setHeader(LakehubConstants.SNAPSHOT_ID, result.snapshotId());
            message.setHeader(LakehubConstants.ROWS, result.rows());
            message.setHeader(LakehubConstants.OUTCOME, result.outcome().name());
            LOG.debug(
                    "{} into {}: {} (snapshot {}, {} rows)",
                    exchange.getExchangeId(),
                    endpoint.getDataset(),
                    result.outcome(),
                    result.snapshotId(),
                    result.rows());
        }
    }
}
