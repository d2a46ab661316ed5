package io.lakehub.app.brokers;

import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5ComponentConfigurer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5EndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@code paho-mqtt5:} component (ADR 0032, 0036): camel-paho-mqtt5 as it is, except that
 * its consumer puts a message callback on the client <em>before</em> connecting. camel-paho-mqtt5
 * 4.17 connects first and sets its callback afterwards; with a persistent session the broker sends
 * the messages it kept for the session (published while the hub was down, or delivered to a hub
 * that was killed before acknowledging them) right after the CONNACK, and Paho drops a message that
 * arrives while the client has no callback. With manual acknowledgements such a message is not
 * acknowledged either, so the broker holds it in flight for the session and sends it again only
 * after the next reconnect: it is missing from the lake until then (seen as a SIGKILLed hub whose
 * successor lands 298 of 300 MQTT messages).
 */
public class HubMqttComponent extends PahoMqtt5Component {
    private static final Logger LOG = LoggerFactory.getLogger(HubMqttComponent.class);

    private final PropertyConfigurer componentConfigurer = new PahoMqtt5ComponentConfigurer();
    private final PropertyConfigurer endpointConfigurer = new PahoMqtt5EndpointConfigurer();

    /** camel-paho-mqtt5's generated configurers: Camel looks them up by the component's class, which is ours. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return componentConfigurer;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return endpointConfigurer;
    }

    /** As camel-paho-mqtt5 does, with the hub's endpoint. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HubMqttEndpoint endpoint =
                new HubMqttEndpoint(uri, remaining, this, getConfiguration().copy());
        endpoint.setClient(getClient());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** camel-paho-mqtt5's endpoint whose consumer is the hub's. */
    static final class HubMqttEndpoint extends PahoMqtt5Endpoint {
        HubMqttEndpoint(String uri, String topic, PahoMqtt5Component component, PahoMqtt5Configuration configuration) {
            super(uri, topic, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            HubMqttConsumer consumer = new HubMqttConsumer(this, processor);
            consumer.setClient(getClient());
            configureConsumer(consumer);
            return consumer;
        }

        MqttConnectionOptions connectionOptions() {
            return createMqttConnectionOptions();
        }

        /** A client as camel-paho-mqtt5 makes it (broker URL, client id, persistence), not connected. */
        MqttClient newClient() throws MqttException {
            PahoMqtt5Configuration config = getConfiguration();
            String clientId = config.getClientId() != null ? config.getClientId() : generateClientId();
            return new MqttClient(config.getBrokerUrl(), clientId, createMqttClientPersistence(config));
        }
    }

    /**
     * camel-paho-mqtt5's consumer, connected by the hub: the client gets {@link
     * MqttReconnectCallback} before it connects, so what the broker sends right after the CONNACK
     * is handled; camel-paho-mqtt5 then subscribes as usual (it does not connect a client it was
     * given) and its callback is replaced by the hub's again.
     */
    static final class HubMqttConsumer extends PahoMqtt5Consumer {
        private boolean ownsClient;

        HubMqttConsumer(HubMqttEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        @Override
        protected void doStart() throws Exception {
            if (getClient() == null) {
                HubMqttEndpoint endpoint = (HubMqttEndpoint) getEndpoint();
                MqttClient client = endpoint.newClient();
                if (endpoint.getConfiguration().isManualAcksEnabled()) {
                    client.setManualAcks(true);
                }
                client.setCallback(MqttReconnectCallback.of(this, client));
                try {
                    client.connect(endpoint.connectionOptions());
                } catch (MqttException | RuntimeException e) {
                    client.close(true);
                    throw e;
                }
                setClient(client);
                ownsClient = true;
            }
            super.doStart();
            MqttReconnectCallback.install(this);
        }

        @Override
        protected void doStop() throws Exception {
            super.doStop();
            MqttClient client = getClient();
            if (ownsClient && client != null) {
                try {
                    if (client.isConnected()) {
                        if (getEndpoint().getConfiguration().isCleanStart()) {
                            client.unsubscribe(getEndpoint().getTopic());
                        }
                        client.disconnect();
                    }
                    client.close(true);
                } catch (MqttException e) {
                    LOG.debug("Closing the MQTT client of {}: {}", getEndpoint().getTopic(), e.getMessage());
                }
                setClient(null);
                ownsClient = false;
            }
        }
    }
}
