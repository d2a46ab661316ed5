package io.lakehub.routes.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.schedules.pipeline.EndpointUri;
import org.junit.jupiter.api.Test;

class MessageSourcesTest {

    private static EndpointUri uri(String u) {
        return new EndpointUri(u, u);
    }

    @Test
    void brokerSchemesAreMessageSourcesAndFilesAreNot() {
        assertThat(MessageSources.isMessageSource(uri("paho-mqtt5:sensors/#?brokerUrl=tcp://127.0.0.1:1883")))
                .isTrue();
        assertThat(MessageSources.isMessageSource(uri("spring-rabbitmq:shop?queues=q")))
                .isTrue();
        assertThat(MessageSources.isMessageSource(uri("nats:clicks?servers=127.0.0.1:4222")))
                .isTrue();
        assertThat(MessageSources.isMessageSource(uri("file:inbox/people"))).isFalse();
        assertThat(MessageSources.isMessageSource(uri("sftp://u@h/dir"))).isFalse();
    }

    @Test
    void theHubDefersTheAcknowledgementUnlessTheUserAlreadySaidSo() {
        assertThat(MessageSources.consumerUri("p", uri("paho-mqtt5:sensors/#?brokerUrl=tcp://127.0.0.1:1883")))
                .isEqualTo(
                        "paho-mqtt5:sensors/#?brokerUrl=tcp://127.0.0.1:1883&manualAcksEnabled=true&clientId=lakehub-p"
                                + "&cleanStart=false&sessionExpiryInterval=86400");
        assertThat(MessageSources.consumerUri("p", uri("spring-rabbitmq:shop")))
                .isEqualTo("spring-rabbitmq:shop?acknowledgeMode=MANUAL&asyncConsumer=true");
        assertThat(MessageSources.consumerUri("p", uri("spring-rabbitmq:shop?acknowledgeMode=MANUAL")))
                .isEqualTo("spring-rabbitmq:shop?acknowledgeMode=MANUAL&asyncConsumer=true");
        assertThat(MessageSources.consumerUri("p", uri("nats:c?jetstreamEnabled=true&jetstreamName=S")))
                .isEqualTo(
                        "nats:c?jetstreamEnabled=true&jetstreamName=S&durableName=lakehub-p&maxReconnectAttempts=-1");
        assertThat(MessageSources.consumerUri(
                        "p",
                        uri("nats:c?jetstreamEnabled=true&jetstreamName=S&durableName=mine&maxReconnectAttempts=5")))
                .isEqualTo("nats:c?jetstreamEnabled=true&jetstreamName=S&durableName=mine&maxReconnectAttempts=5");
        assertThat(MessageSources.durableName("a.b c")).isEqualTo("lakehub-a_b_c");
        assertThat(MessageSources.consumerUri("p", uri("nats:c"))).isEqualTo("nats:c");
    }

    @Test
    void anOptionThatWouldAcknowledgeBeforeTheCommitIsRefusedNamingIt() {
        assertThat(MessageSources.problem(uri("paho-mqtt5:t?manualAcksEnabled=false")))
                .hasValueSatisfying(p -> assertThat(p).contains("manualAcksEnabled=false"));
        assertThat(MessageSources.problem(uri("spring-rabbitmq:shop?acknowledgeMode=AUTO")))
                .hasValueSatisfying(p -> assertThat(p).contains("acknowledgeMode=AUTO"));
        assertThat(MessageSources.problem(
                        uri("nats:c?jetstreamEnabled=true&jetstreamName=S&consumerConfiguration=#cc")))
                .hasValueSatisfying(p -> assertThat(p).contains("consumerConfiguration"));
        assertThat(MessageSources.problem(uri("nats:c?jetstreamEnabled=true")))
                .hasValueSatisfying(p -> assertThat(p).contains("jetstreamName"));
        assertThat(MessageSources.problem(uri("nats:c?jetstreamEnabled=true&jetstreamName=S&pullSubscription=true")))
                .isEmpty();
        assertThat(MessageSources.problem(uri("paho-mqtt5:t?manualAcksEnabled=true")))
                .isEmpty();
        assertThat(MessageSources.problem(uri("spring-rabbitmq:shop?queues=q"))).isEmpty();
    }
}
