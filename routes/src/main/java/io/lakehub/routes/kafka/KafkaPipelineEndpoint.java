package io.lakehub.routes.kafka;

import io.lakehub.routes.component.LakehubConstants;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code lakehub-kafka:<pipeline id>}: an always-on consumer of the pipeline's bound camel-kafka
 * URI; each exchange is one micro-batch whose body is a {@link KafkaBatchSource} (the {@code
 * lakehub:} producer drains it and commits its rows with its positions), with {@link
 * LakehubConstants#SOURCE_URI} the URI as written. Consumer only.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "lakehub-kafka",
        title = "Lakehub Kafka source",
        syntax = "lakehub-kafka:pipeline",
        consumerOnly = true,
        category = {Category.MESSAGING},
        headersClass = LakehubConstants.class)
public class KafkaPipelineEndpoint extends DefaultEndpoint {

    /** The pipeline whose bound Kafka URI this endpoint reads. */
    @UriPath
    @Metadata(required = true)
    private final String pipeline;

    KafkaPipelineEndpoint(String uri, KafkaPipelineComponent component, String pipeline) {
        super(uri, component);
        this.pipeline = pipeline;
    }

    @Override
    public KafkaPipelineComponent getComponent() {
        return (KafkaPipelineComponent) super.getComponent();
    }

    public String getPipeline() {
        return pipeline;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KafkaPipelineConsumer consumer = new KafkaPipelineConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("lakehub-kafka only reads (from(\"lakehub-kafka:" + pipeline
                + "\")); write to Kafka with camel-kafka's kafka: endpoint");
    }
}
