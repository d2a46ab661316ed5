package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LakehubPropertiesTest {

    @Test
    void passwordAndUrlCredentialsNeverReachToString() {
        LakehubProperties p = new LakehubProperties();
        p.getCatalog().setUrl("jdbc:postgresql://db:5432/lake?user=bob&password=s3cret");
        p.getCatalog().setUsername("bob");
        p.getCatalog().setPassword("hunter2");

        assertThat(p.toString())
                .doesNotContain("hunter2")
                .doesNotContain("s3cret")
                .contains("password=****");
    }

    @Test
    void bindsRelaxedNamesAndDurationsLikeSpringBootDoes() {
        var source = new MapConfigurationPropertySource(Map.of(
                "lakehub.home", "/srv/lake",
                "lakehub.catalog.max-pool-size", "9",
                "lakehub.inbox.poll-delay", "250ms",
                "lakehub.inbox.read-lock-min-age", "5s",
                "lakehub.query.max-rows", "500",
                "lakehub.query.memory-limit", "2GB",
                "lakehub.orphans.sweep-interval", "0"));

        LakehubProperties p = new Binder(source)
                .bind("lakehub", Bindable.ofInstance(new LakehubProperties()))
                .get();

        assertThat(p.homePath()).isEqualTo(Path.of("/srv/lake"));
        assertThat(p.getCatalog().getMaxPoolSize()).isEqualTo(9);
        assertThat(p.getCatalog().isEmbedded()).isTrue();
        assertThat(p.getInbox().getPollDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(p.getInbox().getReadLockMinAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.getQuery().getMaxRows()).isEqualTo(500);
        assertThat(p.getQuery().getMemoryLimit()).isEqualTo("2GB");
        assertThat(p.getOrphans().getSweepInterval()).isZero();
        assertThat(p.getOrphans().getGrace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void defaultHomeIsDataInTheWorkingDirectory() {
        assertThat(new LakehubProperties().homePath())
                .isEqualTo(Path.of("data").toAbsolutePath().normalize());
    }
}
