package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSchedulerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private HikariDataSource db;
    private final List<PipelineScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void tearDown() {
        schedulers.forEach(PipelineScheduler::close);
        db.close();
    }

    @Test
    void aFastCronFiresOnItsScheduleAndRecordsEachRun() {
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(7));
        Instant synced = Instant.now();
        scheduler.sync(List.of(ScheduleSpec.cron("people", "*/2 * * * * ?")));
        scheduler.start();

        eventually().until(() -> succeededCronRuns(scheduler, "people").size() >= 2);

        List<PipelineRun> runs = succeededCronRuns(scheduler, "people");
        for (PipelineRun run : runs) {
            assertThat(run.scheduledFor().getEpochSecond() % 2)
                    .as("fires on even seconds")
                    .isZero();
            assertThat(run.scheduledFor().getNano()).isZero();
            assertThat(run.scheduledFor())
                    .as("no fire for a time before the schedule existed")
                    .isAfter(synced);
            assertThat(run.node()).isEqualTo("hub-a");
            assertThat(run.rows()).isEqualTo(7);
            assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
        }
        assertThat(runs).extracting(PipelineRun::scheduledFor).doesNotHaveDuplicates();
        assertThat(Duration.between(runs.get(1).scheduledFor(), runs.get(0).scheduledFor()))
                .as("consecutive fires are one period apart")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aPipelineNeverRunsTwiceAtOnceAndExtraFiresAreRecordedAsSkipped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                return RunOutcome.succeeded(1);
            } finally {
                concurrent.decrementAndGet();
            }
        });
        scheduler.sync(List.of(ScheduleSpec.cron("slow", "* * * * * ?")));
        scheduler.start();

        eventually().until(() -> scheduler.history().running("slow").isPresent());
        PipelineRun slow = scheduler.history().running("slow").orElseThrow();
        eventually()
                .until(() -> runs(scheduler, "slow").stream()
                        .anyMatch(r -> r.status() == RunStatus.SKIPPED && r.trigger() == TriggerKind.CRON));
        PipelineRun manual = scheduler.runNow("slow", TriggerKind.MANUAL);

        assertThat(manual.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(manual.trigger()).isEqualTo(TriggerKind.MANUAL);
        assertThat(manual.error()).contains("run " + slow.id()).contains("still running");
        PipelineRun skippedFire = runs(scheduler, "slow").stream()
                .filter(r -> r.status() == RunStatus.SKIPPED && r.trigger() == TriggerKind.CRON)
                .findFirst()
                .orElseThrow();
        assertThat(skippedFire.scheduledFor()).isAfter(slow.scheduledFor());
        assertThat(scheduler.history().get(slow.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        release.countDown();
        eventually()
                .until(() -> scheduler.history().get(slow.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
        assertThat(maxConcurrent).hasValue(1);
        assertThat(runs(scheduler, "slow"))
                .filteredOn(r -> r.status() == RunStatus.RUNNING || r.status() == RunStatus.SUCCEEDED)
                .extracting(PipelineRun::scheduledFor)
                .as("each run answers a different fire")
                .doesNotHaveDuplicates();
    }

    @Test
    void runNowRunsInTheBackgroundAndRecordsTheOutcome() {
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> {
            if (kind == TriggerKind.WEBHOOK) {
                throw new IllegalStateException(
                        "orders.csv line 3, column 'amount': not a number; nothing was written");
            }
            return RunOutcome.succeeded(12);
        });
        scheduler.sync(List.of(ScheduleSpec.unscheduled("orders")));
        scheduler.start();

        PipelineRun manual = scheduler.runNow("orders", TriggerKind.MANUAL);
        assertThat(manual.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(manual.scheduledFor()).isNull();
        eventually().until(() -> finished(scheduler, manual.id()));
        PipelineRun webhook = scheduler.runNow("orders", TriggerKind.WEBHOOK);
        eventually().until(() -> finished(scheduler, webhook.id()));

        assertThat(scheduler.history().get(manual.id()).orElseThrow())
                .extracting(PipelineRun::status, PipelineRun::rows, PipelineRun::trigger)
                .containsExactly(RunStatus.SUCCEEDED, 12L, TriggerKind.MANUAL);
        assertThat(scheduler.history().get(webhook.id()).orElseThrow())
                .extracting(PipelineRun::status, PipelineRun::error)
                .containsExactly(
                        RunStatus.FAILED, "orders.csv line 3, column 'amount': not a number; nothing was written");
        assertThatThrownBy(() -> scheduler.runNow("nope", TriggerKind.MANUAL))
                .isInstanceOf(UnknownPipelineException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("[orders]");
    }

    @Test
    void runListenersHearEveryEndedSkippedAndFailedRunWithItsDuration() {
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(0));
        scheduler.sync(List.of(ScheduleSpec.unscheduled("inbox")));
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        scheduler.addRunListener((run, took) -> {
            throw new IllegalStateException("a broken listener");
        });
        scheduler.addRunListener((run, took) ->
                heard.add(run.pipeline() + " " + run.status() + " " + run.rows() + " " + (took.isZero() ? "0" : ">0")));

        PipelineRun outer = scheduler.runExclusively("inbox", TriggerKind.FILE, () -> {
            assertThat(scheduler.activeRuns()).isEqualTo(1);
            scheduler.runExclusively("inbox", TriggerKind.FILE, () -> RunOutcome.succeeded(1));
            return RunOutcome.succeeded(5);
        });
        scheduler.runExclusively("inbox", TriggerKind.FILE, () -> {
            throw new IllegalStateException("the source broke");
        });

        assertThat(outer.status()).as("a failing listener changes nothing").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(scheduler.activeRuns()).isZero();
        assertThat(heard).containsExactly("inbox SKIPPED 0 0", "inbox SUCCEEDED 5 >0", "inbox FAILED 0 >0");
    }

    @Test
    void runExclusivelyRunsOnTheCallingThreadUnderTheSameClaim() {
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(0));
        scheduler.sync(List.of(ScheduleSpec.unscheduled("inbox")));

        PipelineRun outer = scheduler.runExclusively("inbox", TriggerKind.FILE, () -> {
            PipelineRun inner = scheduler.runExclusively("inbox", TriggerKind.FILE, () -> RunOutcome.succeeded(1));
            assertThat(inner.status()).isEqualTo(RunStatus.SKIPPED);
            return RunOutcome.succeeded(5);
        });

        assertThat(outer.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outer.rows()).isEqualTo(5);
        assertThat(scheduler.history().list("inbox", 10))
                .extracting(PipelineRun::status)
                .as("newest first: the inner attempt was recorded after the outer run started")
                .containsExactly(RunStatus.SKIPPED, RunStatus.SUCCEEDED);
    }

    @Test
    void syncIsIdempotentAndAppliesChanges() throws SQLException {
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(0));
        ScheduleSpec people = new ScheduleSpec("people", "0 */5 * * * ?", ZoneId.of("Europe/Paris"), null);
        ScheduleSpec orders = new ScheduleSpec("orders", "0 0 2 ? * mon-fri", ZoneId.of("UTC"), MisfirePolicy.SKIP);

        SyncResult first = scheduler.sync(List.of(people, orders));
        long startTime = triggerStartTime("people");
        SyncResult again = scheduler.sync(List.of(people, orders));

        assertThat(first.added()).containsExactly("people", "orders");
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.unchanged()).containsExactly("people", "orders");
        assertThat(triggerStartTime("people")).as("the trigger was left alone").isEqualTo(startTime);

        SyncResult edited = scheduler.sync(List.of(
                new ScheduleSpec("people", "0 */10 * * * ?", ZoneId.of("Europe/Paris"), null),
                ScheduleSpec.unscheduled("webhook-only")));

        assertThat(edited.changed()).containsExactly("people");
        assertThat(edited.added()).containsExactly("webhook-only");
        assertThat(edited.removed()).containsExactly("orders");
        List<PipelineSchedule> described = scheduler.describe();
        assertThat(described).extracting(PipelineSchedule::pipelineId).containsExactly("people", "webhook-only");
        PipelineSchedule p = described.get(0);
        assertThat(p.cron()).isEqualTo("0 */10 * * * ?");
        assertThat(p.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(p.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
        assertThat(p.nextFireTimes()).hasSize(3);
        assertThat(Duration.between(p.nextFireTimes().get(0), p.nextFireTimes().get(1)))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(p.nextFireTimes().get(0))
                .isAfter(Instant.now())
                .isBefore(Instant.now().plus(Duration.ofMinutes(11)));
        PipelineSchedule w = described.get(1);
        assertThat(w.isScheduled()).isFalse();
        assertThat(w.nextFireTimes()).isEmpty();
        assertThat(scheduler.describe("orders")).isEmpty();
    }

    @Test
    void aPauseIsKeptAcrossRestartAndScheduleChanges() {
        PipelineScheduler a = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(0));
        a.sync(List.of(ScheduleSpec.cron("people", "0 */5 * * * ?"), ScheduleSpec.unscheduled("manual")));

        assertThat(a.pause("people")).isTrue();
        assertThat(a.pause("manual")).as("nothing to pause").isFalse();
        assertThat(a.describe("people").orElseThrow())
                .extracting(PipelineSchedule::paused, s -> s.nextFireTimes().size())
                .containsExactly(true, 0);
        a.close();

        PipelineScheduler b = scheduler("hub-b", (id, kind) -> RunOutcome.succeeded(0));
        b.sync(List.of(ScheduleSpec.cron("people", "0 */15 * * * ?"), ScheduleSpec.unscheduled("manual")));

        PipelineSchedule people = b.describe("people").orElseThrow();
        assertThat(people.cron()).isEqualTo("0 */15 * * * ?");
        assertThat(people.paused()).isTrue();
        assertThat(b.resume("people")).isTrue();
        assertThat(b.describe("people").orElseThrow().nextFireTimes()).hasSize(3);
    }

    @Test
    void aRestartKeepsSchedulesAndTheNewHubFiresThem() {
        PipelineScheduler a = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(0));
        a.sync(List.of(ScheduleSpec.cron("people", "*/2 * * * * ?")));
        a.start();
        a.close();

        // No sync: what is scheduled comes from the database alone.
        PipelineScheduler b = scheduler("hub-b", (id, kind) -> RunOutcome.succeeded(3));
        PipelineSchedule people = b.describe("people").orElseThrow();
        assertThat(people.cron()).isEqualTo("*/2 * * * * ?");
        assertThat(people.nextFireTimes().get(0))
                .as("next fire time is within one period (or a just-missed fire about to be made up)")
                .isBefore(Instant.now().plusSeconds(3));
        b.start();

        eventually()
                .until(() -> succeededCronRuns(b, "people").stream()
                        .anyMatch(r -> r.node().equals("hub-b")));
    }

    @Test
    void aFireMissedWhileTheHubWasDownRunsOnceAtRestartUnlessTheMisfirePolicySkipsIt() {
        // A fire more than a second late counts as missed.
        SchedulerSettings settings = SchedulerSettings.defaults().withMisfireThreshold(Duration.ofSeconds(1));
        PipelineScheduler a = scheduler(settings.withNodeId("hub-a"), (id, kind) -> RunOutcome.succeeded(0));
        Instant firstFire = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // Once a minute at that second: the catch-up run is the only one that can happen during the test.
        String cron = firstFire.atZone(ZoneId.of("UTC")).getSecond() + " * * * * ?";
        List<ScheduleSpec> specs = List.of(
                new ScheduleSpec("catch-up", cron, ZoneId.of("UTC"), MisfirePolicy.FIRE_ONCE_NOW),
                new ScheduleSpec("no-catch-up", cron, ZoneId.of("UTC"), MisfirePolicy.SKIP));
        a.sync(specs);
        Instant missed = a.describe("catch-up").orElseThrow().nextFireTimes().get(0);
        a.close(); // never started: the hub is "down" across the fire time

        eventually().until(() -> Instant.now().isAfter(missed.plusSeconds(2)));
        PipelineScheduler b = scheduler(settings.withNodeId("hub-b"), (id, kind) -> RunOutcome.succeeded(0));
        assertThat(b.sync(specs).unchanged()).containsExactly("catch-up", "no-catch-up");
        b.start();

        eventually().until(() -> !succeededCronRuns(b, "catch-up").isEmpty());
        PipelineRun catchUp = succeededCronRuns(b, "catch-up").get(0);
        assertThat(catchUp.scheduledFor())
                .as("fired late, once, instead of at the missed time")
                .isAfter(missed);
        assertThat(succeededCronRuns(b, "catch-up")).hasSize(1);
        assertThat(runs(b, "no-catch-up")).isEmpty();
        assertThat(b.describe("no-catch-up").orElseThrow().nextFireTimes().get(0))
                .isEqualTo(missed.plus(Duration.ofMinutes(1)));
    }

    @Test
    void aRunLeftRunningByAStoppedHubIsMarkedFailedAtStart() {
        ScheduleTables.migrate(db);
        RunHistory history = new RunHistory(db);
        PipelineRun orphan =
                history.start("people", TriggerKind.CRON, "hub-that-died", null).orElseThrow();

        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(1));
        scheduler.sync(List.of(ScheduleSpec.unscheduled("people")));
        scheduler.start();

        PipelineRun released = history.get(orphan.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(RunStatus.FAILED);
        assertThat(released.error()).contains("hub-that-died").contains("stopped");
        assertThat(scheduler.runNow("people", TriggerKind.MANUAL).status()).isEqualTo(RunStatus.RUNNING);
    }

    /**
     * Polls on the test thread: Awaitility's own poller thread is interrupted when the wait ends, and an
     * interrupt during a read makes H2 close the database file under every other connection.
     */
    static ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(100));
    }

    private PipelineScheduler scheduler(String node, PipelineRunner runner) {
        return scheduler(SchedulerSettings.defaults().withNodeId(node).withThreadCount(3), runner);
    }

    private PipelineScheduler scheduler(SchedulerSettings settings, PipelineRunner runner) {
        PipelineScheduler scheduler = PipelineScheduler.create(db, settings, runner);
        schedulers.add(scheduler);
        return scheduler;
    }

    private static List<PipelineRun> runs(PipelineScheduler scheduler, String pipeline) {
        return scheduler.history().list(pipeline, 1000);
    }

    private static List<PipelineRun> succeededCronRuns(PipelineScheduler scheduler, String pipeline) {
        return runs(scheduler, pipeline).stream()
                .filter(r -> r.trigger() == TriggerKind.CRON && r.status() == RunStatus.SUCCEEDED)
                .toList();
    }

    private static boolean finished(PipelineScheduler scheduler, long runId) {
        return scheduler.history().get(runId).orElseThrow().status().isFinished();
    }

    private long triggerStartTime(String pipeline) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT START_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ? AND TRIGGER_GROUP = ?")) {
            ps.setString(1, pipeline);
            ps.setString(2, PipelineScheduler.GROUP);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
