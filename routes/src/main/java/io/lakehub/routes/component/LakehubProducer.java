package io.lakehub.routes.component;

import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.PartitionColumnsStep;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the message body into the endpoint's dataset: a file (or bytes, spooled to one), or a
 * {@link BatchSource} such as a database poller's, drained through the chain. A refusal is thrown as {@link
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
        if (exchange.getMessage().getBody() instanceof BatchSource batchSource) {
            // A source that produces batches itself (a database poller): drained by the chain, its
            // position committed with the rows. Lineage names it by the SOURCE_URI header.
            IngestRequest request = fromEndpoint(endpoint)
                    .source(batchSource)
                    .sourceUri(exchange.getMessage().getHeader(LakehubConstants.SOURCE_URI, String.class))
                    .idempotency(exchange.getMessage()
                            .getHeader(
                                    LakehubConstants.IDEMPOTENCY_KEYS, io.lakehub.catalog.commit.IdempotencyKeys.class))
                    .build();
            report(exchange, endpoint, component.getIngestService().ingest(request));
            return;
        }
        try (SourceFile source = SourceFile.of(exchange, component.getSpoolDirectory(), endpoint.parsedFormat())) {
            IngestRequest request = fromEndpoint(endpoint)
                    .file(source.path())
                    .options(endpoint.readOptions())
                    .sourceUri(source.sourceUri())
                    .steps(withPartitions(exchange, endpoint.stepDefinitions()))
                    .build();
            report(exchange, endpoint, component.getIngestService().ingest(request));
        }
    }

    /** What every request through this endpoint carries, whatever its source. */
    private static IngestRequest.Builder fromEndpoint(LakehubEndpoint endpoint) {
        return IngestRequest.builder(endpoint.datasetName())
                .sourceSystem(endpoint.getSourceSystem())
                .pipeline(endpoint.getPipeline())
                .actor(endpoint.getActor())
                .widenToString(endpoint.isWidenToString())
                .mode(endpoint.parsedMode())
                .key(endpoint.parsedKey())
                .badRows(endpoint.parsedBadRows())
                .deletedColumn(endpoint.getDeletedColumn())
                .steps(endpoint.stepDefinitions());
    }

    /** The partition-columns step first when the message carries {@link LakehubConstants#PARTITIONS}. */
    private static List<StepDefinition> withPartitions(Exchange exchange, List<StepDefinition> steps) {
        Object header = exchange.getMessage().getHeader(LakehubConstants.PARTITIONS);
        if (!(header instanceof Map<?, ?> map) || map.isEmpty()) {
            return steps;
        }
        Map<String, String> partitions = new LinkedHashMap<>();
        map.forEach((k, v) -> partitions.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        List<StepDefinition> all = new ArrayList<>(steps.size() + 1);
        all.add(PartitionColumnsStep.definition(partitions));
        all.addAll(steps);
        return all;
    }

    private static void report(Exchange exchange, LakehubEndpoint endpoint, IngestResult result) {
        Message message = exchange.getMessage();
        message.setHeader(LakehubConstants.DATASET, endpoint.getDataset());
        message.setHeader(LakehubConstants.SNAPSHOT_ID, result.snapshotId());
        message.setHeader(LakehubConstants.ROWS, result.rows());
        message.setHeader(LakehubConstants.OUTCOME, result.outcome().name());
        message.setHeader(LakehubConstants.BAD_ROWS, result.badRows());
        LOG.debug(
                "{} into {}: {} (snapshot {}, {} rows)",
                exchange.getExchangeId(),
                endpoint.getDataset(),
                result.outcome(),
                result.snapshotId(),
                result.rows());
    }
}
