package io.lakehub.app.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.nats.client.Nats;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * The machine's shared brokers (RabbitMQ 5672, NATS 4222, Mosquitto 1883) as the broker tests reach
 * them, and the clean-up each test owes them: the queues, streams and persistent sessions it made
 * (named with a random suffix) are removed; what is already gone is fine.
 */
public final class LocalBrokers {
    public static final String NATS_URL = "nats://127.0.0.1:4222";
    public static final String MQTT_URL = "tcp://127.0.0.1:1883";

    private LocalBrokers() {}

    /** RabbitMQ on 127.0.0.1:5672 as guest/guest. */
    public static ConnectionFactory rabbit() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        return f;
    }

    /** Deletes a RabbitMQ queue and, when {@code exchange} is not null, that exchange. */
    public static void deleteRabbit(String queue, String exchange) {
        try (Connection c = rabbit().newConnection();
                Channel ch = c.createChannel()) {
            ch.queueDelete(queue);
            if (exchange != null) {
                ch.exchangeDelete(exchange);
            }
        } catch (Exception e) {
            // already gone
        }
    }

    /** Deletes a JetStream stream. */
    public static void deleteJetStream(String stream) {
        try (io.nats.client.Connection nats = Nats.connect(NATS_URL)) {
            nats.jetStreamManagement().deleteStream(stream);
        } catch (Exception e) {
            // already gone
        }
    }

    /** Ends the persistent MQTT session of {@code clientId} (the hub's pipelines keep one). */
    public static void endMqttSession(String clientId) {
        try {
            MqttClient c = new MqttClient(MQTT_URL, clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            c.connect(o);
            c.disconnect();
            c.close();
        } catch (Exception e) {
            // no session left
        }
    }
}
