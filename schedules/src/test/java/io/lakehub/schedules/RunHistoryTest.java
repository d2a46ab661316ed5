package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {

    @TempDir
    Path dir;

    private HikariDataSource db;
    private RunHistory history;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        ScheduleTables.migrate(db);
        history = new RunHistory(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aStartedRunHoldsTheClaimUntilItFinishes() {
        Instant fire = Instant.parse("2026-11-21T10:00:02Z");
        PipelineRun run =
                history.start("people", TriggerKind.CRON, "hub-a", fire).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.scheduledFor()).isEqualTo(fire);
        assertThat(history.get(run.id())).contains(run);
        assertThat(history.running("people")).contains(run);
        assertThat(history.start("people", TriggerKind.MANUAL, "hub-b", null))
                .as("a second run of the same pipeline while the first runs")
                .isEmpty();
        assertThat(history.start("orders", TriggerKind.MANUAL, "hub-b", null))
                .as("other pipelines are not affected")
                .isPresent();

        PipelineRun done = history.finish(run.id(), RunOutcome.succeeded(42)).orElseThrow();

        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.rows()).isEqualTo(42);
        assertThat(done.endedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.error()).isNull();
        assertThat(history.running("people")).isEmpty();
        assertThat(history.start("people", TriggerKind.MANUAL, "hub-b", null))
                .as("the claim is free again")
                .isPresent();
    }

    @Test
    void failuresAndSkipsKeepTheirReason() {
        PipelineRun run =
                history.start("people", TriggerKind.WEBHOOK, "hub-a", null).orElseThrow();
        PipelineRun skipped = history.skip("people", TriggerKind.CRON, "hub-b", Instant.now(), "Skipped: run 1 busy");
        PipelineRun failed = history.finish(run.id(), RunOutcome.failed(3, "people.csv line 7: bad date"))
                .orElseThrow();

        assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(history.get(skipped.id())).contains(skipped);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.rows()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("people.csv line 7: bad date");
        assertThat(history.finish(run.id(), RunOutcome.succeeded(1)))
                .as("a finished run cannot be finished again")
                .isEmpty();
    }

    @Test
    void abandonReleasesTheClaimOfAStoppedHub() {
        PipelineRun run =
                history.start("people", TriggerKind.CRON, "dead-hub", null).orElseThrow();

        assertThat(history.abandon(run.id(), "Hub dead-hub stopped")).isTrue();
        assertThat(history.abandon(run.id(), "again")).isFalse();
        assertThat(history.get(run.id()).orElseThrow())
                .extracting(PipelineRun::status, PipelineRun::error)
                .containsExactly(RunStatus.FAILED, "Hub dead-hub stopped");
        assertThat(history.start("people", TriggerKind.MANUAL, "hub-b", null)).isPresent();
    }

    @Test
    void listsNewestFirstAndKnowsEachPipelinesLastRun() {
        long a1 = finishedRun("alpha");
        long b1 = finishedRun("beta");
        long a2 = finishedRun("alpha");

        assertThat(history.list("alpha", 10)).extracting(PipelineRun::id).containsExactly(a2, a1);
        assertThat(history.list("alpha", 1)).extracting(PipelineRun::id).containsExactly(a2);
        assertThat(history.list(null, 10)).extracting(PipelineRun::id).containsExactly(a2, b1, a1);
        assertThat(history.lastRun("beta").map(PipelineRun::id)).contains(b1);
        assertThat(history.lastRun("gamma")).isEmpty();
        assertThat(history.lastRuns()).containsOnlyKeys("alpha", "beta");
        assertThat(history.lastRuns().get("alpha").id()).isEqualTo(a2);
    }

    @Test
    void overlongErrorsAreCutNotRefused() {
        PipelineRun run =
                history.start("people", TriggerKind.MANUAL, "hub-a", null).orElseThrow();
        String longError = "x".repeat(RunHistory.MAX_ERROR_LENGTH + 500);

        PipelineRun failed =
                history.finish(run.id(), RunOutcome.failed(0, longError)).orElseThrow();

        assertThat(failed.error()).hasSize(RunHistory.MAX_ERROR_LENGTH).endsWith("...");
    }

    @Test
    void timesRoundTripAtMicrosecondPrecision() {
        Instant fire = Instant.parse("2026-11-21T10:00:02.123456789Z");
        PipelineRun run =
                history.start("people", TriggerKind.CRON, "hub-a", fire).orElseThrow();

        Optional<PipelineRun> read = history.get(run.id());

        assertThat(read.map(PipelineRun::scheduledFor)).contains(fire.truncatedTo(ChronoUnit.MICROS));
        assertThat(read).contains(run);
        assertThat(history.running()).extracting(PipelineRun::id).isEqualTo(List.of(run.id()));
    }

    private long finishedRun(String pipeline) {
        PipelineRun run =
                history.start(pipeline, TriggerKind.MANUAL, "hub-a", null).orElseThrow();
        history.finish(run.id(), RunOutcome.succeeded(1));
        return run.id();
    }
}
