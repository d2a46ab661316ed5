package io.lakehub.app.pipelines;

import com.zaxxer.hikari.HikariDataSource;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.routes.component.LakehubConstants;
import io.lakehub.routes.pipelines.PipelineHost;
import io.lakehub.routes.pipelines.PipelineRoute;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.PipelineSchedule;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.schedules.RunOutcome;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.ScheduleSpec;
import io.lakehub.schedules.SchedulerSettings;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.UnknownPipelineException;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigException;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import io.lakehub.schedules.pipeline.WriteMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured pipelines in the running hub: their definitions, the scheduler (Quartz job store
 * and run history in the catalog database), and how a run executes through Camel.
 *
 * <p>A run of a scheduled pipeline, or an on-demand run (manual, webhook), drains the pipeline's
 * source with a {@link ConsumerTemplate}: every exchange the source has right now is sent to the
 * pipeline's ingest route ({@code lakehub:<into>}) and its rows summed, so for a polling source
 * such as a folder the cron decides when it is scanned. The drain stops at the first failure, so
 * that a file the source rolls back is not read again and again within one run.
 */
public final class HubPipelines implements AutoCloseable, PipelineHost {
    private static final Logger LOG = LoggerFactory.getLogger(HubPipelines.class);
    /** Upper bound of exchanges one run drains; the rest wait for the next run. */
    private static final int MAX_EXCHANGES_PER_RUN = 100_000;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private volatile PipelineConfig config;
    private final CamelContext camel;
    private final AuditJournal audit;
    private final HikariDataSource dataSource;
    private final PipelineScheduler scheduler;
    private volatile ProducerTemplate producer;
    private volatile ConsumerTemplate consumer;
    private final io.lakehub.app.config.BrokerProperties brokerSettings;
    private final java.nio.file.Path spoolDirectory;
    private volatile io.lakehub.app.brokers.GroupCommitMessageCommitter messageCommitter;
    private volatile io.lakehub.catalog.Catalog catalog;
    /** Records broker outages in the run history (ADR 0032); from {@link #start()}. */
    private volatile io.lakehub.app.brokers.BrokerOutageWatch outages;

    /**
     * Checks the configuration against what the hub can run and against Camel (every endpoint must
     * resolve), migrates the scheduler's tables and syncs the schedules. Nothing fires until {@link
     * #start()}.
     *
     * @throws PipelineConfigException listing every problem; nothing was scheduled
     */
    public HubPipelines(LakehubProperties properties, PipelineConfig config, CamelContext camel) {
        this(properties, config, camel, null);
    }

    /**
     * @param audit where configuration changes are recorded ({@code config.change}, {@code
     *     config.refused}); null records nothing (a one-shot command)
     */
    /** The PII scan and policies of every ingest; the pipelines' blocks are set on load and reload. */
    private final io.lakehub.processors.governance.PiiGovernance pii;

    public HubPipelines(LakehubProperties properties, PipelineConfig config, CamelContext camel, AuditJournal audit) {
        this(properties, config, camel, audit, null);
    }

