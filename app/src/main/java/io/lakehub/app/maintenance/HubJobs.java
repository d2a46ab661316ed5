package io.lakehub.app.maintenance;

import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.hub.JobOperations;
import io.lakehub.schedules.JobId;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.JobSchedule;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.MaintenanceSchedule;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.UnknownJobException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's jobs: the maintenance jobs registered as beans ({@link MaintenanceJobs}), scheduled on
 * the pipelines' scheduler (same Quartz job store, same run history), and the pipelines beside
 * them. Built once the scheduler exists and before it starts, so the first fires find the jobs.
 */
public final class HubJobs implements JobOperations {
    private static final Logger LOG = LoggerFactory.getLogger(HubJobs.class);

    private final PipelineScheduler scheduler;
    private final Predicate<String> pipelineExists;
    private final Function<String, PipelineRun> runPipelineHere;
    /** Every registered job by id, enabled or not. */
    private final Map<String, MaintenanceJob> registered = new LinkedHashMap<>();
    /** Ids of the registered jobs the configuration turned off. */
    private final List<String> disabled = new ArrayList<>();
    /** The ingests in progress in this process: a running pipeline's progress. */
    private volatile io.lakehub.app.progress.IngestsInProgress ingests;

    /**
     * Syncs the enabled maintenance jobs into the scheduler's job store (removing disabled ones).
     *
     * @param pipelineExists whether a pipeline of this id is configured
     * @param runPipelineHere runs the pipeline of this id once on the calling thread (manual
     *     trigger) and returns the finished or SKIPPED run
     * @throws IllegalStateException naming the setting at fault (an invalid cron, a job id given
     *     twice, the retired {@code lakehub.orphans.sweep-interval}); nothing was scheduled
     */
    public HubJobs(
            PipelineScheduler scheduler,
            Predicate<String> pipelineExists,
            Function<String, PipelineRun> runPipelineHere,
            List<MaintenanceJob> jobs,
            LakehubProperties properties) {
        this.scheduler = scheduler;
        this.pipelineExists = pipelineExists;
        this.runPipelineHere = runPipelineHere;
        List<MaintenanceSchedule> schedules = new ArrayList<>();
        for (MaintenanceJob job : jobs) {
            if (registered.put(job.id(), job) != null) {
                throw new IllegalStateException("Two maintenance job beans have the id '" + job.id()
                        + "'; each job needs its own id. No maintenance job was scheduled.");
            }
            Optional<LakehubProperties.JobSettings> settings = properties.maintenanceJob(job.id());
            if (settings.isPresent() && !settings.get().isEnabled()) {
                disabled.add(job.id());
                continue;
            }
            String cron =
                    settings.map(LakehubProperties.JobSettings::getSchedule).orElse(null);
            try {
                schedules.add(new MaintenanceSchedule(job, cron, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "lakehub.maintenance." + job.id() + ".schedule: " + e.getMessage()
                                + ". No maintenance job was scheduled.",
                        e);
            }
        }
        scheduler.syncMaintenance(schedules);
        LOG.info(
                "Maintenance jobs: {}{}",
                schedules.stream()
                        .map(s -> s.job().id() + " (" + s.cron() + ")")
                        .toList(),
                disabled.isEmpty() ? "" : "; disabled " + disabled);
    }

    /**
     * Shows a running pipeline's progress from the ingests in progress in this process (the file or
     * database poll its run reads now).
     */
    public HubJobs withIngests(io.lakehub.app.progress.IngestsInProgress ingests) {
        this.ingests = ingests;
        return this;
    }

    /** Every job: pipelines, then maintenance jobs (the disabled ones marked so), each by id. */
    @Override
    public List<JobDocument> jobs() {
        List<JobDocument> result = new ArrayList<>();
        for (JobSchedule s : scheduler.describeJobs()) {
            result.add(JobDocument.of(s, progressOf(s)));
        }
        for (String id : disabled) {
            result.add(JobDocument.disabled(
                    id,
                    registered.get(id).describe(),
                    scheduler
                            .history()
                            .lastRun(JobId.maintenance(id))
                            .map(RunDocument::of)
                            .orElse(null)));
        }
        result.sort(java.util.Comparator.comparing(JobDocument::kind).reversed().thenComparing(JobDocument::id));
        return result;
    }

    /**
     * The progress of the job's run in progress on this hub; null when its last run is not running
     * (the progress read may belong to a run that started after the last run was read) or the job
     * reported none.
     */
    private ProgressDocument progressOf(JobSchedule s) {
        if (s.lastRun().map(r -> r.status() != RunStatus.RUNNING).orElse(true)) {
            return null;
        }
        if (s.job().kind() == JobKind.PIPELINE) {
            io.lakehub.app.progress.IngestsInProgress i = ingests;
            return i == null ? null : i.ofPipeline(s.job().id()).orElse(null);
        }
        return scheduler.progress(s.job()).map(ProgressDocument::of).orElse(null);
    }

    /**
     * Which job {@code id} means: a maintenance job or a pipeline, as {@code kind} says, or either
     * when {@code kind} is null and only one kind has the id.
     *
     * @param kind {@code maintenance}, {@code pipeline} or null
     * @throws UnknownJobException when no job has the id (or it is a disabled maintenance job)
     * @throws InvalidRequestException for an unknown kind, or an id both kinds have without a kind
     */
    public JobId resolve(String id, String kind) {
        JobKind wanted = kindOf(kind);
        boolean maintenance = registered.containsKey(id) && !disabled.contains(id);
        boolean pipeline = pipelineExists.test(id);
        if (wanted == JobKind.MAINTENANCE || (wanted == null && maintenance && !pipeline)) {
            if (!maintenance) {
                throw unknownMaintenance(id);
            }
            return JobId.maintenance(id);
        }
        if (wanted == JobKind.PIPELINE || (wanted == null && pipeline && !maintenance)) {
            if (!pipeline) {
                throw new UnknownJobException("There is no pipeline '" + id + "'; nothing was run.");
            }
            return JobId.pipeline(id);
        }
        if (maintenance) {
            throw new InvalidRequestException("Both a pipeline and a maintenance job are called '" + id
                    + "'; say which with kind=pipeline or kind=maintenance. Nothing was run.");
        }
        throw unknownMaintenance(id);
    }

    private UnknownJobException unknownMaintenance(String id) {
        if (disabled.contains(id)) {
            return new UnknownJobException("Maintenance job '" + id + "' is disabled (lakehub.maintenance." + id
                    + ".enabled=false); nothing was run.");
        }
        return new UnknownJobException("There is no job '" + id + "'; nothing was run. Maintenance jobs: "
                + registered.keySet() + " (disabled: " + disabled + "); pipelines are listed by GET /api/jobs.");
    }

    private static JobKind kindOf(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return JobKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Unknown job kind '" + kind + "': pipeline or maintenance.", e);
        }
    }

    /** Starts a maintenance job's run in the background: RUNNING with its id, or SKIPPED. */
    public PipelineRun runNow(JobId job) {
        return scheduler.runNow(job, TriggerKind.MANUAL);
    }

    /** Runs a job of either kind on the calling thread and returns the finished (or SKIPPED) run. */
    public PipelineRun runHere(JobId job) {
        return job.kind() == JobKind.PIPELINE
                ? runPipelineHere.apply(job.id())
                : scheduler.runHere(job, TriggerKind.MANUAL);
    }

    @Override
    public RunDocument runJob(String id, String kind) {
        return RunDocument.of(runHere(resolve(id, kind)));
    }

    /** The registered maintenance jobs by id, enabled or not. */
    public Map<String, MaintenanceJob> registered() {
        return java.util.Collections.unmodifiableMap(registered);
    }
}
