package io.lakehub.routes.cdc;

import io.lakehub.routes.component.LakehubConstants;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.PollingConsumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.PollingConsumerSupport;

/**
 * {@code lakehub-cdc:<pipeline id>}: the always-on consumer of a {@code from: cdc} pipeline. It runs
 * the Debezium engine on the pipeline's bound capture; each batch of changes is one exchange whose
 * body is a {@link io.lakehub.processors.source.cdc.ChangeBatch} (with {@link
 * LakehubConstants#SOURCE_URI} set to the database URL without credentials, the table and the slot),
 * acknowledged to the engine only once the exchange succeeded, i.e. once the rows and the position
 * are committed. Consumer only; a run that drains it (a manual run) finds nothing to drain: the
 * stream is always on.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "lakehub-cdc",
        title = "Lakehub PostgreSQL change data capture",
        syntax = "lakehub-cdc:pipeline",
        consumerOnly = true,
        category = {Category.DATABASE},
        headersClass = LakehubConstants.class)
public class CdcEndpoint extends DefaultEndpoint {

    /** The pipeline whose bound capture this endpoint reads. */
    @UriPath
    @Metadata(required = true)
    private final String pipeline;

    /** How often the engine polls its queue of decoded changes, in milliseconds. */
    @UriParam(defaultValue = "50")
    private long pollInterval = 50;

    /** At most this many changes per batch (one catalog commit). */
    @UriParam(defaultValue = "4096")
    private int maxBatchSize = 4096;

    /** First wait before reconnecting after the stream failed, in milliseconds; doubles up to {@link #maxBackoff}. */
    @UriParam(defaultValue = "500")
    private long backoff = 500;

    /** Longest wait between reconnection attempts, in milliseconds. */
    @UriParam(defaultValue = "30000")
    private long maxBackoff = 30_000;

    CdcEndpoint(String uri, CdcComponent component, String pipeline) {
        super(uri, component);
        this.pipeline = pipeline;
    }

    @Override
    public CdcComponent getComponent() {
        return (CdcComponent) super.getComponent();
    }

    public String getPipeline() {
        return pipeline;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public long getBackoff() {
        return backoff;
    }

    public void setBackoff(long backoff) {
        this.backoff = backoff;
    }

    public long getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(long maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (pollInterval < 1) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'pollInterval' must be at least 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(
                    "Endpoint " + getEndpointUri() + ": option 'maxBatchSize' must be at least 1");
        }
        if (backoff < 1 || maxBackoff < backoff) {
            throw new IllegalArgumentException("Endpoint " + getEndpointUri()
                    + ": option 'backoff' must be at least 1 and 'maxBackoff' at least 'backoff'");
        }
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        CdcConsumer consumer = new CdcConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public PollingConsumer createPollingConsumer() {
        return new PollingConsumerSupport(this) {
            @Override
            public Exchange receive() {
                return null;
            }

            @Override
            public Exchange receiveNoWait() {
                return null;
            }

            @Override
            public Exchange receive(long timeout) {
                return null;
            }

            @Override
            protected void doStart() {
                // the stream is read by the always-on consumer
            }

            @Override
            protected void doStop() {
                // nothing started
            }
        };
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "lakehub-cdc only reads (from(\"lakehub-cdc:" + pipeline + "\")); write with to(\"lakehub:...\")");
    }
}
