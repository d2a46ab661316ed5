package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.PipelineSchedule;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub booted with the example configuration, its cron sped up to every 2 s and its relative
 * sample folder made absolute (tests run in the app module's folder): the pipeline fires on its
 * own and the run, with the sample's rows, is in the history {@code GET /api/schedules} shows.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeHubConfiguration.class)
class ExampleConfigHubTest {
    private static final Path HOME = TestHomes.create("example");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String example = Files.readString(ExampleConfigTest.EXAMPLE);
        String fast = example.replace("\"*/20 * * * * ?\"", "\"*/2 * * * * ?\"")
                .replace("file:config/samples", "file:" + ExampleConfigTest.EXAMPLE.resolveSibling("samples"));
        assertThat(fast).contains("*/2 * * * * ?").doesNotContain("file:config/samples");
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), fast);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @Autowired
    HubPipelines pipelines;

    @Test
    void theExamplePipelineFiresOnItsOwnAndItsRunIsInTheHistory() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PipelineSchedule samples = pipelines.schedules().stream()
                    .filter(s -> s.pipelineId().equals("samples"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("samples is not scheduled"));
            assertThat(samples.cron()).isEqualTo("*/2 * * * * ?");
            assertThat(samples.lastRun()).as("a run of samples").isPresent();
            PipelineRun run = samples.lastRun().get();
            assertThat(run.trigger()).isEqualTo(TriggerKind.CRON);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        });
        assertThat(pipelines.history("samples", 100))
                .as("the sample file was read by one fire, and only once (noop)")
                .filteredOn(r -> r.rows() > 0)
                .singleElement()
                .satisfies(r -> assertThat(r.rows()).isEqualTo(3));
    }
}
