package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The hub itself refuses to start on every interface without API keys, before its web server
 * serves anything, with the message of {@link BindingCheck}.
 */
class AnonymousBindingStartTest {

    @Test
    void aHubWithoutKeysOnEveryInterfaceDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(LakehubApplication.class)
                        .run(
                                "--lakehub.home=" + TestHomes.create("anonymous-binding"),
                                "--server.address=0.0.0.0",
                                "--server.port=0",
                                "--lakehub.inbox.enabled=false")
                        .close())
                .rootCause()
                .hasMessageContaining("Refusing to serve the API on 0.0.0.0 (server.address) without API keys")
                .hasMessageContaining("lakehub.security.allow-anonymous=true");
    }
}
