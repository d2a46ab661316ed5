package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single-flight in the hub: while a slow run holds the pipeline, a run-now and a webhook call are
 * answered at once with a SKIPPED run naming the one in progress, which then finishes normally.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(SingleFlightApiTest.SlowIngest.class)
class SingleFlightApiTest {
    private static final Path HOME = TestHomes.create("single-flight");
    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path in = Files.createDirectories(HOME.resolveSibling("in"));
        Files.writeString(in.resolve("a.csv"), "id\n1\n");
        Path config = Files.writeString(HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: slow
                      from: "file:%s?noop=true"
                      into: slow
                      schedule: "0 0 3 * * ?"
                """.formatted(in.toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    /** The in-memory back ends, with an ingest that waits for the test to let it finish. */
    @TestConfiguration
    static class SlowIngest {
        @Bean
        HubBackends hubBackends() {
            FakeBackends fake = new FakeBackends();
            return new HubBackends() {
                @Override
                public Catalog openCatalog(LakehubProperties properties) {
                    return fake.openCatalog(properties);
                }

                @Override
                public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
                    return fake.openSqlEngine(catalog, properties);
                }

                @Override
                public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
                    IngestService real = fake.openIngestService(catalog, properties);
                    return new IngestService() {
                        @Override
                        public IngestResult ingest(IngestRequest request) {
                            ENTERED.countDown();
                            try {
                                if (!RELEASE.await(30, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("the test never released the ingest");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                            return real.ingest(request);
                        }

                        @Override
                        public void close() {
                            real.close();
                        }
                    };
                }
            };
        }
    }

    @Autowired
    HubPipelines pipelines;

    @Test
    void aSecondRunWhileOneIsInProgressIsSkippedAndTheFirstFinishes() throws Exception {
        PipelineRun first = pipelines.runNow("slow", TriggerKind.MANUAL);
        assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(ENTERED.await(20, TimeUnit.SECONDS)).isTrue();

        PipelineRun second = pipelines.runNow("slow", TriggerKind.MANUAL);
        PipelineRun webhook = pipelines.runNow("slow", TriggerKind.WEBHOOK);

        assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(second.error()).contains(Long.toString(first.id()));
        assertThat(webhook.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(webhook.trigger()).isEqualTo(TriggerKind.WEBHOOK);

        RELEASE.countDown();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(pipelines.run(first.id()).orElseThrow().status())
                                .isEqualTo(RunStatus.SUCCEEDED));
        assertThat(pipelines.run(first.id()).orElseThrow().rows()).isEqualTo(1);
        assertThat(pipelines.history("slow", 10))
                .extracting(PipelineRun::status)
                .containsExactlyInAnyOrder(RunStatus.SUCCEEDED, RunStatus.SKIPPED, RunStatus.SKIPPED);
    }
}
