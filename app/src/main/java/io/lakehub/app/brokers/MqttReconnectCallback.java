package io.lakehub.app.brokers;

import org.apache.camel.Exchange;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces camel-paho-mqtt5's client callback on a running MQTT consumer (ADR 0032). camel-paho-mqtt5
 * 4.17 subscribes again in {@code connectComplete(reconnect=true)}, synchronously, on Paho's
 * callback thread; with a persistent session the broker sends the messages it queued meanwhile
 * right after the reconnect, Paho's receiver blocks once 10 of them wait for that same thread, and
 * the SUBACK the subscribe waits for is never read: the consumer hangs and nothing more arrives.
 * Here the subscription is renewed on another thread; messages are handled as camel-paho-mqtt5
 * does ({@link PahoMqtt5Consumer#createExchange}, which also registers the manual acknowledgement).
 */
final class MqttReconnectCallback implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttReconnectCallback.class);

    private final PahoMqtt5Consumer consumer;
    private final MqttClient client;

    private MqttReconnectCallback(PahoMqtt5Consumer consumer, MqttClient client) {
        this.consumer = consumer;
        this.client = client;
    }

    /** This callback for a consumer's client, to set before the client connects. */
    static MqttReconnectCallback of(PahoMqtt5Consumer consumer, MqttClient client) {
        return new MqttReconnectCallback(consumer, client);
    }

    /** Puts this callback on the consumer's client. */
    static void install(PahoMqtt5Consumer consumer) {
        MqttClient client = consumer.getClient();
        if (client != null) {
            client.setCallback(new MqttReconnectCallback(consumer, client));
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Exchange exchange = consumer.createExchange(message, topic);
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                consumer.getExceptionHandler()
                        .handleException("Error processing an MQTT message", exchange, exchange.getException());
            }
            consumer.releaseExchange(exchange, false);
        });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (!reconnect) {
            return;
        }
        String topic = consumer.getEndpoint().getTopic();
        int qos = consumer.getEndpoint().getConfiguration().getQos();
        // Not on this (the callback) thread: the messages the broker kept for the session arrive first.
        Thread.ofPlatform().name("lakehub-mqtt-resubscribe").daemon(true).start(() -> {
            try {
                client.subscribe(topic, qos);
            } catch (MqttException e) {
                LOG.error(
                        "MQTT topic {}: could not subscribe again after a reconnect ({}); the persistent session"
                                + " keeps the subscription if the broker still has it",
                        topic,
                        e.getMessage());
            }
        });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        LOG.debug("MQTT disconnected: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.debug("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // a consumer publishes nothing
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        LOG.debug("MQTT auth packet {}", reasonCode);
    }
}