    /**
     * @param catalog the hub's catalog, known before the checks so that a column PII policy of a
     *     pipeline whose dataset exists is checked against the dataset's columns; null skips that
     *     check (the policy is then checked when the source is first read)
     */
    public HubPipelines(
            LakehubProperties properties,
            PipelineConfig config,
            CamelContext camel,
            AuditJournal audit,
            io.lakehub.catalog.Catalog catalog) {
        this.catalog = catalog;
        this.config = config;
        this.camel = camel;
        this.audit = audit;
        this.brokerSettings = properties.getBrokers();
        this.spoolDirectory = properties.homePath().resolve("tmp");
        this.pii = properties.getPii().governance();
        List<ConfigProblem> problems = problems(config, camel);
        problems.addAll(io.lakehub.app.governance.PiiPipelines.apply(pii, config, this::datasetSchema));
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        LakehubProperties.Scheduler s = properties.getScheduler();
        SchedulerSettings settings = SchedulerSettings.defaults()
                .withClustered(s.isClustered())
                .withThreadCount(s.getThreads())
                .withMisfireThreshold(s.getMisfireThreshold());
        this.dataSource = SchedulerDataSource.open(properties, settings.threadCount());
        try {
            this.scheduler = PipelineScheduler.create(dataSource, settings, this::run);
            try {
                scheduler.sync(specs(config));
            } catch (RuntimeException e) {
                scheduler.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        LOG.info("{} pipeline(s) from {}: {}", config.pipelines().size(), config.file(), config.pipelines());
    }

    /** The current columns of dataset {@code name}; empty when it does not exist or the catalog cannot say now. */
    private Optional<io.lakehub.catalog.schema.LakeSchema> datasetSchema(String name) {
        io.lakehub.catalog.Catalog c = catalog;
        if (c == null || !io.lakehub.catalog.DatasetName.isValid(name)) {
            return Optional.empty();
        }
        try {
            return c.dataset(io.lakehub.catalog.DatasetName.of(name))
                    .map(io.lakehub.catalog.commit.DatasetInfo::schema);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Dataset {}: its columns cannot be checked against the PII policies now: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    private static List<ConfigProblem> problems(PipelineConfig config, CamelContext camel) {
        List<ConfigProblem> problems = new ArrayList<>(PipelineChecks.problems(config));
        problems.addAll(unresolvableEndpoints(config, camel));
        return problems;
    }

    /**
     * Applies a changed configuration file while the hub runs. A file with problems changes
     * nothing: the problems are logged (they never contain secrets) and audited as {@code
     * config.refused}. A valid one replaces the Camel routes of the pipelines whose definition
     * changed (others keep running untouched), removes those no longer configured, adds new ones,
     * resyncs the schedules, and is audited as {@code config.change} with the pipeline ids and the
     * keys that changed.
     *
     * @return what changed; empty when the file was refused or nothing changed
     */
    public synchronized Optional<PipelineChanges> reload(java.util.function.Supplier<PipelineConfig> loader) {
        PipelineConfig next;
        List<ConfigProblem> problems;
        try {
            next = loader.get();
            problems = problems(next, camel);
            if (problems.isEmpty()) {
                problems.addAll(io.lakehub.app.governance.PiiPipelines.apply(pii, next, this::datasetSchema));
            }
        } catch (PipelineConfigException e) {
            next = null;
            problems = e.problems();
        }
        if (!problems.isEmpty()) {
            LOG.warn(
                    "The changed pipeline configuration was refused; the pipelines keep running as before:\n{}",
                    problems.stream().map(ConfigProblem::toString).collect(java.util.stream.Collectors.joining("\n")));
            record(
                    "config.refused",
                    java.util.Map.of(
                            "file",
                            config.file(),
                            "problems",
                            problems.stream().map(ConfigProblem::toString).toList()));
            return Optional.empty();
        }
        PipelineChanges changes = PipelineChanges.between(config, next);
        if (changes.isEmpty()) {
            config = next;
            return Optional.empty();
        }
        PipelineConfig previous = config;
        try {
            for (String id : changes.replacedOrRemoved()) {
                removeRoutes(id);
            }
            List<PipelineDefinition> fresh = next.pipelines().stream()
                    .filter(p -> changes.added().contains(p.id())
                            || changes.changed().containsKey(p.id()))
                    .toList();
            camel.addRoutes(new PipelineRoute(this, fresh, true));
            scheduler.sync(specs(next));
            config = next;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException(
                    "Could not apply the changed pipeline configuration (" + changes + "): " + e.getMessage()
                            + "; the previous pipelines were put back",
                    e);
            restore(previous, changes, failure);
            throw failure;
        }
        warnAboutKeptSlots(previous, next);
        LOG.info(
                "Pipeline configuration changed: added {}, changed {}, removed {}",
                changes.added(),
                changes.changed(),
                changes.removed());
        record(
                "config.change",
                java.util.Map.of(
                        "file", next.file(),
                        "added", changes.added(),
                        "changed", changes.changed(),
                        "removed", changes.removed()));
        return Optional.of(changes);
    }

    /**
     * A removed change-data-capture pipeline (or one that moved to another slot) leaves its
     * replication slot in PostgreSQL: kept, so that putting the pipeline back resumes where it stopped
     * and no change is lost, but it holds WAL until it is dropped. Says so, with the command (ADR 0025).
     */
    private static void warnAboutKeptSlots(PipelineConfig previous, PipelineConfig next) {
        for (PipelineDefinition old : previous.pipelines()) {
            if (old.cdcSource().isEmpty()) {
                continue;
            }
            CdcSourceSpec spec = old.cdcSource().get();
            boolean stillUsed = next.pipelines().stream()
                    .anyMatch(p -> p.cdcSource()
                            .map(c -> c.slot().equals(spec.slot()) && c.url().equals(spec.url()))
                            .orElse(false));
            if (!stillUsed) {
                LOG.warn(
                        "Pipeline {} no longer captures {}; its replication slot '{}' is kept so that it can resume"
                                + " without losing a change, and PostgreSQL keeps the WAL it has not confirmed. If the"
                                + " pipeline is gone for good, drop the slot: SELECT pg_drop_replication_slot('{}');"
                                + " (and the publication '{}' if the hub created it)",
                        old.id(),
                        spec.describe(),
                        spec.slot(),
                        spec.slot(),
                        spec.publication());
            }
        }
    }

    /**
     * Puts the routes and schedules of {@code previous} back after a failed reload, so a pipeline
     * never silently stops because its new definition could not start.
     */
    private void restore(PipelineConfig previous, PipelineChanges changes, Exception failure) {
        try {
            for (PipelineDefinition p : replacedOrRemoved(changes, previous)) {
                removeRoutes(p.id());
            }
            for (String id : changes.added()) {
                removeRoutes(id);
            }
            camel.addRoutes(new PipelineRoute(this, replacedOrRemoved(changes, previous), true));
            scheduler.sync(specs(previous));
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** The previous definitions of the pipelines a reload replaced or removed. */
    private static List<PipelineDefinition> replacedOrRemoved(PipelineChanges changes, PipelineConfig previous) {
        return previous.pipelines().stream()
                .filter(p -> changes.replacedOrRemoved().contains(p.id()))
                .toList();
    }

    private void removeRoutes(String pipelineId) throws Exception {
        removeRoute(PipelineRoute.sourceRouteId(pipelineId));
        removeRoute(PipelineRoute.ingestRouteId(pipelineId));
        if (messageCommitter != null) {
            messageCommitter.stop(pipelineId);
        }
    }

    private void removeRoute(String routeId) throws Exception {
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    private void record(String action, Object details) {
        if (audit == null) {
            return;
        }
        try {
            audit.append(
                    new AuditEntry("pipelines", action, "config:" + config.file(), JSON.writeValueAsString(details)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the audit details of " + action, e);
        }
    }

    static List<ScheduleSpec> specs(PipelineConfig config) {
        return config.pipelines().stream()
                .map(p -> new ScheduleSpec(p.id(), p.schedule(), p.timezone(), p.isScheduled() ? p.misfire() : null))
                .toList();
    }

    private static List<ConfigProblem> unresolvableEndpoints(PipelineConfig config, CamelContext camel) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.pipelines().size(); i++) {
            PipelineDefinition p = config.pipelines().get(i);
            String path = "lakehub.pipelines[" + i + "]";
            if (!p.isWebhookSource()) {
                check(camel, p, path + ".from", p.from().resolved(), p.from().display(), problems);
            }
            if (p.onError().deadLetter() != null) {
                check(
                        camel,
                        p,
                        path + ".onError.deadLetter",
                        p.onError().deadLetter().resolved(),
                        p.onError().deadLetter().display(),
                        problems);
            }
        }
        return problems;
    }

    private static void check(
            CamelContext camel,
            PipelineDefinition p,
            String keyPath,
            String uri,
            String shown,
            List<ConfigProblem> problems) {
        try {
            camel.getEndpoint(uri);
        } catch (RuntimeException e) {
            // Camel's message quotes the resolved URI, which may hold a password: name the URI as written.
            problems.add(PipelineChecks.at(
                    p,
                    keyPath,
                    "Camel cannot use the endpoint " + shown + " ("
                            + e.getClass().getSimpleName()
                            + "; is the component's starter on the class path and are its options right?)."
                            + " Nothing was started."));
        }
    }

    /** The scheduler the pipelines run on; maintenance jobs are scheduled on it too. */
    public PipelineScheduler scheduler() {
        return scheduler;
    }

    /** Starts firing schedules; call once Camel runs. */
    public void start() {
        scheduler.start();
        outages = new io.lakehub.app.brokers.BrokerOutageWatch(
                camel, () -> config.pipelines(), scheduler.history(), scheduler.nodeId());
        outages.start(brokerSettings.getOutageCheck());
    }

    public PipelineConfig config() {
        return config;
    }

    /** @throws UnknownPipelineException when no pipeline has this id */
    public PipelineDefinition definition(String id) {
        return config.pipeline(id)
                .orElseThrow(() -> new UnknownPipelineException(
                        "There is no pipeline '" + id + "' in " + config.file() + "; nothing was run or changed."));
    }

    /** Starts a run in the background: RUNNING with its id, or SKIPPED when one is in progress. */
    public PipelineRun runNow(String id, TriggerKind kind) {
        definition(id);
        return scheduler.runNow(id, kind);
    }

    /** Runs the pipeline on the calling thread and returns the finished (or SKIPPED) run. */
    public PipelineRun runHere(String id, TriggerKind kind) {
        definition(id);
        return scheduler.runExclusively(id, kind, () -> run(id, kind));
    }

    public boolean pause(String id) {
        definition(id);
        return scheduler.pause(id);
    }

    public boolean resume(String id) {
        definition(id);
        return scheduler.resume(id);
    }

    public List<PipelineSchedule> schedules() {
        return scheduler.describe();
    }

    public Optional<PipelineRun> run(long runId) {
        return scheduler.history().get(runId);
    }

    public List<PipelineRun> history(String id, int limit) {
        definition(id);
        return scheduler.history().list(id, limit);
    }

    /** The run the scheduler calls: drain the source into the dataset. */
    private RunOutcome run(String id, TriggerKind kind) {
        PipelineDefinition p = definition(id);
        if (PipelineRoute.isKafka(p)) {
            // Draining a topic on demand would read it outside the consumer group and its committed offsets.
            return RunOutcome.failed(
                    0,
                    "Pipeline " + id + " reads Kafka: it consumes all the time on every hub and commits each"
                            + " micro-batch on its own, so there is nothing to run on demand; nothing was read.");
        }
        if (p.isWebhookSource()) {
            return RunOutcome.failed(
                    0,
                    "pipeline " + id + " is from: webhook: its events arrive at POST /api/webhooks/" + id
                            + " and are committed as they come; there is nothing to run");
        }
        if (BrokerPipelines.isHttpPolling(p)) {
            return BrokerPipelines.pollHttp(p, producer(), ingestUri(id));
        }
        long rows = 0;
        int exchanges = 0;
        // A database poller's run is one poll: one exchange, read up to the lag bound, one commit.
        int max = p.jdbcSource().isPresent() ? 1 : MAX_EXCHANGES_PER_RUN;
        while (exchanges < max) {
            Exchange exchange = consumer().receiveNoWait(p.from().resolved());
            if (exchange == null) {
                break;
            }
            exchanges++;
            try {
                producer().send(ingestUri(id), exchange);
            } finally {
                consumer().doneUoW(exchange);
            }
            Optional<String> failure = failure(exchange);
            if (failure.isPresent()) {
                return RunOutcome.failed(
                        rows, failure.get() + " (" + (exchanges - 1) + " earlier message(s) of this run committed)");
            }
            rows += rowsOf(exchange);
        }
        LOG.info("Pipeline {} ({}): {} message(s), {} row(s)", id, kind, exchanges, rows);
        return RunOutcome.succeeded(rows);
    }

    /** One exchange of an always-on (unscheduled) pipeline's source route, as one FILE run. */
    @Override
    public void runFileExchange(PipelineDefinition p, Exchange exchange) {
        PipelineRun run = scheduler.runExclusively(p.id(), TriggerKind.FILE, () -> {
            producer().send(ingestUri(p.id()), exchange);
            Optional<String> failure = failure(exchange);
            return failure.isPresent() ? RunOutcome.failed(0, failure.get()) : RunOutcome.succeeded(rowsOf(exchange));
        });
        if (run.status() == RunStatus.SKIPPED) {
            // Throwing rolls the message back: a file stays in its folder for the next poll.
            throw new PipelineBusyException("Pipeline " + p.id() + " was running (" + run.error()
                    + "); the message was left at its source for a later run.");
        }
    }

    /**
     * The catalog the message committer asks which message ids (idempotency keys) it remembers;
     * without it a message delivered again is not recognised before its commit (the commit itself
     * still refuses a remembered key).
     */
    public void useCatalog(io.lakehub.catalog.Catalog catalog) {
        this.catalog = catalog;
    }

    /** A message broker pipeline's processor: its messages batched into commits (ADR 0026). */
    @Override
    public org.apache.camel.Processor messageProcessor(PipelineDefinition p) {
        return new io.lakehub.routes.brokers.BatchedMessageProcessor(
                p.id(), p.from().scheme(), messageCommitter());
    }

    private io.lakehub.app.brokers.GroupCommitMessageCommitter messageCommitter() {
        if (messageCommitter == null) {
            synchronized (this) {
                if (messageCommitter == null) {
                    messageCommitter = new io.lakehub.app.brokers.GroupCommitMessageCommitter(
                            brokerSettings,
                            (id, bodies, keys) -> BrokerPipelines.commitBatch(
                                    definition(id),
                                    bodies,
                                    keys,
                                    scheduler,
                                    producer(),
                                    lakehubUri(definition(id)),
                                    spoolDirectory),
                            (id, scope, keys) -> catalog == null
                                    ? java.util.Map.of()
                                    : catalog.rememberedKeys(definition(id).into(), scope, keys));
                }
            }
        }
        return messageCommitter;
    }

    /** Why the exchange failed, for the run history: no data values (the hub's messages name files, lines, keys). */
    static Optional<String> failure(Exchange exchange) {
        Throwable e = exchange.getException();
        boolean deadLettered = false;
        if (e == null) {
            e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            deadLettered = e != null;
        }
        if (e == null) {
            return Optional.empty();
        }
        Throwable lakehub = null;
        for (Throwable c = e; c != null && lakehub == null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof LakehubException) {
                lakehub = c;
            }
        }
        String message =
                lakehub != null ? lakehub.getMessage() : e.getClass().getSimpleName() + " (details in the hub log)";
        if (lakehub == null) {
            LOG.warn("Pipeline exchange {} failed", exchange.getExchangeId(), e);
        }
        return Optional.of(deadLettered ? message + "; sent to the dead letter endpoint" : message);
    }

    private static long rowsOf(Exchange exchange) {
        Long rows = exchange.getMessage().getHeader(LakehubConstants.ROWS, Long.class);
        return rows == null ? 0 : rows;
    }

    @Override
    public String ingestUri(String pipelineId) {
        return "direct:lakehub-pipeline-" + pipelineId;
    }

    @Override
    public String lakehubUri(PipelineDefinition p) {
        StringBuilder uri = new StringBuilder("lakehub:")
                .append(p.into().value())
                .append("?pipeline=")
                .append(p.id())
                .append("&actor=pipeline&sourceSystem=")
                .append(URLEncoder.encode(
                        p.jdbcSource().isPresent()
                                ? "jdbc"
                                : p.cdcSource().isPresent()
                                        ? "cdc"
                                        : p.isWebhookSource()
                                                ? "webhook"
                                                : p.from().scheme(),
                        StandardCharsets.UTF_8));
        p.formatIfGiven().ifPresent(f -> uri.append("&format=").append(f.displayName()));
        if (p.mode() != WriteMode.APPEND) {
            uri.append("&mode=")
                    .append(p.mode().configName())
                    .append("&key=")
                    .append(URLEncoder.encode(String.join(",", p.key()), StandardCharsets.UTF_8));
            if (p.cdcSource().isPresent()) {
                // The change stream's delete flag: consumed by the upsert, never in the dataset.
                uri.append("&deletedColumn=").append(CdcSourceSpec.DELETED_COLUMN);
            }
            p.jdbcSource()
                    .map(JdbcSourceSpec::deletedColumn)
                    .ifPresent(column ->
                            uri.append("&deletedColumn=").append(URLEncoder.encode(column, StandardCharsets.UTF_8)));
        }
        if (p.badRows().action() != null) {
            uri.append("&onBadRows=").append(p.badRows().action().configName());
        }
        if (p.badRows().limit() != null) {
            uri.append("&maxBadRows=")
                    .append(URLEncoder.encode(p.badRows().limit().toString(), StandardCharsets.UTF_8));
        }
        if (!p.steps().isEmpty()) {
            uri.append("&steps=#bean:").append(stepsBean(p.id()));
        }
        return uri.toString();
    }

    /** The registry name of a pipeline's {@code StepList}, bound by its routes. */
    @Override
    public String stepsBean(String pipelineId) {
        return "lakehub-steps-" + pipelineId;
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    private ConsumerTemplate consumer() {
        if (consumer == null) {
            synchronized (this) {
                if (consumer == null) {
                    consumer = camel.createConsumerTemplate();
                }
            }
        }
        return consumer;
    }

    private void stopTemplates() {
        try {
            if (producer != null) {
                producer.stop();
            }
        } finally {
            if (consumer != null) {
                consumer.stop();
            }
        }
    }

    /** Stops the schedules (waiting for runs in progress on this hub), then the scheduler's pool. */
    @Override
    public void close() {
        try {
            if (outages != null) {
                outages.close();
            }
            if (messageCommitter != null) {
                messageCommitter.close();
            }
            scheduler.close();
        } finally {
            try {
                stopTemplates();
            } finally {
                dataSource.close();
            }
        }
    }
}
