package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two hubs (two clustered schedulers, each with its own connection pool) sharing one PostgreSQL
 * catalog database at 127.0.0.1:5432/test, in a schema of their own that is dropped afterwards.
 */
class PipelineSchedulerClusterIT {

    private static final Logger log = LoggerFactory.getLogger(PipelineSchedulerClusterIT.class);
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<PipelineScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void createSchema() throws SQLException {
        // Random per run so parallel builds of other worktrees never share tables; seeded from the clock on purpose.
        schema = "lakehub_qz_" + HexFormat.of().toHexDigits(new Random(System.nanoTime()).nextInt());
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            // The catalog's tables are there before the scheduler's, as in a real hub.
            s.execute("CREATE TABLE " + schema + ".dataset (id BIGINT PRIMARY KEY)");
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schedulers.forEach(PipelineScheduler::close);
        pools.forEach(HikariDataSource::close);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void twoHubsFireEachScheduledTimeExactlyOnceBetweenThem() throws SQLException {
        Map<String, AtomicInteger> runsByNode = new TreeMap<>();
        PipelineScheduler a = hub("hub-a", countingRunner(runsByNode, "hub-a"));
        PipelineScheduler b = hub("hub-b", countingRunner(runsByNode, "hub-b"));
        // Three pipelines firing every second, so both hubs compete for triggers all the time.
        List<String> pipelines = List.of("tick-1", "tick-2", "tick-3");
        List<ScheduleSpec> specs = pipelines.stream()
                .map(id -> ScheduleSpec.cron(id, "*/1 * * * * ?"))
                .toList();
        a.sync(specs);
        b.sync(specs);
        a.start();
        b.start();

        eventually()
                .until(() ->
                        pipelines.stream().allMatch(id -> spanOfCronRuns(a, id).compareTo(Duration.ofSeconds(6)) >= 0));

        assertThat(a.isStarted()).isTrue();
        assertThat(b.isStarted()).isTrue();
        assertThat(checkedInNodes()).as("both hubs are live cluster members").contains("hub-a", "hub-b");
        a.close();
        b.close();
        int total = 0;
        for (String id : pipelines) {
            total += assertEachFireTimeRanExactlyOnce(a.history(), id, Instant.MIN);
        }
        log.info("{} fires of {} pipelines; runs per hub: {}", total, pipelines.size(), runsByNode);
    }

    @Test
    void whenOneHubStopsTheOtherTakesOverWithoutGapsOrRepeats() {
        Map<String, AtomicInteger> runsByNode = new TreeMap<>();
        PipelineScheduler a = hub("hub-a", countingRunner(runsByNode, "hub-a"));
        PipelineScheduler b = hub("hub-b", countingRunner(runsByNode, "hub-b"));
        List<ScheduleSpec> specs = List.of(ScheduleSpec.cron("tick", "*/1 * * * * ?"));
        a.sync(specs);
        b.sync(specs);
        a.start();
        eventually().until(() -> spanOfCronRuns(a, "tick").compareTo(Duration.ofSeconds(2)) >= 0);
        b.start();
        a.close();
        Instant handover = Instant.now();

        eventually()
                .until(() -> b.history().list("tick", 10_000).stream()
                                .filter(r -> r.trigger() == TriggerKind.CRON
                                        && r.node().equals("hub-b"))
                                .count()
                        >= 3);
        b.close();

        // Fire times missed during the handover are caught up at once on hub-b; one whose
        // predecessor's catch-up run is still running is recorded as skipped (the overlap rule),
        // never lost silently and never run twice.
        Instant takeover = b.history().list("tick", 10_000).stream()
                .filter(r -> r.node().equals("hub-b"))
                .map(PipelineRun::startedAt)
                .min(Instant::compareTo)
                .orElseThrow();
        int total = assertEachFireTimeRanExactlyOnce(b.history(), "tick", takeover);
        assertThat(runsByNode.get("hub-a")).as("hub-a ran before it stopped").hasPositiveValue();
        assertThat(b.history().list("tick", 10_000))
                .filteredOn(r -> r.node().equals("hub-a"))
                .allSatisfy(r -> assertThat(r.startedAt()).isBefore(handover));
        log.info("{} fires across a handover; runs per hub: {}", total, runsByNode);
    }

    @Test
    void twoHubsRunAMaintenanceJobOncePerFireTimeBetweenThem() {
        Map<String, AtomicInteger> runsByNode = new TreeMap<>();
        PipelineScheduler a = hub("hub-a", countingRunner(runsByNode, "pipelines"));
        PipelineScheduler b = hub("hub-b", countingRunner(runsByNode, "pipelines"));
        // Each hub registers its own instance of the job, as each hub's Spring context does.
        a.syncMaintenance(List.of(MaintenanceSchedule.byDefault(countingSweep(runsByNode, "hub-a"))));
        b.syncMaintenance(List.of(MaintenanceSchedule.byDefault(countingSweep(runsByNode, "hub-b"))));
        a.start();
        b.start();
        JobId sweep = JobId.maintenance("orphan-sweep");

        eventually()
                .until(() -> spanOfCronRuns(a.history().runsOf(sweep, 10_000)).compareTo(Duration.ofSeconds(6)) >= 0);
        a.close();
        b.close();

        List<PipelineRun> fires = a.history().runsOf(sweep, 10_000).stream()
                .filter(r -> r.trigger() == TriggerKind.CRON)
                .toList();
        TreeMap<Instant, Long> perFireTime = fires.stream()
                .collect(Collectors.groupingBy(PipelineRun::scheduledFor, TreeMap::new, Collectors.counting()));
        assertThat(perFireTime)
                .as("runs of the maintenance job per scheduled fire time")
                .allSatisfy((time, count) ->
                        assertThat(count).as("fire time %s", time).isEqualTo(1L));
        assertThat(perFireTime)
                .as("every second between the first and the last fire ran")
                .hasSize((int) Duration.between(perFireTime.firstKey(), perFireTime.lastKey())
                                .toSeconds()
                        + 1);
        assertThat(fires).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.kind()).isEqualTo(JobKind.MAINTENANCE);
            assertThat(r.result()).isEqualTo("swept on " + r.node());
        });
        assertThat(runsByNode.get("hub-a").get() + runsByNode.get("hub-b").get())
                .as("job executions across both hubs")
                .isEqualTo(fires.size());
        log.info("{} fires of a maintenance job; runs per hub: {}", fires.size(), runsByNode);
    }

    private static MaintenanceJob countingSweep(Map<String, AtomicInteger> runsByNode, String node) {
        AtomicInteger count = new AtomicInteger();
        synchronized (runsByNode) {
            runsByNode.put(node, count);
        }
        return new MaintenanceJob() {
            @Override
            public String id() {
                return "orphan-sweep";
            }

            @Override
            public String describe() {
                return "counts its runs";
            }

            @Override
            public String defaultSchedule() {
                return "*/1 * * * * ?";
            }

            @Override
            public JobOutcome run(JobContext context) {
                count.incrementAndGet();
                return JobOutcome.succeeded("swept on " + context.node());
            }
        };
    }

    private static Duration spanOfCronRuns(List<PipelineRun> runs) {
        List<Instant> times = runs.stream()
                .filter(r -> r.trigger() == TriggerKind.CRON)
                .map(PipelineRun::scheduledFor)
                .sorted()
                .toList();
        return times.isEmpty() ? Duration.ZERO : Duration.between(times.get(0), times.get(times.size() - 1));
    }

    /**
     * Every scheduled second between the first and the last fire has exactly one run; returns the count.
     * Fire times before {@code catchUpBefore} were caught up after a handover and may have been skipped
     * by the overlap rule (recorded with its reason); every other run succeeded.
     */
    private static int assertEachFireTimeRanExactlyOnce(RunHistory history, String pipeline, Instant catchUpBefore) {
        List<PipelineRun> fires = history.list(pipeline, 10_000).stream()
                .filter(r -> r.trigger() == TriggerKind.CRON)
                .toList();
        TreeMap<Instant, Long> perFireTime = fires.stream()
                .collect(Collectors.groupingBy(PipelineRun::scheduledFor, TreeMap::new, Collectors.counting()));
        assertThat(perFireTime)
                .as("%s: runs per scheduled fire time", pipeline)
                .allSatisfy((time, count) ->
                        assertThat(count).as("fire time %s", time).isEqualTo(1L));
        assertThat(perFireTime)
                .as("%s: every second between the first and the last fire ran", pipeline)
                .hasSize((int) Duration.between(perFireTime.firstKey(), perFireTime.lastKey())
                                .toSeconds()
                        + 1);
        assertThat(fires).allSatisfy(r -> {
            if (r.status() == RunStatus.SKIPPED && r.scheduledFor().isBefore(catchUpBefore)) {
                assertThat(r.error()).contains("was still running");
            } else {
                assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            }
        });
        return fires.size();
    }

    @Test
    void aPipelineNeverRunsOnTwoHubsAtOnce() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        PipelineRunner slow = (id, kind) -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                return RunOutcome.succeeded(1);
            } finally {
                concurrent.decrementAndGet();
            }
        };
        PipelineScheduler a = hub("hub-a", slow);
        PipelineScheduler b = hub("hub-b", slow);
        List<ScheduleSpec> specs = List.of(ScheduleSpec.cron("slow", "*/1 * * * * ?"));
        a.sync(specs);
        b.sync(specs);
        a.start();
        b.start();

        eventually().until(() -> a.history().running("slow").isPresent());
        PipelineRun holder = a.history().running("slow").orElseThrow();
        eventually()
                .until(() -> a.history().list("slow", 100).stream()
                                .filter(r -> r.status() == RunStatus.SKIPPED && r.trigger() == TriggerKind.CRON)
                                .count()
                        >= 2);
        PipelineRun manualOnA = a.runNow("slow", TriggerKind.MANUAL);
        PipelineRun webhookOnB = b.runNow("slow", TriggerKind.WEBHOOK);

        assertThat(manualOnA.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(webhookOnB.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(webhookOnB.node()).isEqualTo("hub-b");
        assertThat(webhookOnB.error()).contains("run " + holder.id()).contains(holder.node());
        assertThat(maxConcurrent).hasValue(1);

        release.countDown();
        eventually().until(() -> a.history().get(holder.id()).orElseThrow().status() == RunStatus.SUCCEEDED);
        assertThat(maxConcurrent).hasValue(1);
    }

    private PipelineScheduler hub(String node, PipelineRunner runner) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + node);
        config.setJdbcUrl(ADMIN_URL + "?currentSchema=" + schema);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        SchedulerSettings settings = SchedulerSettings.defaults()
                .withNodeId(node)
                .withClustered(true)
                .withThreadCount(3)
                .withClusterCheckinInterval(Duration.ofSeconds(2))
                // Idle hubs look for due triggers every second, so both compete for every fire.
                .withIdleWaitTime(Duration.ofSeconds(1));
        PipelineScheduler scheduler = PipelineScheduler.create(pool, settings, runner);
        schedulers.add(scheduler);
        return scheduler;
    }

    private static PipelineRunner countingRunner(Map<String, AtomicInteger> runsByNode, String node) {
        AtomicInteger count = new AtomicInteger();
        synchronized (runsByNode) {
            runsByNode.put(node, count);
        }
        return (id, kind) -> {
            count.incrementAndGet();
            return RunOutcome.succeeded(1);
        };
    }

    private static Duration spanOfCronRuns(PipelineScheduler scheduler, String pipeline) {
        List<Instant> times = scheduler.history().list(pipeline, 10_000).stream()
                .filter(r -> r.trigger() == TriggerKind.CRON)
                .map(PipelineRun::scheduledFor)
                .sorted()
                .toList();
        return times.isEmpty() ? Duration.ZERO : Duration.between(times.get(0), times.get(times.size() - 1));
    }

    private Set<String> checkedInNodes() throws SQLException {
        try (Connection c = pools.get(0).getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?")) {
            ps.setString(1, SchedulerSettings.DEFAULT_SCHEDULER_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> nodes = new java.util.TreeSet<>();
                while (rs.next()) {
                    nodes.add(rs.getString(1));
                }
                return nodes;
            }
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(200));
    }
}
