package io.lakehub.routes.component;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.Step;
import io.lakehub.processors.chain.StepContext;
import io.lakehub.processors.chain.StepRefusedException;
import io.lakehub.processors.chain.StepReport;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;

/**
 * A Camel {@link Processor} as a processor step ({@code processor: beanName}). Each batch is the
 * body of a fresh exchange (headers {@link LakehubConstants#DATASET} and, in a pipeline, {@link
 * #PIPELINE}); the processor changes the {@link VectorSchemaRoot}'s values in place, or sets as
 * body another batch with the same columns. Adding or dropping columns needs a {@code class:} step,
 * which declares its output schema. An exception, thrown or set on the exchange, refuses the source
 * (nothing is written), naming the step. Reports {@code rows} and {@code batches} seen.
 */
public final class ProcessorStep implements Step {
    /** Header: the pipeline id, when the ingest runs in a pipeline. */
    public static final String PIPELINE = "LakehubPipeline";

    private final CamelContext camel;
    private final Processor processor;
    private StepContext context;
    private long rows;
    private long batches;

    public ProcessorStep(CamelContext camel, Processor processor) {
        this.camel = camel;
        this.processor = processor;
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        this.context = ctx;
        return input;
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(batch);
        exchange.getMessage()
                .setHeader(LakehubConstants.DATASET, context.dataset().value());
        if (context.pipeline() != null) {
            exchange.getMessage().setHeader(PIPELINE, context.pipeline());
        }
        try {
            processor.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            Exception e = exchange.getException();
            throw new StepRefusedException(
                    "the Camel processor failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof VectorSchemaRoot out)) {
            throw new StepRefusedException("the Camel processor left "
                    + (body == null ? "no body" : "a " + body.getClass().getName() + " body")
                    + " instead of the batch (an Arrow VectorSchemaRoot)");
        }
        batches++;
        rows += out.getRowCount();
        return out;
    }

    @Override
    public StepReport finish() {
        return StepReport.of("batches", batches, "rows", rows);
    }
}
