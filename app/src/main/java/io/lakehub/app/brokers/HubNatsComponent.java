package io.lakehub.app.brokers;

import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.nats.NatsComponent;
import org.apache.camel.component.nats.NatsComponentConfigurer;
import org.apache.camel.component.nats.NatsConfiguration;
import org.apache.camel.component.nats.NatsEndpoint;
import org.apache.camel.component.nats.NatsEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@code nats:} component (ADR 0032): camel-nats as it is (URI options, connection,
 * producer, core NATS consumer), except that a JetStream consumer ({@code jetstreamEnabled=true})
 * is the hub's own {@link JetStreamMessageConsumer}, which acknowledges each message only once the
 * commit holding it is in the catalog. camel-nats's own JetStream consumer acknowledges a message
 * when the route returns, before the hub has committed it.
 */
public class HubNatsComponent extends NatsComponent {
    private static final Logger LOG = LoggerFactory.getLogger(HubNatsComponent.class);

    private final PropertyConfigurer componentConfigurer = new NatsComponentConfigurer();
    private final PropertyConfigurer endpointConfigurer = new NatsEndpointConfigurer();

    /** camel-nats's generated configurers: Camel looks them up by the component's class, which is ours. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return componentConfigurer;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return endpointConfigurer;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        NatsEndpoint parsed = (NatsEndpoint) super.createEndpoint(uri, remaining, parameters);
        HubNatsEndpoint endpoint = new HubNatsEndpoint(uri, this, parsed.getConfiguration());
        endpoint.setHeaderFilterStrategy(parsed.getHeaderFilterStrategy());
        return endpoint;
    }

    /** camel-nats's endpoint whose JetStream consumer is the hub's. */
    static final class HubNatsEndpoint extends NatsEndpoint {
        HubNatsEndpoint(String uri, NatsComponent component, NatsConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            if (getConfiguration().isJetstreamEnabled()) {
                JetStreamMessageConsumer consumer = new JetStreamMessageConsumer(this, processor);
                configureConsumer(consumer);
                return consumer;
            }
            LOG.warn(
                    "NATS subject {} is read with core NATS (no jetstreamEnabled=true): at most once. Core NATS keeps"
                            + " no copy of a message, so one published while the hub is down, or received but not yet"
                            + " committed when the hub crashes, is lost. Use a JetStream stream for at least once.",
                    getConfiguration().getTopic());
            return super.createConsumer(processor);
        }
    }
}
