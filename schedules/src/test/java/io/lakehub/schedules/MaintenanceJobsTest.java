package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
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

/** Maintenance jobs: Quartz jobs beside the pipelines, with the same claim and history. */
class MaintenanceJobsTest {

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
    void aMaintenanceJobFiresOnItsCronAndEachRunIsRecordedWithItsResult() {
        AtomicInteger runs = new AtomicInteger();
        PipelineScheduler scheduler = scheduler("hub-a");
        scheduler.syncMaintenance(List.of(new MaintenanceSchedule(
                job("sweep", "*/1 * * * * ?", context -> {
                    assertThat(context.trigger()).isEqualTo(TriggerKind.CRON);
                    assertThat(context.scheduledForTime()).isPresent();
                    return JobOutcome.succeeded("deleted " + runs.incrementAndGet() + " orphan files");
                }),
                null,
                null)));
        scheduler.start();

        JobId sweep = JobId.maintenance("sweep");
        eventually()
                .until(() -> scheduler.history().runsOf(sweep, 100).stream()
                                .filter(r -> r.status() == RunStatus.SUCCEEDED)
                                .count()
                        >= 2);

        List<PipelineRun> done = scheduler.history().runsOf(sweep, 100).stream()
                .filter(r -> r.status() == RunStatus.SUCCEEDED)
                .toList();
        assertThat(done).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(JobKind.MAINTENANCE);
            assertThat(r.job()).isEqualTo(sweep);
            assertThat(r.trigger()).isEqualTo(TriggerKind.CRON);
            assertThat(r.scheduledFor()).isNotNull();
            assertThat(r.result()).matches("deleted \\d+ orphan files");
            assertThat(r.endedAt()).isAfterOrEqualTo(r.startedAt());
        });
        assertThat(done).extracting(PipelineRun::scheduledFor).doesNotHaveDuplicates();
        assertThat(scheduler.history().list("sweep", 10))
                .as("the pipeline of the same id has no runs")
                .isEmpty();
    }

    @Test
    void aManualRunIsRecordedAndAFailureKeepsTheJobsMessage() {
        AtomicInteger calls = new AtomicInteger();
        PipelineScheduler scheduler = scheduler("hub-a");
        scheduler.syncMaintenance(List.of(MaintenanceSchedule.byDefault(job("compaction", "0 0 3 * * ?", context -> {
            assertThat(context.trigger()).isEqualTo(TriggerKind.MANUAL);
            if (calls.incrementAndGet() == 1) {
                return JobOutcome.succeeded("compacted 2 datasets");
            }
            throw new IllegalStateException("dataset orders: the lake folder is not writable; nothing was rewritten");
        }))));
        scheduler.start();
        JobId compaction = JobId.maintenance("compaction");

        PipelineRun first = scheduler.runNow(compaction, TriggerKind.MANUAL);
        assertThat(first.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(first.kind()).isEqualTo(JobKind.MAINTENANCE);
        eventually().until(() -> finished(scheduler, first.id()));
        PipelineRun second = scheduler.runHere(compaction, TriggerKind.MANUAL);

        assertThat(scheduler.history().get(first.id()).orElseThrow())
                .returns(RunStatus.SUCCEEDED, PipelineRun::status)
                .returns("compacted 2 datasets", PipelineRun::result)
                .returns(null, PipelineRun::error);
        assertThat(second.status()).isEqualTo(RunStatus.FAILED);
        assertThat(second.error()).isEqualTo("dataset orders: the lake folder is not writable; nothing was rewritten");
        assertThat(scheduler.describe(compaction).orElseThrow().lastRun()).contains(second);
    }

    @Test
    void aMaintenanceJobNeverRunsTwiceAtOnceButDoesNotBlockAPipelineOfTheSameId() {
        CountDownLatch release = new CountDownLatch(1);
        PipelineScheduler scheduler = scheduler("hub-a", (id, kind) -> RunOutcome.succeeded(5));
        scheduler.sync(List.of(ScheduleSpec.unscheduled("compaction")));
        scheduler.syncMaintenance(List.of(MaintenanceSchedule.byDefault(job("compaction", "0 0 3 * * ?", context -> {
            release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return JobOutcome.succeeded("compacted 0 datasets");
        }))));
        scheduler.start();
        JobId maintenance = JobId.maintenance("compaction");

        PipelineRun slow = scheduler.runNow(maintenance, TriggerKind.MANUAL);
        PipelineRun second = scheduler.runNow(maintenance, TriggerKind.MANUAL);
        PipelineRun pipeline = scheduler.runHere(JobId.pipeline("compaction"), TriggerKind.MANUAL);

        assertThat(slow.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(second.error()).contains("run " + slow.id()).contains("still running");
        assertThat(pipeline.status()).as("the pipeline of the same id").isEqualTo(RunStatus.SUCCEEDED);
        assertThat(pipeline.rows()).isEqualTo(5);
        release.countDown();
        eventually().until(() -> finished(scheduler, slow.id()));
    }

    @Test
    void jobsAreListedWithTheirKindAndADisabledJobIsRemoved() {
        PipelineScheduler scheduler = scheduler("hub-a");
        scheduler.sync(List.of(ScheduleSpec.cron("people", "0 0 * * * ?")));
        MaintenanceJob sweep = job("orphan-sweep", "0 17 * * * ?", context -> JobOutcome.succeeded("nothing"));
        MaintenanceJob compaction = job("compaction", "0 0 3 * * ?", context -> JobOutcome.succeeded("nothing"));
        SyncResult first = scheduler.syncMaintenance(List.of(
                MaintenanceSchedule.byDefault(sweep), new MaintenanceSchedule(compaction, "0 30 2 * * ?", null)));

        assertThat(first.added()).containsExactly("orphan-sweep", "compaction");
        List<JobSchedule> jobs = scheduler.describeJobs();
        assertThat(jobs)
                .extracting(JobSchedule::job)
                .containsExactly(
                        JobId.pipeline("people"), JobId.maintenance("compaction"), JobId.maintenance("orphan-sweep"));
        JobSchedule compactionSchedule = jobs.get(1);
        assertThat(compactionSchedule.cron()).isEqualTo("0 30 2 * * ?");
        assertThat(compactionSchedule.description()).isEqualTo("compaction job");
        assertThat(compactionSchedule.nextFireTimes()).hasSize(3);
        assertThat(jobs.get(2).cron()).isEqualTo("0 17 * * * ?");
        assertThat(scheduler.describe())
                .as("pipelines only")
                .extracting(PipelineSchedule::pipelineId)
                .containsExactly("people");

        SyncResult second = scheduler.syncMaintenance(List.of(MaintenanceSchedule.byDefault(sweep)));

        assertThat(second.removed()).containsExactly("compaction");
        assertThat(second.unchanged()).containsExactly("orphan-sweep");
        assertThat(scheduler.describe(JobId.maintenance("compaction"))).isEmpty();
        assertThatThrownBy(() -> scheduler.runNow(JobId.maintenance("compaction"), TriggerKind.MANUAL))
                .isInstanceOf(UnknownJobException.class)
                .hasMessageContaining("'compaction'")
                .hasMessageContaining("orphan-sweep");
        assertThat(scheduler.describe())
                .extracting(PipelineSchedule::pipelineId)
                .containsExactly("people");
    }

    @Test
    void aRunningJobsProgressIsKeptWhileItRunsAndDroppedWhenItEnds() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PipelineScheduler scheduler = scheduler("hub-a");
        scheduler.syncMaintenance(List.of(MaintenanceSchedule.byDefault(job("sweep", "0 0 3 * * ?", context -> {
            context.progress().total(10, "files").advance(4);
            reported.countDown();
            release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return JobOutcome.succeeded("checked 10 files");
        }))));
        scheduler.start();
        JobId sweep = JobId.maintenance("sweep");
        assertThat(scheduler.progress(sweep)).isEmpty();

        PipelineRun run = scheduler.runNow(sweep, TriggerKind.MANUAL);
        assertThat(reported.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        ProgressReport progress = scheduler.progress(sweep).orElseThrow();
        assertThat(progress.done()).isEqualTo(4);
        assertThat(progress.total()).isEqualTo(10);
        assertThat(progress.unit()).isEqualTo("files");
        assertThat(scheduler.progress(JobId.pipeline("sweep")))
                .as("the pipeline of the same id")
                .isEmpty();
        release.countDown();
        eventually().until(() -> finished(scheduler, run.id()));
        assertThat(scheduler.progress(sweep)).isEmpty();
    }

    @Test
    void aBadCronIsRefusedNamingTheJob() {
        MaintenanceJob job = job("orphan-sweep", "0 17 * * * ?", context -> JobOutcome.succeeded(null));
        assertThatThrownBy(() -> new MaintenanceSchedule(job, "every hour", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orphan-sweep")
                .hasMessageContaining("'every hour' is not a valid Quartz cron expression");
    }

    @FunctionalInterface
    interface Work {
        JobOutcome run(JobContext context) throws Exception;
    }

    static MaintenanceJob job(String id, String cron, Work work) {
        return new MaintenanceJob() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String describe() {
                return id + " job";
            }

            @Override
            public String defaultSchedule() {
                return cron;
            }

            @Override
            public JobOutcome run(JobContext context) throws Exception {
                return work.run(context);
            }
        };
    }

    private PipelineScheduler scheduler(String node) {
        return scheduler(node, (id, kind) -> RunOutcome.succeeded(0));
    }

    private PipelineScheduler scheduler(String node, PipelineRunner runner) {
        PipelineScheduler scheduler = PipelineScheduler.create(
                db, SchedulerSettings.defaults().withNodeId(node).withThreadCount(3), runner);
        schedulers.add(scheduler);
        return scheduler;
    }

    private static boolean finished(PipelineScheduler scheduler, long runId) {
        return scheduler.history().get(runId).orElseThrow().status().isFinished();
    }

    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100));
    }
}
