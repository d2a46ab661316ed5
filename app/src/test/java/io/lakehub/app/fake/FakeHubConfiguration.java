package io.lakehub.app.fake;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the production back ends with {@link FakeBackends} in a Spring test (the
 * auto-configuration's default steps aside for any HubBackends bean).
 */
@TestConfiguration
public class FakeHubConfiguration {
    @Bean
    public FakeBackends hubBackends() {
        return new FakeBackends();
    }
}
