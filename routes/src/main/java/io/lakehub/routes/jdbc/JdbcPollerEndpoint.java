package io.lakehub.routes.jdbc;

import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.source.jdbc.JdbcSource;
import io.lakehub.processors.source.jdbc.SourceKeys;
import io.lakehub.routes.component.LakehubConstants;
import java.time.Clock;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * {@code lakehub-jdbc:<pipeline id>}: each poll is one exchange whose body is a {@link JdbcSource}
 * over the pipeline's bound spec (wrapped in {@link SourceKeys} when the spec compares keys, {@code
 * deleted: { compare-keys: ... }}; not opened yet; the {@code lakehub:} producer drains it), with
 * {@link LakehubConstants#SOURCE_URI} set to the database URL without credentials and the table.
 * Consumer only. A scheduled pipeline's run receives one exchange ({@link #createPollingConsumer});
 * an unscheduled one polls every {@code delay} milliseconds (default one minute).
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "lakehub-jdbc",
        title = "Lakehub database poller",
        syntax = "lakehub-jdbc:pipeline",
        consumerOnly = true,
        category = {Category.DATABASE},
        headersClass = LakehubConstants.class)
public class JdbcPollerEndpoint extends ScheduledPollEndpoint {

    /** Default time between polls of an unscheduled pipeline. */
    public static final long DEFAULT_DELAY_MILLIS = 60_000;

    /** The pipeline whose bound poller this endpoint reads. */
    @UriPath
    @Metadata(required = true)
    private final String pipeline;

    JdbcPollerEndpoint(String uri, JdbcPollerComponent component, String pipeline) {
        super(uri, component);
        this.pipeline = pipeline;
        setDelay(DEFAULT_DELAY_MILLIS);
    }

    @Override
    public JdbcPollerComponent getComponent() {
        return (JdbcPollerComponent) super.getComponent();
    }

    public String getPipeline() {
        return pipeline;
    }

    /**
     * One poll: an exchange carrying a fresh source over the pipeline's current binding; it reads
     * its committed position when the ingest opens it.
     *
     * @throws IllegalStateException when no poller is bound for the pipeline
     */
    Exchange poll() {
        JdbcPollerComponent.Binding binding = getComponent()
                .binding(pipeline)
                .orElseThrow(() -> new IllegalStateException("No database poller is bound for pipeline '" + pipeline
                        + "'; the hub binds one for each from: jdbc pipeline of its configuration."));
        SourcePositions positions = getComponent().getPositions();
        if (positions == null) {
            // Without the committed position a poll would read everything again: refuse instead.
            throw new IllegalStateException("The lakehub-jdbc component of this Camel context has no positions"
                    + " (the catalog's committed source positions), so pipeline '" + pipeline + "' cannot be polled.");
        }
        String key = binding.spec().positionKey();
        JdbcSource rows = new JdbcSource(binding.spec(), () -> positions.position(binding.dataset(), key));
        BatchSource source = binding.spec().compareKeys() == null
                ? rows
                : new SourceKeys(
                        rows,
                        () -> positions.position(
                                binding.dataset(), binding.spec().keysComparedAtKey()),
                        Clock.systemUTC());
        Exchange exchange = createExchange();
        exchange.getMessage().setBody(source);
        exchange.getMessage()
                .setHeader(LakehubConstants.SOURCE_URI, binding.spec().describe());
        return exchange;
    }

    @Override
    public PollingConsumer createPollingConsumer() {
        return new JdbcPollingConsumer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        JdbcPollerConsumer consumer = new JdbcPollerConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "lakehub-jdbc only reads (from(\"lakehub-jdbc:" + pipeline + "\")); write with to(\"lakehub:...\")");
    }
}
