package io.lakehub.app.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.nats.NatsEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class HubNatsComponentTest {

    @Test
    void aNatsUriIsCamelNatsWithTheHubsJetStreamConsumer() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("nats", new HubNatsComponent());
            NatsEndpoint e = camel.getEndpoint(
                    "nats:clicks?servers=127.0.0.1:4222&jetstreamEnabled=true&jetstreamName=S&durableName=lakehub-p",
                    NatsEndpoint.class);
            assertThat(e).isInstanceOf(HubNatsComponent.HubNatsEndpoint.class);
            assertThat(e.getConfiguration().isJetstreamEnabled()).isTrue();
            assertThat(e.getConfiguration().getJetstreamName()).isEqualTo("S");
            assertThat(e.getConfiguration().getDurableName()).isEqualTo("lakehub-p");
            assertThat(e.getConfiguration().getTopic()).isEqualTo("clicks");
        }
    }
}
