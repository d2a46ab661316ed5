package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's scheduler wiring on a PostgreSQL catalog database ({@code lakehub.catalog.url},
 * {@code lakehub.scheduler.clustered=true}): two hubs on one database, a cron every second, each
 * fire runs on exactly one of them.
 */
class PipelinesPostgresIT {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path temp;

    /** Unique per run (ITs of several worktrees share the database); dropped afterwards. */
    private final String schema = "lh_app_it_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private LakehubProperties hub(String name) {
        LakehubProperties p = new LakehubProperties();
        p.setHome(temp.resolve(name));
        p.getCatalog().setUrl(ADMIN_URL + "?currentSchema=" + schema);
        p.getCatalog().setUsername("postgres");
        p.getScheduler().setClustered(true);
        return p;
    }

    @Test
    void twoClusteredHubsOnOnePostgresFireEachCronTimeOnce() throws Exception {
        Path in = Files.createDirectories(temp.resolve("in"));
        PipelineConfig config = PipelineConfigFile.loader(Map.of()).parse("""
                        lakehub:
                          pipelines:
                            - id: ticks
                              from: "file:%s?noop=true"
                              into: ticks
                              schedule: "* * * * * ?"
                              timezone: UTC
                        """.formatted(in), "test.yaml");

        try (DefaultCamelContext camelA = new DefaultCamelContext();
                DefaultCamelContext camelB = new DefaultCamelContext();
                HubPipelines a = new HubPipelines(hub("a"), config, camelA);
                HubPipelines b = new HubPipelines(hub("b"), config, camelB)) {
            camelA.start();
            camelB.start();
            a.start();
            b.start();

            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(a.history("ticks", 1000).stream()
                                    .filter(r -> r.trigger() == TriggerKind.CRON)
                                    .count())
                            .isGreaterThanOrEqualTo(4));

            List<PipelineRun> cron = a.history("ticks", 1000).stream()
                    .filter(r -> r.trigger() == TriggerKind.CRON)
                    .toList();
            Map<Object, Long> perFireTime =
                    cron.stream().collect(Collectors.groupingBy(PipelineRun::scheduledFor, Collectors.counting()));
            assertThat(perFireTime.values()).as("runs per cron time").allMatch(n -> n == 1);
            assertThat(cron)
                    .extracting(PipelineRun::status)
                    .isSubsetOf(RunStatus.SUCCEEDED, RunStatus.RUNNING, RunStatus.SKIPPED);
            assertThat(b.schedules().get(0).cron()).isEqualTo("* * * * * ?");
        }
    }
}
