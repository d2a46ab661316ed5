package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.routes.pipelines.PipelineRoute;
import io.lakehub.schedules.PipelineSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Editing the pipeline file while the hub runs: a valid change replaces only the changed
 * pipelines and is audited; an invalid one changes nothing and is audited as refused.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(FakeHubConfiguration.class)
class ConfigReloadTest {
    private static final Path HOME = TestHomes.create("reload");
    private static final Path CONFIG = HOME.resolveSibling("lakehub.yaml");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(HOME.resolveSibling("in"));
        write(Map.of("alpha", "0 0 3 * * ?", "beta", "0 0 4 * * ?"), "");
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", CONFIG::toString);
        registry.add("lakehub.config-reload-interval", () -> "100ms");
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    /** Pipelines by id with their cron, in a fixed order, plus any extra YAML. */
    private static void write(Map<String, String> crons, String extra) throws IOException {
        StringBuilder yaml = new StringBuilder("lakehub:\n  pipelines:\n");
        crons.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> yaml.append("""
                    - id: %s
                      from: "file:%s?noop=true"
                      into: %s
                      schedule: "%s"
                      timezone: UTC
                """.formatted(
                                e.getKey(), HOME.resolveSibling("in").toAbsolutePath(), e.getKey(), e.getValue())));
        yaml.append(extra);
        // Through a temp file and a rename, as editors do: the watcher never sees half a file.
        Path temp = Files.writeString(CONFIG.resolveSibling("lakehub.yaml.tmp"), yaml);
        Files.move(temp, CONFIG, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Autowired
    HubPipelines pipelines;

    @Autowired
    Catalog catalog;

    @Autowired
    CamelContext camel;

    @Test
    void aValidChangeReplacesOnlyTheChangedPipelinesAndAnInvalidOneChangesNothing() throws Exception {
        Instant betaNextFire = schedules().get("beta").nextFireTimes().get(0);
        var betaRoute = camel.getRoute(PipelineRoute.ingestRouteId("beta"));

        write(Map.of("alpha", "0 0 5 * * ?", "beta", "0 0 4 * * ?", "gamma", "0 0 6 * * ?"), "");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(schedules()).containsKey("gamma"));
        assertThat(schedules().get("alpha").cron()).isEqualTo("0 0 5 * * ?");
        assertThat(schedules().get("beta").nextFireTimes().get(0)).isEqualTo(betaNextFire);
        assertThat(camel.getRoute(PipelineRoute.ingestRouteId("beta")))
                .as("an unchanged pipeline keeps its route")
                .isSameAs(betaRoute);
        assertThat(camel.getRoute(PipelineRoute.ingestRouteId("gamma"))).isNotNull();
        AuditEvent change = lastAudit("config.change");
        assertThat(change.details())
                .contains("\"added\":[\"gamma\"]")
                .contains("\"alpha\":[\"schedule\"]")
                .doesNotContain("beta");

        write(Map.of("alpha", "0 61 * * * ?", "beta", "0 0 4 * * ?"), "");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(lastAudit("config.refused")).isNotNull());
        assertThat(lastAudit("config.refused").details()).contains("lakehub.pipelines[0].schedule");
        assertThat(schedules()).containsKeys("alpha", "beta", "gamma");
        assertThat(schedules().get("alpha").cron()).isEqualTo("0 0 5 * * ?");

        write(Map.of("alpha", "0 0 5 * * ?", "beta", "0 0 4 * * ?"), "");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(schedules()).doesNotContainKey("gamma"));
        assertThat(camel.getRoute(PipelineRoute.ingestRouteId("gamma"))).isNull();
        assertThat(lastAudit("config.change").details()).contains("\"removed\":[\"gamma\"]");
    }

    private Map<String, PipelineSchedule> schedules() {
        return pipelines.schedules().stream().collect(Collectors.toMap(PipelineSchedule::pipelineId, s -> s));
    }

    private AuditEvent lastAudit(String action) {
        List<AuditEvent> latest = catalog.audit().latest(50);
        return latest.stream()
                .filter(e -> e.action().equals(action))
                .findFirst()
                .orElse(null);
    }
}
