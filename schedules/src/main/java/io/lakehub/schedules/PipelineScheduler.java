package io.lakehub.schedules;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's scheduler: one durable Quartz job per pipeline (named by its id) and one cron trigger
 * per scheduled pipeline, in Quartz's JDBC job store inside the catalog database. Schedules, pauses
 * and missed fires therefore survive restarts, and hubs sharing a PostgreSQL catalog with {@link
 * SchedulerSettings#clustered()} fire each trigger on exactly one of them.
 *
 * <p>Maintenance jobs ({@link MaintenanceJob}: orphan sweep, compaction) are Quartz jobs of the
 * same store in a group of their own ({@link JobKind#MAINTENANCE}), registered with {@link
 * #syncMaintenance}: once per fire across a cluster, single-flight, recorded in the same history.
 * Methods taking a {@link JobId} work on either kind; those taking a plain id mean a pipeline.
 *
 * <p>Every run, whatever started it, goes through one single-flight claim in the database: a
 * pipeline never runs twice at once on any hub, and a fire or request that finds it running is
 * recorded as SKIPPED. Thread-safe.
 *
 * <p>Life cycle: {@link #create} (migrates the tables; nothing fires yet), {@link #sync} with the
 * configured pipelines, {@link #start}, and {@link #close} at shutdown.
 */
public final class PipelineScheduler implements AutoCloseable {

    /** Quartz group of the pipeline jobs and triggers; anything else in the job store is left alone. */
    static final String GROUP = JobKind.PIPELINE.quartzGroup();

    private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);
    private static final int NEXT_FIRE_TIMES = 3;

    private final SchedulerSettings settings;
    private final PipelineRunner runner;
    private final RunHistory history;
    private final SingleFlight flight;
    private final Scheduler quartz;
    private final ExecutorService onDemand;
    private final InterruptShield shield;
    /** This hub's maintenance jobs by id, as last given to {@link #syncMaintenance}. */
    private final Map<String, MaintenanceJob> maintenance = new ConcurrentHashMap<>();
    /** The progress of each maintenance run in progress on this hub, by job; in memory only. */
    private final Map<JobId, ProgressMeter> inProgress = new ConcurrentHashMap<>();
    /** This hub's agents by Quartz group, as last given to {@link #syncAgents}. */
    private final Map<String, AgentHandler> agents = new ConcurrentHashMap<>();

    private final Clock clock;

    private volatile boolean closed;

    private PipelineScheduler(
            DataSource dataSource, Dialect dialect, SchedulerSettings settings, PipelineRunner runner, Clock clock) {
        this.settings = settings;
        this.runner = runner;
        this.clock = clock;
        this.history = new RunHistory(dataSource, clock);
        this.flight = new SingleFlight(
                history,
                new NodeLiveness(dataSource, settings.schedulerName(), settings.nodeId(), settings.clustered(), clock),
                settings.nodeId());
        this.shield = new InterruptShield("lakehub-quartz-jdbc-");
        this.quartz = newQuartz(dataSource, shield, dialect, settings);
        try {
            quartz.setJobFactory((bundle, scheduler) -> {
                Class<?> type = bundle.getJobDetail().getJobClass();
                if (type == PipelineJob.class) {
                    return new PipelineJob((pipelineId, at) -> runCronFire(JobId.pipeline(pipelineId), at));
                }
                if (type == MaintenanceFire.class) {
                    return new MaintenanceFire((id, at) -> runCronFire(JobId.maintenance(id), at));
                }
                if (type == AgentFire.class) {
                    return new AgentFire(this::runAgentFire);
                }
                throw new SchedulerException(
                        "Job " + bundle.getJobDetail().getKey() + " is not a Lakehub job; it was not run.");
            });
        } catch (SchedulerException e) {
            shutdownQuietly(quartz);
            shield.close();
            throw new SchedulerUnavailableException("Could not set up the Quartz scheduler: " + e.getMessage(), e);
        }
        this.onDemand = Executors.newCachedThreadPool(namedThreads("lakehub-run-"));
    }

    /**
     * Migrates the scheduler's tables in the catalog database and builds a scheduler that does not
     * fire yet. The data source is the app's pool for the catalog database; it must outlive the
     * scheduler and is not closed by it.
     *
     * @throws SchedulerUnavailableException when the database cannot be reached, migrated or used by
     *     Quartz; nothing was scheduled
     */
    public static PipelineScheduler create(DataSource dataSource, SchedulerSettings settings, PipelineRunner runner) {
        return create(dataSource, settings, runner, Clock.systemUTC());
    }

    static PipelineScheduler create(
            DataSource dataSource, SchedulerSettings settings, PipelineRunner runner, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(runner, "runner");
        Dialect dialect = Dialect.of(dataSource);
        ScheduleTables.migrate(dataSource, dialect);
        return new PipelineScheduler(dataSource, dialect, settings, runner, clock);
    }

    /**
     * Makes the job store match the configured pipelines: adds jobs and triggers for new pipelines,
     * replaces the trigger of a pipeline whose cron, timezone or misfire policy changed (keeping it
     * paused if it was), removes pipelines no longer configured, and leaves everything else untouched
     * so that a restart keeps next fire times and pending misfires. Idempotent; every hub of a
     * cluster must sync the same list.
     */
    public SyncResult sync(List<ScheduleSpec> specs) {
        Set<String> ids = new HashSet<>();
        for (ScheduleSpec spec : specs) {
            if (!ids.add(spec.pipelineId())) {
                throw new IllegalArgumentException(
                        "Pipeline id '" + spec.pipelineId() + "' is given twice; nothing was scheduled.");
            }
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        try {
            for (ScheduleSpec spec : specs) {
                switch (syncOne(JobId.pipeline(spec.pipelineId()), spec, PipelineJob.class)) {
                    case ADDED -> added.add(spec.pipelineId());
                    case CHANGED -> changed.add(spec.pipelineId());
                    case UNCHANGED -> unchanged.add(spec.pipelineId());
                }
            }
            for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)))) {
                if (!ids.contains(key.getName()) && quartz.deleteJob(key)) {
                    removed.add(key.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not update the pipeline schedules in the catalog database: " + e.getMessage()
                            + ". Done before the failure: added " + added + ", changed " + changed + ", removed "
                            + removed + "; the other pipelines keep their previous schedule. Syncing again"
                            + " finishes the job.",
                    e);
        }
        SyncResult result = new SyncResult(added, changed, removed, unchanged);
        if (result.changedAnything()) {
            log.info(
                    "Pipeline schedules: added {}, changed {}, removed {}, unchanged {}",
                    added,
                    changed,
                    removed,
                    unchanged.size());
        }
        return result;
    }

    /**
     * Makes the job store's maintenance jobs match {@code jobs}, as {@link #sync} does for
     * pipelines: adds new jobs, replaces the trigger of a job whose cron or zone changed (keeping a
     * pause), removes jobs no longer given (a job disabled in the configuration), and leaves the
     * rest untouched. From then on this hub runs the given implementations when a fire lands on it.
     * Every hub of a cluster must sync the same jobs with the same schedules.
     *
     * @throws IllegalArgumentException when an id is given twice or a cron is not valid; nothing
     *     was scheduled
     */
    public SyncResult syncMaintenance(List<MaintenanceSchedule> jobs) {
        Map<String, MaintenanceSchedule> byId = new java.util.LinkedHashMap<>();
        for (MaintenanceSchedule job : jobs) {
            if (byId.put(job.job().id(), job) != null) {
                throw new IllegalArgumentException(
                        "Maintenance job id '" + job.job().id() + "' is registered twice; nothing was scheduled.");
            }
        }
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        String group = JobKind.MAINTENANCE.quartzGroup();
        try {
            for (MaintenanceSchedule job : byId.values()) {
                maintenance.put(job.job().id(), job.job());
                JobId id = JobId.maintenance(job.job().id());
                switch (syncOne(id, job.spec(), MaintenanceFire.class)) {
                    case ADDED -> added.add(id.id());
                    case CHANGED -> changed.add(id.id());
                    case UNCHANGED -> unchanged.add(id.id());
                }
            }
            for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(group)))) {
                if (!byId.containsKey(key.getName()) && quartz.deleteJob(key)) {
                    removed.add(key.getName());
                }
            }
            maintenance.keySet().retainAll(byId.keySet());
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not update the maintenance job schedules in the catalog database: " + e.getMessage()
                            + ". Done before the failure: added " + added + ", changed " + changed + ", removed "
                            + removed + "; the other jobs keep their previous schedule. Syncing again"
                            + " finishes the job.",
                    e);
        }
        SyncResult result = new SyncResult(added, changed, removed, unchanged);
        if (result.changedAnything()) {
            log.info(
                    "Maintenance job schedules: added {}, changed {}, removed {}, unchanged {}",
                    added,
                    changed,
                    removed,
                    unchanged.size());
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // Agent jobs

    /** Agent groups and trigger names: what a Quartz group of agent jobs may be called. */
    private static final java.util.regex.Pattern AGENT_GROUP = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    /**
     * Makes the job store's agent jobs of {@code group} match {@code jobs} (job name to its
     * triggers) and runs {@code handler} on this hub when one of them fires here. An agent job is a
     * durable Quartz job ({@link AgentFire}, {@code @DisallowConcurrentExecution}) with one trigger
     * per {@link AgentTrigger}: in a clustered scheduler each fire lands on exactly one hub, and two
     * triggers of one job never run at once on any hub. Jobs are added, triggers whose schedule
     * changed are replaced, triggers and jobs no longer given are removed; the rest is left alone, so
     * a restart keeps next fire times. Idempotent; every hub of a cluster must sync the same jobs.
     * Agent jobs are not runs: they have no run history and are not listed by {@link #describeJobs()}.
     *
     * @param group the Quartz group, e.g. {@code autotune}; never a pipeline or maintenance group
     * @throws SchedulerUnavailableException when the job store cannot be updated; syncing again
     *     finishes the job
     */
    public SyncResult syncAgents(String group, AgentHandler handler, Map<String, List<AgentTrigger>> jobs) {
        requireAgentGroup(group);
        Objects.requireNonNull(handler, "handler");
        agents.put(group, handler);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        try {
            for (Map.Entry<String, List<AgentTrigger>> job : new java.util.TreeMap<>(jobs).entrySet()) {
                switch (syncAgent(group, job.getKey(), job.getValue())) {
                    case ADDED -> added.add(job.getKey());
                    case CHANGED -> changed.add(job.getKey());
                    case UNCHANGED -> unchanged.add(job.getKey());
                }
            }
            for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(group)))) {
                if (!jobs.containsKey(key.getName()) && quartz.deleteJob(key)) {
                    removed.add(key.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not update the " + group + " agent jobs in the catalog database: " + e.getMessage()
                            + ". Done before the failure: added " + added + ", changed " + changed + ", removed "
                            + removed + "; the other jobs keep their previous triggers. Syncing again finishes"
                            + " the job.",
                    e);
        }
        SyncResult result = new SyncResult(added, changed, removed, unchanged);
        if (result.changedAnything()) {
            log.info(
                    "Agent jobs {}: added {}, changed {}, removed {}, unchanged {}",
                    group,
                    added,
                    changed,
                    removed,
                    unchanged.size());
        }
        return result;
    }

    /**
     * Adds or updates one agent job of {@code group} with exactly {@code triggers} (an index created
     * while the hub runs). Returns true when the job store changed.
     *
     * @throws SchedulerUnavailableException when the job store cannot be updated
     */
    public boolean scheduleAgent(String group, String job, List<AgentTrigger> triggers) {
        requireAgentGroup(group);
        try {
            return syncAgent(group, job, triggers) != SyncOutcome.UNCHANGED;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not schedule agent job " + group + "." + job + " in the catalog database: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Removes an agent job and its triggers from the job store (on every hub of a cluster). Returns
     * false when there was no such job.
     *
     * @throws SchedulerUnavailableException when the job store cannot be updated
     */
    public boolean unscheduleAgent(String group, String job) {
        requireAgentGroup(group);
        try {
            return quartz.deleteJob(JobKey.jobKey(job, group));
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not remove agent job " + group + "." + job + " from the catalog database: " + e.getMessage()
                            + ". Its triggers still fire; a fire finds nothing to do.",
                    e);
        }
    }

    /** The agent jobs of {@code group} in the job store: job name to the names of its triggers. */
    public Map<String, List<String>> agentJobs(String group) {
        requireAgentGroup(group);
        try {
            Map<String, List<String>> out = new java.util.TreeMap<>();
            for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
                List<String> triggers = new ArrayList<>();
                for (Trigger t : quartz.getTriggersOfJob(key)) {
                    String name = t.getJobDataMap().getString(AgentFire.TRIGGER);
                    triggers.add(name == null ? t.getKey().getName() : name);
                }
                java.util.Collections.sort(triggers);
                out.put(key.getName(), triggers);
            }
            return out;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not read the " + group + " agent jobs from the catalog database: " + e.getMessage(), e);
        }
    }

    private static void requireAgentGroup(String group) {
        Objects.requireNonNull(group, "group");
        if (!AGENT_GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("Invalid agent group '" + group + "'");
        }
        for (JobKind kind : JobKind.values()) {
            if (kind.quartzGroup().equals(group)) {
                throw new IllegalArgumentException("Quartz group '" + group + "' holds " + kind + " jobs, not agents");
            }
        }
    }

    private SyncOutcome syncAgent(String group, String job, List<AgentTrigger> triggers) throws SchedulerException {
        JobKey key = JobKey.jobKey(Objects.requireNonNull(job, "job"), group);
        boolean newJob = false;
        if (!quartz.checkExists(key)) {
            try {
                quartz.addJob(
                        JobBuilder.newJob(AgentFire.class)
                                .withIdentity(key)
                                .storeDurably()
                                .build(),
                        false);
                newJob = true;
            } catch (ObjectAlreadyExistsException e) {
                // Another hub of the cluster added it a moment ago; that is the same job.
            }
        }
        boolean changed = false;
        Set<TriggerKey> wanted = new HashSet<>();
        for (AgentTrigger t : triggers) {
            TriggerKey triggerKey = TriggerKey.triggerKey(job + "." + t.name(), group);
            if (!wanted.add(triggerKey)) {
                throw new IllegalArgumentException(
                        "Agent job " + group + "." + job + " is given trigger " + t.name() + " twice");
            }
            Trigger current = quartz.getTrigger(triggerKey);
            if (current == null) {
                try {
                    quartz.scheduleJob(agentTrigger(key, triggerKey, t));
                    changed = true;
                } catch (ObjectAlreadyExistsException e) {
                    // Another hub of the cluster scheduled it a moment ago, from the same configuration.
                }
            } else if (!sameAgentSchedule(current, t)) {
                quartz.rescheduleJob(triggerKey, agentTrigger(key, triggerKey, t));
                changed = true;
            }
        }
        for (Trigger t : quartz.getTriggersOfJob(key)) {
            if (!wanted.contains(t.getKey())) {
                quartz.unscheduleJob(t.getKey());
                changed = true;
            }
        }
        if (newJob) {
            return SyncOutcome.ADDED;
        }
        return changed ? SyncOutcome.CHANGED : SyncOutcome.UNCHANGED;
    }

    private static Trigger agentTrigger(JobKey job, TriggerKey key, AgentTrigger t) {
        TriggerBuilder<Trigger> builder =
                TriggerBuilder.newTrigger().withIdentity(key).forJob(job).usingJobData(AgentFire.TRIGGER, t.name());
        if (t.cron() != null) {
            return builder
                    // As for pipelines: a second from now, so the first fire is the first cron time after now.
                    .startAt(new Date(System.currentTimeMillis() + 1000))
                    .withSchedule(CronScheduleBuilder.cronSchedule(t.cron())
                            .inTimeZone(TimeZone.getTimeZone(t.zone()))
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
        }
        long every = t.every().toMillis();
        // The first fire now: a check that starts with the job sees the state it starts from.
        return builder.startNow()
                .withSchedule(org.quartz.SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(every)
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    private static boolean sameAgentSchedule(Trigger current, AgentTrigger t) {
        if (!t.name().equals(current.getJobDataMap().getString(AgentFire.TRIGGER))) {
            return false;
        }
        if (current instanceof CronTrigger cron) {
            return t.cron() != null
                    && cron.getCronExpression().equals(normalizedCron(t.cron()))
                    && cron.getTimeZone().getID().equals(zoneIdOf(t.zone()));
        }
        return current instanceof org.quartz.SimpleTrigger simple
                && t.every() != null
                && simple.getRepeatInterval() == t.every().toMillis();
    }

    /** A fire of an agent job, on a Quartz worker thread: handed to this hub's agent of the group. */
    private void runAgentFire(String group, String job, String trigger, Instant scheduledFor) {
        AgentHandler handler = agents.get(group);
        if (handler == null) {
            log.warn(
                    "Agent job {}.{} ({}) fired on hub {}, which runs no {} agent (turned off in its"
                            + " configuration?); this fire was skipped. Every hub of a cluster must run the same agents.",
                    group,
                    job,
                    trigger,
                    settings.nodeId(),
                    group);
            return;
        }
        try {
            handler.fire(job, trigger, scheduledFor);
        } catch (RuntimeException e) {
            log.warn(
                    "Agent job {}.{} ({}) failed on hub {}: {}",
                    group,
                    job,
                    trigger,
                    settings.nodeId(),
                    e.toString(),
                    e);
        }
    }

    private enum SyncOutcome {
        ADDED,
        CHANGED,
        UNCHANGED
    }

    private SyncOutcome syncOne(JobId job, ScheduleSpec spec, Class<? extends org.quartz.Job> type)
            throws SchedulerException {
        JobKey jobKey = jobKey(job);
        TriggerKey triggerKey = triggerKey(job);
        boolean newJob = false;
        if (!quartz.checkExists(jobKey)) {
            try {
                quartz.addJob(jobDetail(job, type), false);
                newJob = true;
            } catch (ObjectAlreadyExistsException e) {
                // Another hub of the cluster added it a moment ago; that is the same job.
            }
        }
        Trigger current = quartz.getTrigger(triggerKey);
        if (!spec.isScheduled()) {
            if (current != null) {
                quartz.unscheduleJob(triggerKey);
                return SyncOutcome.CHANGED;
            }
            return newJob ? SyncOutcome.ADDED : SyncOutcome.UNCHANGED;
        }
        if (current == null) {
            try {
                quartz.scheduleJob(cronTrigger(job, spec));
                return newJob ? SyncOutcome.ADDED : SyncOutcome.CHANGED;
            } catch (ObjectAlreadyExistsException e) {
                current = quartz.getTrigger(triggerKey);
                if (current == null) {
                    throw e;
                }
            }
        }
        if (sameSchedule(current, spec)) {
            return newJob ? SyncOutcome.ADDED : SyncOutcome.UNCHANGED;
        }
        boolean paused = quartz.getTriggerState(triggerKey) == Trigger.TriggerState.PAUSED;
        // Quartz stores a replacing trigger as WAITING; re-pausing straight after keeps the user's pause
        // (a fire due in that instant could slip through, which a paused-and-edited schedule can bear).
        quartz.rescheduleJob(triggerKey, cronTrigger(job, spec));
        if (paused) {
            quartz.pauseTrigger(triggerKey);
        }
        return SyncOutcome.CHANGED;
    }

    /** Starts firing triggers, first releasing claims left RUNNING by hubs that are gone. */
    public void start() {
        ensureOpen();
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("Could not start the pipeline scheduler: " + e.getMessage(), e);
        }
        // After start: a clustered hub has checked in by now, so the liveness check sees it.
        flight.releaseStaleClaims();
        log.info(
                "Pipeline scheduler started on hub {} ({}, {} worker threads)",
                settings.nodeId(),
                settings.clustered() ? "clustered" : "single hub",
                settings.threadCount());
    }

    /**
     * Starts a run now on this hub, in the background, and returns it at once: RUNNING with its id,
     * or SKIPPED when another run of the pipeline is in progress on any hub. Paused schedules do not
     * stop on-demand runs.
     *
     * @throws UnknownPipelineException when no pipeline has this id
     */
    public PipelineRun runNow(String pipelineId, TriggerKind kind) {
        return runNow(pipelineJob(pipelineId), kind);
    }

    /**
     * Starts a run of the job now on this hub, in the background, and returns it at once: RUNNING
     * with its id, or SKIPPED when another run of the job is in progress on any hub.
     *
     * @throws UnknownJobException when no job of that kind has this id ({@link
     *     UnknownPipelineException} for a pipeline)
     */
    public PipelineRun runNow(JobId job, TriggerKind kind) {
        Objects.requireNonNull(kind, "kind");
        requireKnown(job);
        PipelineRun claimed = flight.claim(job, kind, null);
        if (claimed.status() != RunStatus.RUNNING) {
            return claimed;
        }
        try {
            onDemand.execute(() -> flight.execute(claimed, () -> work(claimed)));
        } catch (RejectedExecutionException e) {
            return flight.execute(
                    claimed, () -> RunOutcome.failed(0, "The hub was stopping; the run was not started."));
        }
        return claimed;
    }

    /**
     * Runs {@code work} as a run of the pipeline on the calling thread, under the same single-flight
     * claim as every other run, and returns the finished (or SKIPPED) run. For runs driven from
     * outside the scheduler, such as a file arriving at the pipeline's file endpoint.
     *
     * @throws UnknownPipelineException when no pipeline has this id
     */
    public PipelineRun runExclusively(String pipelineId, TriggerKind kind, Callable<RunOutcome> work) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(work, "work");
        JobId job = pipelineJob(pipelineId);
        requireKnown(job);
        PipelineRun claimed = flight.claim(job, kind, null);
        if (claimed.status() != RunStatus.RUNNING) {
            return claimed;
        }
        return flight.execute(claimed, work);
    }

    /**
     * Runs the job on the calling thread, under its single-flight claim, and returns the finished
     * (or SKIPPED) run: {@code ./lakehub job run ID} on a home no hub holds.
     *
     * @throws UnknownJobException when no job of that kind has this id
     */
    public PipelineRun runHere(JobId job, TriggerKind kind) {
        Objects.requireNonNull(kind, "kind");
        requireKnown(job);
        PipelineRun claimed = flight.claim(job, kind, null);
        if (claimed.status() != RunStatus.RUNNING) {
            return claimed;
        }
        return flight.execute(claimed, () -> work(claimed));
    }

    /** A cron fire, for the time the trigger was due, on a Quartz worker thread. */
    private void runCronFire(JobId job, Instant scheduledFor) {
        PipelineRun claimed = flight.claim(job, TriggerKind.CRON, scheduledFor);
        if (claimed.status() == RunStatus.RUNNING) {
            flight.execute(claimed, () -> work(claimed));
        }
    }

    /** What a claimed run does: the pipeline runner, or the maintenance job registered on this hub. */
    private RunOutcome work(PipelineRun claimed) throws Exception {
        if (claimed.kind() == JobKind.PIPELINE) {
            return runner.run(claimed.pipeline(), claimed.trigger());
        }
        MaintenanceJob job = maintenance.get(claimed.pipeline());
        if (job == null) {
            return RunOutcome.failed(
                    0,
                    "Maintenance job '" + claimed.pipeline() + "' is scheduled in the catalog database but not"
                            + " registered on hub " + settings.nodeId() + " (is it disabled in this hub's"
                            + " configuration?); every hub of a cluster must have the same maintenance jobs.");
        }
        JobId id = claimed.job();
        ProgressMeter meter =
                new ProgressMeter(clock, claimed.startedAt() == null ? clock.instant() : claimed.startedAt());
        inProgress.put(id, meter);
        JobOutcome outcome;
        try {
            outcome = job.run(
                    new JobContext(claimed.id(), claimed.trigger(), claimed.node(), claimed.scheduledFor(), meter));
        } finally {
            inProgress.remove(id, meter);
        }
        if (outcome == null) {
            return RunOutcome.failed(0, "Maintenance job '" + job.id() + "' reported no outcome; see the hub's log.");
        }
        return outcome.toRunOutcome();
    }

    /**
     * Pauses the pipeline's schedule on every hub until {@link #resume}; the pause is stored in the
     * job store and survives restarts. Returns false when the pipeline has no schedule to pause.
     *
     * @throws UnknownPipelineException when no pipeline has this id
     */
    public boolean pause(String pipelineId) {
        return pause(pipelineJob(pipelineId));
    }

    /** Pauses the job's schedule on every hub, as {@link #pause(String)} does for a pipeline. */
    public boolean pause(JobId job) {
        requireKnown(job);
        try {
            TriggerKey key = triggerKey(job);
            if (!quartz.checkExists(key)) {
                return false;
            }
            quartz.pauseTrigger(key);
            log.info("{}: schedule paused", job);
            return true;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not pause " + job + ": " + e.getMessage() + ". Its schedule is unchanged.", e);
        }
    }

    /**
     * Resumes a paused schedule; fire times missed while paused are handled by the pipeline's misfire
     * policy. Returns false when the pipeline has no schedule.
     *
     * @throws UnknownPipelineException when no pipeline has this id
     */
    public boolean resume(String pipelineId) {
        return resume(pipelineJob(pipelineId));
    }

    /** Resumes the job's paused schedule, as {@link #resume(String)} does for a pipeline. */
    public boolean resume(JobId job) {
        requireKnown(job);
        try {
            TriggerKey key = triggerKey(job);
            if (!quartz.checkExists(key)) {
                return false;
            }
            quartz.resumeTrigger(key);
            log.info("{}: schedule resumed", job);
            return true;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not resume " + job + ": " + e.getMessage() + ". Its schedule is unchanged.", e);
        }
    }

    /** Every known pipeline, by id: cron, timezone, pause state, next fire times and last run. */
    public List<PipelineSchedule> describe() {
        try {
            Map<String, PipelineRun> lastRuns = history.lastRuns();
            List<PipelineSchedule> result = new ArrayList<>();
            for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)))) {
                result.add(describe(key.getName(), Optional.ofNullable(lastRuns.get(key.getName()))));
            }
            return result;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not read the pipeline schedules from the catalog database: " + e.getMessage(), e);
        }
    }

    /** One pipeline as {@link #describe()} shows it; empty when no pipeline has this id. */
    public Optional<PipelineSchedule> describe(String pipelineId) {
        try {
            if (!JobId.ID.matcher(pipelineId).matches() || !quartz.checkExists(jobKey(JobId.pipeline(pipelineId)))) {
                return Optional.empty();
            }
            return Optional.of(describe(pipelineId, history.lastRun(pipelineId)));
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not read the schedule of pipeline '" + pipelineId + "': " + e.getMessage(), e);
        }
    }

    private PipelineSchedule describe(String pipelineId, Optional<PipelineRun> lastRun) throws SchedulerException {
        return describe(JobId.pipeline(pipelineId), lastRun).toPipelineSchedule();
    }

    private JobSchedule describe(JobId job, Optional<PipelineRun> lastRun) throws SchedulerException {
        String description = job.kind() == JobKind.MAINTENANCE && maintenance.containsKey(job.id())
                ? maintenance.get(job.id()).describe()
                : null;
        TriggerKey key = triggerKey(job);
        Trigger trigger = quartz.getTrigger(key);
        if (!(trigger instanceof CronTrigger cron)) {
            return new JobSchedule(job, description, null, null, null, false, List.of(), lastRun);
        }
        boolean paused = quartz.getTriggerState(key) == Trigger.TriggerState.PAUSED;
        List<Instant> next = new ArrayList<>();
        Date at = paused ? null : cron.getNextFireTime();
        while (at != null && next.size() < NEXT_FIRE_TIMES) {
            next.add(at.toInstant());
            at = cron.getFireTimeAfter(at);
        }
        return new JobSchedule(
                job,
                description,
                cron.getCronExpression(),
                cron.getTimeZone().toZoneId(),
                MisfirePolicy.fromQuartz(cron.getMisfireInstruction()),
                paused,
                next,
                lastRun);
    }

    /**
     * Every job in the job store: the pipelines, then the maintenance jobs, each by id, with cron,
     * zone, pause state, next fire times and last run.
     */
    public List<JobSchedule> describeJobs() {
        try {
            List<JobSchedule> result = new ArrayList<>();
            for (JobKind kind : JobKind.values()) {
                Map<String, PipelineRun> lastRuns = history.lastRuns(kind);
                for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(kind.quartzGroup())))) {
                    result.add(
                            describe(new JobId(kind, key.getName()), Optional.ofNullable(lastRuns.get(key.getName()))));
                }
            }
            return result;
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not read the job schedules from the catalog database: " + e.getMessage(), e);
        }
    }

    /** One job as {@link #describeJobs()} shows it; empty when the job store has no such job. */
    public Optional<JobSchedule> describe(JobId job) {
        try {
            if (!quartz.checkExists(jobKey(job))) {
                return Optional.empty();
            }
            return Optional.of(describe(job, history.lastRun(job)));
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("Could not read the schedule of " + job + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a listener that hears every run this hub ends or skips from now on (pipelines and
     * maintenance jobs): the hub's metrics.
     */
    public void addRunListener(RunListener listener) {
        flight.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * How far the job's run in progress on this hub has got, as the job reported it through {@link
     * JobContext#progress()}; empty when no run of the job is in progress here (a run on another hub
     * of a cluster shows no progress) or the job has reported nothing yet.
     */
    public Optional<ProgressReport> progress(JobId job) {
        ProgressMeter meter = inProgress.get(Objects.requireNonNull(job, "job"));
        if (meter == null) {
            return Optional.empty();
        }
        ProgressReport report = meter.report();
        return report.unit() == null && report.done() == 0 ? Optional.empty() : Optional.of(report);
    }

    /** Runs this hub is executing right now (pipelines and maintenance jobs). */
    public int activeRuns() {
        return flight.activeRuns();
    }

    /** The run history this scheduler records into. */
    public RunHistory history() {
        return history;
    }

    /** This hub's Quartz instance id, recorded as the node of its runs. */
    public String nodeId() {
        return settings.nodeId();
    }

    /** Whether several hubs share this scheduler's database ({@link SchedulerSettings#clustered()}). */
    public boolean clustered() {
        return settings.clustered();
    }

    public boolean isStarted() {
        try {
            return !closed && quartz.isStarted() && !quartz.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops firing, waits for the runs in progress on this hub to finish and record their outcome,
     * then shuts Quartz down. Runs are not interrupted: a pipeline mid-commit finishes its commit.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            quartz.standby();
        } catch (SchedulerException e) {
            log.warn("Could not put the pipeline scheduler in standby; shutting it down directly", e);
        }
        onDemand.shutdown();
        boolean interrupted = false;
        try {
            while (!onDemand.awaitTermination(30, TimeUnit.SECONDS)) {
                log.info("Waiting for {} pipeline run(s) on this hub to finish", flight.activeRuns());
            }
        } catch (InterruptedException e) {
            interrupted = true;
            log.warn("Interrupted while waiting for pipeline runs; they are left to finish on their own");
        }
        shutdownQuietly(quartz);
        shield.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireKnown(JobId job) {
        ensureOpen();
        Objects.requireNonNull(job, "job");
        try {
            if (job.kind() == JobKind.PIPELINE && !quartz.checkExists(jobKey(job))) {
                throw new UnknownPipelineException("There is no pipeline '" + job.id()
                        + "'; nothing was run or changed. Configured pipelines: " + knownIds(job.kind()) + ".");
            }
            if (job.kind() == JobKind.MAINTENANCE
                    && (!maintenance.containsKey(job.id()) || !quartz.checkExists(jobKey(job)))) {
                throw new UnknownJobException("There is no maintenance job '" + job.id()
                        + "' on this hub (unknown, or disabled in its configuration); nothing was run or changed."
                        + " Maintenance jobs: " + knownIds(job.kind()) + ".");
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not look up " + job + " in the catalog database: " + e.getMessage()
                            + ". Nothing was run or changed.",
                    e);
        }
    }

    /** The pipeline's job; an id no pipeline could have is an unknown pipeline, as it always was. */
    private JobId pipelineJob(String pipelineId) {
        ensureOpen();
        Objects.requireNonNull(pipelineId, "pipelineId");
        if (!JobId.ID.matcher(pipelineId).matches()) {
            throw new UnknownPipelineException(
                    "There is no pipeline '" + pipelineId + "' (not a valid pipeline id); nothing was run or changed.");
        }
        return JobId.pipeline(pipelineId);
    }

    private List<String> knownIds(JobKind kind) throws SchedulerException {
        List<String> ids = new ArrayList<>();
        for (JobKey key : new TreeSet<>(quartz.getJobKeys(GroupMatcher.jobGroupEquals(kind.quartzGroup())))) {
            ids.add(key.getName());
        }
        return ids;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The pipeline scheduler is closed");
        }
    }

    private static JobKey jobKey(JobId job) {
        return JobKey.jobKey(job.id(), job.kind().quartzGroup());
    }

    private static TriggerKey triggerKey(JobId job) {
        return TriggerKey.triggerKey(job.id(), job.kind().quartzGroup());
    }

    private static JobDetail jobDetail(JobId job, Class<? extends org.quartz.Job> type) {
        // Durable: a pipeline without a cron still has its job, so it is known for on-demand runs.
        return JobBuilder.newJob(type).withIdentity(jobKey(job)).storeDurably().build();
    }

    private static CronTrigger cronTrigger(JobId job, ScheduleSpec spec) {
        CronScheduleBuilder schedule =
                CronScheduleBuilder.cronSchedule(spec.cron()).inTimeZone(TimeZone.getTimeZone(spec.timezone()));
        schedule = switch (spec.misfire()) {
            case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionFireAndProceed();
            case SKIP -> schedule.withMisfireHandlingInstructionDoNothing();
            case FIRE_ALL -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
        };
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(job))
                .forJob(jobKey(job))
                // Quartz looks for the first fire time from one second before the start time, so a trigger
                // starting now could get a fire time already past and fire at once; starting a second later
                // makes the first fire the first cron time after now.
                .startAt(new Date(System.currentTimeMillis() + 1000))
                .withSchedule(schedule)
                .build();
    }

    private static boolean sameSchedule(Trigger current, ScheduleSpec spec) {
        if (!(current instanceof CronTrigger cron)) {
            return false;
        }
        return cron.getCronExpression().equals(normalizedCron(spec.cron()))
                && cron.getTimeZone().getID().equals(zoneIdOf(spec.timezone()))
                && cron.getMisfireInstruction() == spec.misfire().quartzInstruction();
    }

    /** Quartz stores the expression as its parser saw it (upper case); compare like with like. */
    private static String normalizedCron(String cron) {
        try {
            return new CronExpression(cron).getCronExpression();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // validated by ScheduleSpec
        }
    }

    private static String zoneIdOf(ZoneId zone) {
        return TimeZone.getTimeZone(zone).getID();
    }

    private static Scheduler newQuartz(
            DataSource dataSource, InterruptShield shield, Dialect dialect, SchedulerSettings settings) {
        // Quartz finds connections by data source name in a JVM-wide registry; a fresh name per scheduler
        // keeps two schedulers in one JVM (tests, or two hubs embedded) apart.
        String dataSourceName = "lakehub-" + UUID.randomUUID();
        DBConnectionManager.getInstance()
                .addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource, shield));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.schedulerName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, settings.nodeId());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(
                StdSchedulerFactory.PROP_SCHED_IDLE_WAIT_TIME,
                Long.toString(settings.idleWaitTime().toMillis()));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INTERRUPT_JOBS_ON_SHUTDOWN, "false");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threadCount()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "lakehub-cron");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.quartzDelegate());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // Job data as string properties, never Java-serialized objects in the database.
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_USE_PROP, "true");
        p.setProperty(
                "org.quartz.jobStore.misfireThreshold",
                Long.toString(settings.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(settings.clustered()));
        p.setProperty(
                "org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.clusterCheckinInterval().toMillis()));
        // Acquire triggers under the TRIGGER_ACCESS row lock: with several hubs, one acquisition at a time.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            // Quartz binds every scheduler in a JVM-wide repository by name and hands out the bound one to the
            // next factory asking for that name; unbinding at once lets two hubs of one cluster (same name)
            // live in one JVM, as Spring's SchedulerFactoryBean does.
            SchedulerRepository repository = SchedulerRepository.getInstance();
            synchronized (repository) {
                Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
                repository.remove(scheduler.getSchedulerName());
                return scheduler;
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException(
                    "Could not create the Quartz scheduler on the catalog database: " + e.getMessage()
                            + ". No schedule was started.",
                    e);
        }
    }

    private static void shutdownQuietly(Scheduler scheduler) {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Could not shut the Quartz scheduler down cleanly", e);
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
