package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakehub.app.api.document.IndexRequest;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.schedules.RunOutcome;
import io.lakehub.schedules.SchedulerSettings;
import io.lakehub.schedules.SyncResult;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vector indexes' agents are Quartz jobs of the hub's scheduler. The autotune agent (ADR 0048): one job per
 * index in group {@code autotune} with the configured cron and growth-check triggers, added when an index is
 * created, removed when it is deleted, replaced idempotently at start; a fire reaches the agent; an invalid cron
 * stops the start naming its key. The {@code cron:} refresh policies (ADR 0053): one job per such index in group
 * {@code index-refresh} with its cron, added at start and on creation, unchanged by a restart, removed on
 * deletion; a fire queues the refresh; an invalid or never-firing cron refuses the index naming it and the key.
 */
class VectorAgentJobsTest {

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private HikariDataSource schedulerDb;
    private PipelineScheduler scheduler;
    private HubIndexes indexes;

    @BeforeEach
    void open() throws Exception {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("home")));
        HikariConfig config = new HikariConfig();
        config.setPoolName("agentjob-scheduler");
        config.setJdbcUrl("jdbc:h2:" + home.resolve("scheduler").resolve("quartz") + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(6);
        schedulerDb = new HikariDataSource(config);
        scheduler = PipelineScheduler.create(
                schedulerDb,
                SchedulerSettings.defaults().withIdleWaitTime(Duration.ofSeconds(1)),
                (pipeline, trigger) -> RunOutcome.succeeded(0));
        VectorProperties properties = new VectorProperties();
        properties.setProvider("hashing");
        properties.setDimensions(16);
        indexes =
                new HubIndexes(catalog, EmptyEngine::new, properties, null, () -> new HashingEmbeddingProvider(16, 1));
        dataset();
    }

    @AfterEach
    void close() {
        scheduler.close();
        indexes.close();
        schedulerDb.close();
        catalog.close();
    }

    @Test
    void eachIndexIsAQuartzJobWithTheConfiguredTriggersAddedOnCreateAndRemovedOnDelete() {
        indexes.create(null, new IndexRequest("first_idx", "docs", "id", "body", null, null, null));
        AutotuneProperties properties = new AutotuneProperties();
        properties.setCron("0 0 3 * * ?");
        properties.setGrowthFraction(0.2);
        try (HubTuning tuning = new HubTuning(catalog, indexes, properties, scheduler)) {
            tuning.start();
            assertThat(scheduler.agentJobs(HubTuning.GROUP)).isEqualTo(Map.of("first_idx", List.of("cron", "growth")));

            indexes.create(null, new IndexRequest("second_idx", "docs", "id", "body", null, null, null));
            assertThat(scheduler.agentJobs(HubTuning.GROUP)).containsOnlyKeys("first_idx", "second_idx");

            // A restart with the same configuration changes nothing; without the cron, only the growth check.
            tuning.start();
            assertThat(scheduler.agentJobs(HubTuning.GROUP)).containsOnlyKeys("first_idx", "second_idx");
            properties.setCron("");
            tuning.start();
            assertThat(scheduler.agentJobs(HubTuning.GROUP))
                    .isEqualTo(Map.of("first_idx", List.of("growth"), "second_idx", List.of("growth")));

            tuning.checkDeletable("first_idx");
            tuning.purge(null, "first_idx");
            indexes.delete("first_idx");
            assertThat(scheduler.agentJobs(HubTuning.GROUP)).containsOnlyKeys("second_idx");

            // Neither trigger configured: no agent jobs at all.
            properties.setGrowthFraction(0);
            tuning.start();
            assertThat(scheduler.agentJobs(HubTuning.GROUP)).isEmpty();
        }
    }

    @Test
    void theGrowthCheckRunsWhenItsQuartzTriggerFires() {
        indexes.create(null, new IndexRequest("grow_idx", "docs", "id", "body", null, null, null));
        AutotuneProperties properties = new AutotuneProperties();
        properties.setGrowthFraction(0.5);
        properties.setCheckInterval(Duration.ofSeconds(1));
        try (HubTuning tuning = new HubTuning(catalog, indexes, properties, scheduler)) {
            tuning.start();
            assertThat(catalog.tuningJournal().baseline("grow_idx")).isEmpty();
            scheduler.start();
            // The first check of an index records its baseline in the catalog.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> catalog.tuningJournal().baseline("grow_idx").isPresent());
        }
    }

    @Test
    void anInvalidCronStopsTheStartNamingItsKey() {
        AutotuneProperties properties = new AutotuneProperties();
        properties.setCron("every night");
        try (HubTuning tuning = new HubTuning(catalog, indexes, properties, scheduler)) {
            assertThatThrownBy(tuning::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lakehub.vector.autotune.cron")
                    .hasMessageContaining("every night")
                    .hasMessageContaining("did not start");
        }
        assertThat(scheduler.agentJobs(HubTuning.GROUP)).isEmpty();
    }

    @Test
    void aCronRefreshPolicyIsOneQuartzJobAddedOnCreateUnchangedByARestartAndRemovedOnDelete() {
        indexes.create(null, new IndexRequest("before_idx", "docs", "id", "body", null, null, "cron:0 0 4 * * ?"));
        indexes.create(null, new IndexRequest("manual_idx", "docs", "id", "body", null, null, null));
        indexes.scheduleRefreshesOn(() -> scheduler);
        indexes.start();
        // An index created before the start (through a CLI command, or another hub) gets its job at start.
        assertThat(scheduler.agentJobs(HubIndexes.REFRESH_GROUP)).isEqualTo(Map.of("before_idx", List.of("cron")));

        indexes.create(null, new IndexRequest("nightly_idx", "docs", "id", "body", null, null, "cron: 0 30 2 * * ?"));
        assertThat(scheduler.agentJobs(HubIndexes.REFRESH_GROUP))
                .isEqualTo(Map.of("before_idx", List.of("cron"), "nightly_idx", List.of("cron")));

        // A restart changes nothing (the triggers and their next fire times stay).
        SyncResult again = indexes.syncRefreshJobs();
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.unchanged()).containsExactly("before_idx", "nightly_idx");

        indexes.delete("nightly_idx");
        assertThat(scheduler.agentJobs(HubIndexes.REFRESH_GROUP)).isEqualTo(Map.of("before_idx", List.of("cron")));
        // The autotune agent's group is another one.
        assertThat(scheduler.agentJobs(HubTuning.GROUP)).isEmpty();
    }

    @Test
    void aCronRefreshFiresThroughQuartzAndTheFireOfADeletedIndexRemovesItsJob() {
        indexes.scheduleRefreshesOn(() -> scheduler);
        indexes.start();
        indexes.create(null, new IndexRequest("often_idx", "docs", "id", "body", null, null, "cron:* * * * * ?"));
        assertThat(indexes.get("often_idx").refreshedAt()).isNull();
        scheduler.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> indexes.get("often_idx").refreshedAt() != null);

        // A job left behind (the index deleted through a hub without a scheduler): its next fire removes it.
        catalog.vectorIndexes().delete("often_idx");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler.agentJobs(HubIndexes.REFRESH_GROUP).isEmpty());
    }

    @Test
    void anInvalidOrNeverFiringCronRefusesTheIndexNamingItAndTheKey() {
        indexes.scheduleRefreshesOn(() -> scheduler);
        indexes.start();
        assertThatThrownBy(() -> indexes.create(
                        null, new IndexRequest("bad_idx", "docs", "id", "body", null, null, "cron:every tuesday")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("bad_idx")
                .hasMessageContaining("key refresh")
                .hasMessageContaining("every tuesday")
                .hasMessageContaining("Nothing was created");
        assertThatThrownBy(() -> indexes.create(
                        null, new IndexRequest("past_idx", "docs", "id", "body", null, null, "cron:0 0 0 1 1 ? 2001")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("past_idx")
                .hasMessageContaining("never fires");
        assertThat(indexes.list()).isEmpty();
        assertThat(scheduler.agentJobs(HubIndexes.REFRESH_GROUP)).isEmpty();
    }

    private void dataset() throws Exception {
        Path lake = catalog.lakeRoot();
        Files.createDirectories(lake.resolve("docs"));
        Files.write(lake.resolve("docs/part-1.parquet"), new byte[] {1, 2, 3});
        catalog.commit(CommitRequest.append(
                DatasetName.of("docs"),
                LakeSchema.of(LakeField.nullable("id", LakeType.STRING), LakeField.nullable("body", LakeType.STRING)),
                List.of(),
                List.of(new NewDataFile("docs/part-1.parquet", 1, 3, List.of(new ColumnStats("id", 0, "1", "1")))),
                new Lineage("test", "file:///docs.csv", null, "sha256:1"),
                "test"));
    }

    /** Answers every query with no rows (the probe of a new index). */
    private static final class EmptyEngine implements SqlEngine {
        @Override
        public QueryResult query(String sql) {
            return new QueryResult(List.of(new QueryResult.Column("k", "VARCHAR")), List.of(), false);
        }

        @Override
        public void close() {}
    }
}
