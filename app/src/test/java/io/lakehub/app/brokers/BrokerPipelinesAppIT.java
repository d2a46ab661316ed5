package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.LocalBrokers;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub, one pipeline per source, against the machine's real brokers (Mosquitto 1883, RabbitMQ
 * 5672, NATS 4222 with JetStream) and in-process SFTP (Apache MINA SSHD) and FTP (Apache FtpServer)
 * servers on random ports. Every topic, queue, stream and subject carries a random suffix and is
 * removed afterwards. Each broker test publishes JSON messages and checks that all of them land,
 * once, in fewer commits (runs) than messages.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerPipelinesAppIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Path HOME = TestHomes.create("brokers-it");
    private static final int MESSAGES = 200;

    private static final String MQTT_TOPIC = "lakehub-it-" + SUFFIX;
    private static final String RABBIT_EXCHANGE = "lakehub-it-" + SUFFIX;
    private static final String RABBIT_QUEUE = "lakehub-it-" + SUFFIX;
    private static final String NATS_SUBJECT = "lakehub-it-" + SUFFIX;
    private static final String NATS_STREAM = "lakehub-it-" + SUFFIX;

    private static SshServer sftp;
    private static FtpServer ftp;
    /** The local HTTP server the http polling pipeline GETs, and what it answers. */
    private static com.sun.net.httpserver.HttpServer web;

    private static final java.util.concurrent.atomic.AtomicReference<String> READINGS =
            new java.util.concurrent.atomic.AtomicReference<>(
                    "[{\"city\":\"Oslo\",\"t\":-3.5},{\"city\":\"Rome\",\"t\":14.0},{\"city\":\"Lima\",\"t\":19.5}]");
    private static final java.util.concurrent.atomic.AtomicInteger GETS =
            new java.util.concurrent.atomic.AtomicInteger();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path sftpRoot = Files.createDirectories(HOME.resolveSibling("sftp-root"));
        Files.writeString(sftpRoot.resolve("a.json"), "[{\"n\":1,\"via\":\"sftp\"},{\"n\":2,\"via\":\"sftp\"}]");
        Files.writeString(sftpRoot.resolve("b.json"), "[{\"n\":3,\"via\":\"sftp\"}]");
        sftp = SshServer.setUpDefaultServer();
        sftp.setHost("127.0.0.1");
        sftp.setPort(0);
        sftp.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(HOME.resolveSibling("sftp-host.ser")));
        sftp.setPasswordAuthenticator((user, password, session) -> "hub".equals(user) && "sftp-pw".equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();

        Path ftpRoot = Files.createDirectories(HOME.resolveSibling("ftp-root"));
        Files.writeString(ftpRoot.resolve("c.json"), "[{\"n\":1,\"via\":\"ftp\"},{\"n\":2,\"via\":\"ftp\"}]");
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName("hub");
        user.setPassword("ftp-pw");
        user.setHomeDirectory(ftpRoot.toString());
        user.setAuthorities(List.of(new WritePermission()));
        factory.getUserManager().save(user);
        ftp = factory.createServer();
        ftp.start();
        int ftpPort = factory.getListener("default").getPort();

        web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/readings", exchange -> {
            byte[] body = READINGS.get().getBytes(StandardCharsets.UTF_8);
            GETS.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();

        String yaml = """
                lakehub:
                  pipelines:
                    - id: sensors
                      from: "paho-mqtt5:%s/#?brokerUrl=tcp://127.0.0.1:1883&qos=1&clientId=lakehub-it-%s&sessionExpiryInterval=300"
                      into: sensors
                    - id: orders
                      from: "spring-rabbitmq:%s?queues=%s&routingKey=orders"
                      into: orders
                    - id: events
                      from: "nats:%s?servers=127.0.0.1:4222&jetstreamEnabled=true&jetstreamName=%s"
                      into: events
                    - id: offline
                      from: "paho-mqtt5:%s/#?brokerUrl=tcp://127.0.0.1:%d&qos=1"
                      into: offline
                    - id: remote
                      from: "sftp://hub@127.0.0.1:%d/?password=sftp-pw&strictHostKeyChecking=no&useUserKnownHostsFile=false&delete=true&delay=200"
                      into: remote
                    - id: weather
                      from: "http://127.0.0.1:%d/readings"
                      schedule: "* * * * * ?"
                      into: weather
                    - id: legacy
                      from: "ftp://hub@127.0.0.1:%d/?password=ftp-pw&passiveMode=true&delete=true&delay=200"
                      into: legacy
                """.formatted(
                        MQTT_TOPIC,
                        SUFFIX,
                        RABBIT_EXCHANGE,
                        RABBIT_QUEUE,
                        NATS_SUBJECT,
                        NATS_STREAM,
                        MQTT_TOPIC,
                        closedPort(),
                        sftp.getPort(),
                        web.getAddress().getPort(),
                        ftpPort);
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), yaml);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.brokers.batch-interval", () -> "300ms");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
    }

    @AfterAll
    static void removeBrokerState() throws Exception {
        LocalBrokers.deleteRabbit(RABBIT_QUEUE, RABBIT_EXCHANGE);
        LocalBrokers.deleteJetStream(NATS_STREAM);
        if (sftp != null) {
            sftp.stop(true);
        }
        if (ftp != null) {
            ftp.stop();
        }
        if (web != null) {
            web.stop(0);
        }
    }

    @Autowired
    CamelContext camel;

    /** Broker routes start under Camel's supervising route controller, after the context: wait for them. */
    @BeforeEach
    void brokerRoutesStarted() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : List.of("sensors", "orders", "events")) {
                assertThat(camel.getRouteController().getRouteStatus("pipeline-" + id))
                        .as(id)
                        .isEqualTo(ServiceStatus.Started);
            }
        });
    }

    @Test
    void aBrokerThatCannotBeReachedDoesNotStopTheHubAndItsRouteIsRetried() {
        assertThat(camel.getRouteController().getRouteStatus("pipeline-offline"))
                .isNotEqualTo(ServiceStatus.Started);
        assertThat(camel.getRouteController().getRouteStatus("pipeline-sensors"))
                .isEqualTo(ServiceStatus.Started);
    }

    @Test
    void mqttMessagesLandOnceInFewerCommitsThanMessages() throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:1883", "lakehub-it-pub-" + SUFFIX, new MemoryPersistence());
        client.connect();
        try {
            for (int i = 0; i < MESSAGES; i++) {
                MqttMessage m = new MqttMessage(("{\"n\":" + i + ",\"t\":21.5}").getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                String topic = MQTT_TOPIC + "/room-" + (i % 3);
                // Paho counts a QoS 1 publish in flight until its callback thread has seen the PUBACK, a
                // little after publish() returned: past Mosquitto's receive maximum it refuses (32202) for a moment.
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> published(client, topic, m));
            }
        } finally {
            client.disconnect();
            client.close();
        }
        assertLandedOnce("sensors", "sensors", MESSAGES);
    }

    @Test
    void rabbitMqMessagesLandOnceAndARedeliveredMessageIdIsLeftOut() throws Exception {
        try (Connection c = LocalBrokers.rabbit().newConnection();
                Channel ch = c.createChannel()) {
            for (int i = 0; i < MESSAGES; i++) {
                publish(ch, "m-" + i, "{\"n\":" + i + ",\"sku\":\"A-" + i + "\"}");
            }
            assertLandedOnce("orders", "orders", MESSAGES);
            // The same message ids again (a publisher retrying): acknowledged, not written twice.
            for (int i = 0; i < 10; i++) {
                publish(ch, "m-" + i, "{\"n\":" + i + ",\"sku\":\"A-" + i + "\"}");
            }
            publish(ch, "m-last", "{\"n\":" + MESSAGES + ",\"sku\":\"last\"}");
            assertLandedOnce("orders", "orders", MESSAGES + 1);

            // The broker drops the hub's connection (as a broker restart would): the listener reconnects with
            // its recovery backoff and what is published meanwhile lands, once.
            closeHubConnection();
            for (int i = MESSAGES + 1; i < MESSAGES + 51; i++) {
                publish(ch, "m-" + i, "{\"n\":" + i + ",\"sku\":\"A-" + i + "\"}");
            }
        }
        assertLandedOnce("orders", "orders", MESSAGES + 51);
    }

    @Autowired
    org.springframework.amqp.rabbit.connection.ConnectionFactory hubRabbit;

    /** {@code rabbitmqctl close_connection} on the hub's own connection only (other tests share the broker). */
    private void closeHubConnection() throws Exception {
        int localPort;
        try (org.springframework.amqp.rabbit.connection.Connection c = hubRabbit.createConnection()) {
            localPort = c.getLocalPort();
        }
        String suffix = ":" + localPort + " -> ";
        String pid = rabbitmqctl("list_connections", "pid", "name")
                .lines()
                .filter(l -> l.contains(suffix))
                .map(l -> l.split("\t")[0].trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no RabbitMQ connection from port " + localPort));
        rabbitmqctl("close_connection", pid, "lakehub test: broker went away");
    }

    private static String rabbitmqctl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void natsJetStreamMessagesLandOnceInFewerCommitsThanMessages() throws Exception {
        try (io.nats.client.Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            await().atMost(Duration.ofSeconds(30)).until(() -> streamExists(jsm));
            JetStream js = nats.jetStream();
            for (int i = 0; i < MESSAGES; i++) {
                Headers h = new Headers().add("Nats-Msg-Id", "e-" + i);
                js.publish(NatsMessage.builder()
                        .subject(NATS_SUBJECT)
                        .headers(h)
                        .data("{\"n\":" + i + ",\"kind\":\"click\"}", StandardCharsets.UTF_8)
                        .build());
            }
            assertLandedOnce("events", "events", MESSAGES);
            // Without Nats-Msg-Id too: the stream's sequence number is the message's key.
            for (int i = MESSAGES; i < MESSAGES + 20; i++) {
                js.publish(NATS_SUBJECT, ("{\"n\":" + i + ",\"kind\":\"view\"}").getBytes(StandardCharsets.UTF_8));
            }
            assertLandedOnce("events", "events", MESSAGES + 20);
            // The hub's durable consumer acknowledges explicitly, each message once its commit is in the catalog:
            // nothing is left pending or waiting for an acknowledgement once everything has landed.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                io.nats.client.api.ConsumerInfo info = jsm.getConsumerInfo(NATS_STREAM, "lakehub-events");
                assertThat(info.getConsumerConfiguration().getAckPolicy())
                        .isEqualTo(io.nats.client.api.AckPolicy.Explicit);
                assertThat(info.getNumAckPending()).isZero();
                assertThat(info.getNumPending()).isZero();
                assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(MESSAGES + 20);
            });
        }
    }

    @Test
    void sftpAndFtpFilesLandThroughTheirPipelines() {
        HubHttp http = new HubHttp(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sql(http, "SELECT count(*) FROM remote").path(0).path(0).asLong())
                    .isEqualTo(3);
            assertThat(sql(http, "SELECT count(*) FROM legacy").path(0).path(0).asLong())
                    .isEqualTo(2);
        });
    }

    /**
     * HTTP polling: a scheduled GET (every second here) whose response is ingested like a file. The
     * same response again is a duplicate by content hash: the run succeeds and writes nothing. A
     * changed response is a new document and is appended whole.
     */
    @Test
    void httpPollingLandsTheResponseOnceAndADifferentResponseIsAppended() throws Exception {
        HubHttp http = new HubHttp(port);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sql(http, "SELECT count(*) FROM weather")
                                .path(0)
                                .path(0)
                                .asLong())
                        .isEqualTo(3));
        // Later runs GET the same bytes: each is recorded, nothing is written twice.
        int seen = GETS.get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(GETS.get()).isGreaterThanOrEqualTo(seen + 2);
            JsonNode runs = read(http, "/api/pipelines/weather/runs?limit=50");
            assertThat(runs)
                    .anySatisfy(r -> assertThat(r.path("result").asText()).contains("same as one committed before"));
        });
        assertThat(sql(http, "SELECT count(*) FROM weather").path(0).path(0).asLong())
                .isEqualTo(3);

        READINGS.set("[{\"city\":\"Oslo\",\"t\":-2.0},{\"city\":\"Rome\",\"t\":15.5}]");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sql(http, "SELECT count(*) FROM weather")
                                .path(0)
                                .path(0)
                                .asLong())
                        .isEqualTo(5));
    }

    /** Every message once (distinct n = rows), and fewer successful runs (commits) than messages. */
    private void assertLandedOnce(String pipeline, String dataset, int expected) {
        HubHttp http = new HubHttp(port);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    JsonNode row = sql(http, "SELECT count(*) AS c, count(DISTINCT n) AS d FROM " + dataset)
                            .path(0);
                    assertThat(row.path(0).asLong()).as(row.toString()).isEqualTo(expected);
                    assertThat(row.path(1).asLong()).as(row.toString()).isEqualTo(expected);
                });
        JsonNode runs = read(http, "/api/pipelines/" + pipeline + "/runs?limit=500");
        long succeeded = 0;
        for (JsonNode r : runs) {
            if (r.path("status").asText().equalsIgnoreCase("succeeded")) {
                succeeded++;
            }
        }
        assertThat(succeeded).as(runs.toString()).isBetween(1L, (long) expected / 2);
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean published(MqttClient client, String topic, MqttMessage m) throws MqttException {
        try {
            client.publish(topic, m);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return false;
            }
            throw e;
        }
    }

    private static boolean streamExists(JetStreamManagement jsm) {
        try {
            jsm.getStreamInfo(NATS_STREAM);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void publish(Channel ch, String id, String json) throws IOException {
        ch.basicPublish(
                RABBIT_EXCHANGE,
                "orders",
                new AMQP.BasicProperties.Builder()
                        .messageId(id)
                        .contentType("application/json")
                        .build(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode sql(HubHttp http, String query) throws Exception {
        HubHttp.Response r = http.post("/api/sql", JSON.writeValueAsString(java.util.Map.of("sql", query)));
        JsonNode body = JSON.readTree(r.body());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body.path("rows");
    }

    private static JsonNode read(HubHttp http, String path) {
        try {
            return JSON.readTree(http.get(path).body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
