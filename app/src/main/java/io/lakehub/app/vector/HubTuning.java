package io.lakehub.app.vector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.app.api.document.AutotuneJobDocument;
import io.lakehub.app.api.document.AutotuneRequest;
import io.lakehub.app.api.document.EvalSetDocument;
import io.lakehub.app.api.document.EvalSetRequest;
import io.lakehub.app.api.document.PromotionDocument;
import io.lakehub.app.api.document.TrialDocument;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.security.Caller;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.vectors.TuningJournal;
import io.lakehub.schedules.AgentTrigger;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.SearchParams;
import io.lakehub.vector.tune.EvaluationSet;
import io.lakehub.vector.tune.Objective;
import io.lakehub.vector.tune.PreparedEvaluation;
import io.lakehub.vector.tune.Proposer;
import io.lakehub.vector.tune.TrialParameters;
import io.lakehub.vector.tune.TrialResult;
import io.lakehub.vector.tune.TrialRunner;
import io.lakehub.vector.tune.TuningBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autotune agent of the vector indexes (ADR 0041) on the engine's core (ADR 0040): evaluation sets
 * and the append-only trial journal in the catalog, bounded runs of search-time trials on the live graph
 * in the background (one run at a time, a trial budget), promotion of a winner that beats the champion
 * by the objective's margin — recorded in the catalog first, then swapped into the searcher in one step —
 * and rollback to the parameters the newest promotion replaced. Promotions and rollbacks are audited.
 * Trials left running by a hub that stopped are marked abandoned at start; a hub alone on its catalog first
 * releases the autotune leases a killed process of it left behind.
 *
 * <p>Thread-safe.
 */
public final class HubTuning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubTuning.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Trials a run may ask for. */
    public static final int MAX_TRIALS = 50;

    /** The largest p95 bound a request may give, in microseconds (a minute). */
    static final long MAX_P95_US = 60_000_000L;

    private final Catalog catalog;
    private final HubIndexes indexes;
    private final ExecutorService agent;
    private final TuningBudget budget;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /**
     * The ids of {@link #jobs} in the order they were started: the oldest finished ones are forgotten beyond
     * {@code lakehub.vector.job-history} finished runs.
     */
    private final List<String> jobOrder = new ArrayList<>();

    private final AtomicInteger counter = new AtomicInteger();
    /** This hub's name on the autotune leases of the indexes (ADR 0041). */
    private final String holder = "hub-" + UUID.randomUUID();

    /** How long a lease lasts without renewal (renewed after every trial). */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** Who starts the runs of the growth trigger and the cron. */
    static final Caller AGENT = new Caller("autotune", io.lakehub.app.security.Role.ADMIN);

    /** The Quartz group of the agent's jobs: one job per index, named by the index (ADR 0048). */
    public static final String GROUP = "autotune";

    /** The trigger of the cron ({@code lakehub.vector.autotune.cron}). */
    static final String CRON_TRIGGER = "cron";

    /** The trigger of the growth check ({@code lakehub.vector.autotune.growth-fraction}). */
    static final String GROWTH_TRIGGER = "growth";

    private final AutotuneProperties properties;
    /** How much better a challenger must be to be promoted ({@code lakehub.vector.autotune.margin-*}). */
    private final Objective.Margin margin;
    /** The objective of runs that name none ({@code lakehub.vector.autotune.min-recall} / {@code max-p95}). */
    private final Objective configuredObjective;

    private final Map<String, Job> active = new ConcurrentHashMap<>();
    /** The hub's (clustered when configured) Quartz scheduler; null runs no trigger (a run is then requested). */
    private final PipelineScheduler scheduler;

    public HubTuning(Catalog catalog, HubIndexes indexes) {
        this(catalog, indexes, new AutotuneProperties());
    }

    public HubTuning(Catalog catalog, HubIndexes indexes, AutotuneProperties properties) {
        this(catalog, indexes, properties, null);
    }

    /**
     * @param scheduler where the agent's triggers are Quartz jobs (ADR 0048); null for none: runs start only on
     *     request
     */
    public HubTuning(Catalog catalog, HubIndexes indexes, AutotuneProperties properties, PipelineScheduler scheduler) {
        this.catalog = catalog;
        this.indexes = indexes;
        this.properties = properties;
        this.scheduler = scheduler;
        this.agent = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lakehub-vector-autotune");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.budget = new TuningBudget(limits(properties), Clock.systemUTC());
        this.margin = margin(properties);
        this.configuredObjective = configuredObjective(properties);
    }

    /** The rate limits of {@code lakehub.vector.autotune.*}; a bad value stops the hub, naming its key. */
    private static TuningBudget.Limits limits(AutotuneProperties p) {
        if (p.getMaxTrialsPerHour() < 1) {
            throw new IllegalStateException("lakehub.vector.autotune.max-trials-per-hour must be at least 1, got "
                    + p.getMaxTrialsPerHour() + ". The hub did not start.");
        }
        if (p.getMaxConcurrentBuilds() < 1) {
            throw new IllegalStateException("lakehub.vector.autotune.max-concurrent-builds must be at least 1, got "
                    + p.getMaxConcurrentBuilds() + ". The hub did not start.");
        }
        if (p.getCooldown() == null || p.getCooldown().isNegative()) {
            throw new IllegalStateException("lakehub.vector.autotune.cooldown must be a duration of 0 or more, got "
                    + p.getCooldown() + ". The hub did not start.");
        }
        return new TuningBudget.Limits(p.getMaxTrialsPerHour(), p.getCooldown(), p.getMaxConcurrentBuilds());
    }

    /** The promotion margin of {@code lakehub.vector.autotune.margin-*}; a bad value stops the hub, naming it. */
    private static Objective.Margin margin(AutotuneProperties p) {
        if (!(p.getMarginRecall() >= 0 && p.getMarginRecall() <= 1)) {
            throw new IllegalStateException("lakehub.vector.autotune.margin-recall must be in [0, 1], got "
                    + p.getMarginRecall() + ". The hub did not start.");
        }
        if (!(p.getMarginLatency() >= 0 && p.getMarginLatency() < 1)) {
            throw new IllegalStateException("lakehub.vector.autotune.margin-latency must be in [0, 1), got "
                    + p.getMarginLatency() + ". The hub did not start.");
        }
        return new Objective.Margin(p.getMarginRecall(), p.getMarginLatency());
    }

    /** The objective of runs that name none; a bad value stops the hub, naming its key. */
    private static Objective configuredObjective(AutotuneProperties p) {
        if (p.getMaxP95() != null) {
            if (p.getMaxP95().isNegative() || p.getMaxP95().isZero()) {
                throw new IllegalStateException("lakehub.vector.autotune.max-p95 must be a positive duration, got "
                        + p.getMaxP95() + ". The hub did not start.");
            }
            return Objective.maximizeRecall(p.getMaxP95());
        }
        if (!(p.getMinRecall() > 0 && p.getMinRecall() <= 1)) {
            throw new IllegalStateException("lakehub.vector.autotune.min-recall must be in (0, 1], got "
                    + p.getMinRecall() + ". The hub did not start.");
        }
        return Objective.minimizeP95(p.getMinRecall());
    }

    /** The objective a request asks for ({@code min_recall} or {@code max_p95_us}), else the configured one. */
    private Objective objectiveOf(AutotuneRequest r) {
        if (r.minRecall() != null && r.maxP95Us() != null) {
            throw new InvalidRequestException("Give min_recall (lowest p95 subject to recall ≥ it) or max_p95_us"
                    + " (highest recall subject to p95 ≤ it), not both.");
        }
        if (r.maxP95Us() != null) {
            if (r.maxP95Us() < 1 || r.maxP95Us() > MAX_P95_US) {
                throw new InvalidRequestException(
                        "max_p95_us must be between 1 and " + MAX_P95_US + " (a minute), got " + r.maxP95Us() + ".");
            }
            return Objective.maximizeRecall(Duration.ofNanos(r.maxP95Us() * 1000));
        }
        if (r.minRecall() != null) {
            if (!(r.minRecall() > 0 && r.minRecall() <= 1)) {
                throw new InvalidRequestException("min_recall must be in (0, 1], got " + r.minRecall() + ".");
            }
            return Objective.minimizeP95(r.minRecall());
        }
        return configuredObjective;
    }

    private TuningJournal journal() {
        return catalog.tuningJournal();
    }

    /**
     * Releases the autotune leases a killed earlier process left (a hub that is not clustered: no other hub shares
     * its catalog), marks trials a stopped hub left running abandoned, puts each index's promoted parameters back
     * in force, and makes the scheduler's {@value #GROUP} jobs match the indexes (one per index, with the cron and
     * growth-check triggers the configuration asks for; jobs of indexes that no longer exist are removed).
     *
     * @throws IllegalStateException naming {@code lakehub.vector.autotune.cron} when it is not a Quartz cron
     *     expression: the hub does not start, and nothing was tuned or scheduled
     */
    public void start() {
        List<AgentTrigger> triggers = triggers();
        try {
            if (scheduler == null || !scheduler.clustered()) {
                // Alone on its catalog, this hub runs no autotune yet: a lease there is an earlier process's, killed
                // before it released it. Kept, it would leave that process's trial running and refuse every run
                // of the index (another hub tuning) until it expired.
                int released = journal().releaseAll();
                if (released > 0) {
                    LOG.info("Released {} autotune lease(s) left by a hub process that stopped mid-run", released);
                }
            }
            int abandoned = journal().abandonRunning("the hub stopped while the trial ran", Instant.now());
            if (abandoned > 0) {
                LOG.info("Marked {} autotune trial(s) abandoned (the hub stopped while they ran)", abandoned);
            }
            for (var index : indexes.list()) {
                List<TuningJournal.Promotion> history = journal().promotions(index.name());
                // A promotion older than the index belongs to a deleted index of the same name.
                boolean promoted = !history.isEmpty()
                        && !history.get(history.size() - 1).at().isBefore(Instant.parse(index.createdAt()));
                // Promoted graphs live in the current build's folder (ADR 0047), not in the index's own folder.
                boolean graphs =
                        Files.isDirectory(indexes.currentDirectory(index.name()).resolve(VectorIndex.HISTORY));
                if (promoted || graphs) {
                    // The catalog is the source of truth (ADR 0045): the files are made to match its newest row,
                    // in the background (a graph the history no longer holds is rebuilt).
                    String target = promoted
                            ? history.get(history.size() - 1).parameters()
                            : registered(index).canonical();
                    if (promoted) {
                        TrialParameters p = TrialParameters.parse(target);
                        indexes.applySearchParams(index.name(), p.searchParams(indexes.searchParams(index.name())));
                    }
                    agent.submit(() -> reconcile(index.name(), target));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Autotune start-up incomplete: {}", e.getMessage());
        }
        if (scheduler != null) {
            Map<String, List<AgentTrigger>> jobs = new java.util.TreeMap<>();
            if (!triggers.isEmpty()) {
                for (var index : indexes.list()) {
                    jobs.put(index.name(), triggers);
                }
            }
            scheduler.syncAgents(GROUP, this::fire, jobs);
            indexes.onCreated(this::scheduleIndex);
            if (properties.getGrowthFraction() > 0) {
                // Growth is also checked as soon as a refresh of this hub added rows (the dataset's commits reach
                // the index through the change feed and its refreshes), not only at the next periodic check; the
                // baseline's compare-and-set keeps it to one run per growth across the cluster.
                indexes.onRefreshed(this::checkGrowthOf);
            }
        } else if (!triggers.isEmpty()) {
            LOG.warn("lakehub.vector.autotune.cron / growth-fraction are set but this hub has no scheduler: the"
                    + " autotune agent runs only on request (POST /api/indexes/{name}/autotune)");
        }
    }

    /**
     * The triggers every index's agent job has: the cron when {@code lakehub.vector.autotune.cron} is set, the
     * growth check every {@code check-interval} when {@code growth-fraction} is above 0.
     *
     * @throws IllegalStateException naming the key when the cron is not a Quartz cron expression
     */
    List<AgentTrigger> triggers() {
        List<AgentTrigger> out = new ArrayList<>();
        String expression =
                properties.getCron() == null ? "" : properties.getCron().trim();
        if (!expression.isEmpty()) {
            try {
                out.add(AgentTrigger.cron(CRON_TRIGGER, expression));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "lakehub.vector.autotune.cron: " + e.getMessage()
                                + " (seconds first, read in UTC, e.g. 0 0 3 * * ?). The hub did not start; no"
                                + " vector index was tuned or changed.",
                        e);
            }
        }
        if (properties.getGrowthFraction() > 0) {
            Duration every = properties.getCheckInterval();
            if (every == null || every.isNegative() || every.isZero()) {
                throw new IllegalStateException("lakehub.vector.autotune.check-interval must be a positive duration"
                        + " (e.g. 1m) while growth-fraction is set, got " + every
                        + ". The hub did not start; no vector index was tuned or changed.");
            }
            out.add(AgentTrigger.every(GROWTH_TRIGGER, every));
        }
        return out;
    }

    /** Adds the agent job of an index created while the hub runs. */
    private void scheduleIndex(String name) {
        List<AgentTrigger> triggers = triggers();
        if (scheduler != null && !triggers.isEmpty()) {
            scheduler.scheduleAgent(GROUP, name, triggers);
            LOG.info(
                    "Vector index {}: autotune job scheduled ({})",
                    name,
                    triggers.stream().map(AgentTrigger::name).toList());
        }
    }

    /**
     * A fire of the index's agent job on this hub, on a Quartz worker thread (the job is {@code
     * DisallowConcurrentExecution}: its cron and growth check never run at once on any hub): the growth check
     * or the cron starts a run in the background and returns. A fire for an index deleted meanwhile removes its
     * job.
     */
    void fire(String name, String trigger, Instant scheduledFor) {
        io.lakehub.app.api.document.IndexDocument index;
        try {
            index = indexes.get(name);
        } catch (UnknownIndexException e) {
            LOG.info("Vector index {} no longer exists; its autotune job is removed", name);
            scheduler.unscheduleAgent(GROUP, name);
            return;
        }
        switch (trigger) {
            case GROWTH_TRIGGER -> checkGrowth(index);
            case CRON_TRIGGER -> {
                if (index.rowCount() > 0) {
                    trigger(name, "cron " + properties.getCron().trim() + ", due " + scheduledFor);
                }
            }
            default ->
                LOG.warn(
                        "Autotune job of vector index {}: unknown trigger '{}' (scheduled by another version of"
                                + " the hub?); nothing was started",
                        name,
                        trigger);
        }
    }

    /** {@link #checkGrowth} of an index by name; nothing for an index deleted meanwhile. */
    private void checkGrowthOf(String name) {
        try {
            checkGrowth(indexes.get(name));
        } catch (UnknownIndexException e) {
            // deleted after its refresh: its agent job goes with it
        }
    }

    /**
     * Starts a run of the index when its rows grew by more than the configured fraction since its baseline, kept
     * in the catalog (migration V14): a restarted hub, or another hub, compares against the same baseline, and of two
     * hubs seeing the same growth only the one that moves the baseline starts a run.
     */
    void checkGrowth(io.lakehub.app.api.document.IndexDocument index) {
        String name = index.name();
        try {
            long rows = index.rowCount();
            java.util.OptionalLong baseline = journal().baseline(name);
            if (baseline.isEmpty()) {
                journal().moveBaseline(name, null, rows, Instant.now());
            } else if (rows > 0 && rows > baseline.getAsLong() * (1 + properties.getGrowthFraction())) {
                Job running = active.get(name);
                if ((running == null || running.finishedOrFailed())
                        && journal().moveBaseline(name, baseline.getAsLong(), rows, Instant.now())) {
                    trigger(name, "rows grew from " + baseline.getAsLong() + " to " + rows);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Autotune growth check of vector index {} failed (checked again at the next fire): {}",
                    name,
                    e.getMessage());
        }
    }

    /** Starts a run unless one of the index is queued or running on this hub; true when started. */
    private boolean trigger(String name, String why) {
        Job running = active.get(name);
        if (running != null && !running.finishedOrFailed()) {
            return false;
        }
        Job job = autotune(AGENT, name, AutotuneRequest.withTrials(properties.getTrials()));
        LOG.info("Autotune of vector index {} started ({}): job {}", name, why, job.id());
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // Index deletion (ADR 0045)

    /**
     * Refuses to delete an index a search profile is bound to (409 naming the profiles: unbind them first
     * by deleting or recreating them) or one this hub is tuning now (409 naming the job).
     */
    public void checkDeletable(String name) {
        indexes.get(name);
        List<String> bound = new ArrayList<>();
        try {
            for (var p : catalog.searchProfiles().list()) {
                if (p.indexes().contains(name)) {
                    bound.add(p.id());
                }
            }
        } catch (UnsupportedOperationException e) {
            // a catalog without profiles binds nothing
        }
        if (!bound.isEmpty()) {
            throw new IndexExistsException("Vector index " + name + " is bound to search profile(s) " + bound
                    + ": delete or recreate them without it first (DELETE /api/profiles/{id}); nothing was"
                    + " deleted.");
        }
        Job running = active.get(name);
        if (running != null && !running.finishedOrFailed()) {
            throw new IndexExistsException("Vector index " + name + " is being tuned (job " + running.id()
                    + ", GET /api/jobs/" + running.id() + "): delete it when the run ends; nothing was deleted.");
        }
    }

    /**
     * Removes the index's evaluation sets, trials, promotions and autotune lease from the catalog (before the
     * index itself is deleted) and audits the deletion with what was purged.
     */
    public void purge(Caller caller, String name) {
        int[] removed = journal().purge(name);
        active.remove(name);
        if (scheduler != null) {
            try {
                scheduler.unscheduleAgent(GROUP, name);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Vector index {}: its autotune job could not be removed from the scheduler ({}); its next"
                                + " fire finds the index gone and removes it",
                        name,
                        e.getMessage());
            }
        }
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        ObjectNode details = JSON.createObjectNode();
        details.put("role", who.role().name());
        if (who.keyName() != null) {
            details.put("key", who.keyName());
        }
        details.put("evalsets", removed[0]);
        details.put("trials", removed[1]);
        details.put("promotions", removed[2]);
        details.put("leases", removed[3]);
        catalog.audit().append(new AuditEntry("http", "index.delete", "index:" + name, details.toString()));
        LOG.info(
                "Vector index {} deleted: purged {} evaluation set(s), {} trial(s), {} promotion(s), {} lease(s)",
                name,
                removed[0],
                removed[1],
                removed[2],
                removed[3]);
    }

    // ---------------------------------------------------------------------------------------------
    // Evaluation sets

    /** Stores an uploaded (validated against the index) or generated evaluation set. */
    public EvalSetDocument createEvalSet(Caller caller, String name, EvalSetRequest request) {
        indexes.get(name);
        if (request == null || (request.queries() == null) == (request.generate() == null)) {
            throw new InvalidRequestException("Send either \"queries\": [{\"id\", \"text\" | \"vector\", \"expected\":"
                    + " [keys]}] or \"generate\": {\"queries\": 50, \"k\": 10, \"seed\": 42} for index " + name + ".");
        }
        String id = request.id() == null || request.id().isBlank()
                ? "e" + System.currentTimeMillis()
                : request.id().trim();
        if (!DatasetName.isValid(id)) {
            throw new InvalidRequestException("Invalid evaluation set id '" + id
                    + "': use lower-case letters, digits and underscores, starting with a letter.");
        }
        VectorIndex index = indexes.openIndex(name);
        if (index.signature() == null) {
            throw new InvalidRequestException("Vector index " + name
                    + " has not been refreshed yet: refresh it before making an evaluation set.");
        }
        EvaluationSet set;
        try {
            if (request.generate() != null) {
                EvalSetRequest.Generate g = request.generate();
                int chunks;
                try (IndexSnapshot snap = index.snapshot()) {
                    chunks = snap.size();
                }
                int queries = Math.min(g.queries() == null ? 50 : g.queries(), chunks);
                EvaluationSet.Generation options = EvaluationSet.Generation.vectors(
                                queries, g.k() == null ? 10 : g.k(), g.seed() == null ? 42 : g.seed())
                        .withTexts(Boolean.TRUE.equals(g.texts()))
                        .withNoise(g.noise() == null ? 0 : g.noise());
                set = EvaluationSet.generate(index, options);
            } else {
                ObjectNode body = JSON.createObjectNode();
                body.put("k", request.k() == null ? 10 : request.k());
                body.set("queries", request.queries());
                EvaluationSet uploaded = EvaluationSet.fromJson(body.toString(), "the request body");
                try (IndexSnapshot snap = index.snapshot()) {
                    set = uploaded.validate(snap, index.signature(), index.provider());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidRequestException(
                    "Evaluation set " + id + " for vector index " + name + ": " + e.getMessage());
        }
        TuningJournal.EvalSet stored = new TuningJournal.EvalSet(
                name,
                id,
                set.origin().name().toLowerCase(Locale.ROOT),
                set.buildSignature(),
                set.fingerprint(),
                set.toJson(),
                actor(caller),
                Instant.now());
        if (!journal().saveEvalSet(stored)) {
            throw new IndexExistsException("Vector index " + name + " has an evaluation set " + id + " already.");
        }
        return document(stored, set);
    }

    public List<EvalSetDocument> evalSets(String name) {
        indexes.get(name);
        return journal().evalSets(name).stream()
                .map(s -> document(s, EvaluationSet.fromJson(s.json(), "evaluation set " + s.id())))
                .toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Trials, promotions

    public List<TrialDocument> trials(String name) {
        indexes.get(name);
        return journal().trials(name).stream().map(HubTuning::document).toList();
    }

    public List<PromotionDocument> promotions(String name) {
        indexes.get(name);
        return journal().promotions(name).stream().map(HubTuning::document).toList();
    }

    /**
     * Puts back the parameters the newest promotion or rollback replaced.
     *
     * @throws IndexExistsException (409) when the index was never promoted
     */
    public synchronized PromotionDocument rollback(Caller caller, String name, String reason) {
        indexes.get(name);
        List<TuningJournal.Promotion> history = journal().promotions(name);
        if (history.isEmpty()) {
            throw new IndexExistsException("Vector index " + name + " has no promotion to roll back (GET /api/indexes/"
                    + name + "/promotions).");
        }
        TuningJournal.Promotion last = history.get(history.size() - 1);
        String why = reason == null || reason.isBlank() ? "rollback on request" : reason.trim();
        String who = actor(caller);
        // Files first, then the catalog (the source of truth: a stop in between is undone at start, ADR 0045).
        String how = apply(name, last.previous());
        long seq;
        try {
            seq = journal()
                    .promote(name, "rollback", last.previous(), last.parameters(), null, why, who, Instant.now());
        } catch (RuntimeException e) {
            try {
                apply(name, last.parameters());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        indexes.promotionInForce(name, seq);
        LOG.info("Vector index {}: rolled back to {} (graph {}): {}", name, last.previous(), how, why);
        audit(caller, "index.rollback", name, last.previous(), last.parameters(), why);
        return document(journal().promotions(name).stream()
                .filter(p -> p.seq() == seq)
                .findFirst()
                .orElseThrow());
    }

    private synchronized long promote(
            Caller caller, String name, TrialParameters winner, TrialParameters previous, long trial, String reason) {
        long seq = journal()
                .promote(
                        name,
                        "promote",
                        winner.canonical(),
                        previous.canonical(),
                        trial,
                        reason,
                        actor(caller),
                        Instant.now());
        indexes.applySearchParams(name, winner.searchParams(indexes.searchParams(name)));
        indexes.promotionInForce(name, seq);
        LOG.info("Vector index {}: promoted {} (was {}): {}", name, winner.canonical(), previous.canonical(), reason);
        audit(caller, "index.promote", name, winner.canonical(), previous.canonical(), reason);
        return seq;
    }

    /**
     * Puts {@code canonical} in force: its construction part (the graph: unchanged, from the index's history, or
     * rebuilt — committed in the index's files) and then its search-time part (swapped into the searcher).
     *
     * @return where the graph came from: unchanged, history or rebuilt
     */
    private String apply(String name, String canonical) {
        TrialParameters p = TrialParameters.parse(canonical);
        String how;
        try {
            how = indexes.openIndex(name)
                    .restoreGraph(p.build().toGraphParams(p.search().overquery()), properties.getGraphHistory());
        } catch (IOException e) {
            throw new LakehubException(
                    "Could not put the graph of " + canonical + " in force for vector index " + name + " in "
                            + indexes.directory(name) + ": " + e.getMessage(),
                    e);
        }
        indexes.applySearchParams(name, p.searchParams(indexes.searchParams(name)));
        return how;
    }

    /** Makes the index's files and searcher match {@code canonical} (start-up; the catalog is the truth). */
    private void reconcile(String name, String canonical) {
        try {
            String how = apply(name, canonical);
            if (!"unchanged".equals(how)) {
                LOG.info(
                        "Vector index {}: its graph did not match the catalog's promotions after a stop; put {} back"
                                + " in force (graph {})",
                        name,
                        canonical,
                        how);
            }
        } catch (RuntimeException e) {
            LOG.warn("Vector index {}: could not put {} back in force at start: {}", name, canonical, e.getMessage());
        }
    }

    /** The parameters the index was registered with (in force while it has no promotion). */
    private TrialParameters registered(io.lakehub.app.api.document.IndexDocument d) {
        return TrialParameters.of(
                new GraphParams(
                        d.maxDegree(),
                        d.beamWidth(),
                        (float) d.neighborOverflow(),
                        (float) d.alpha(),
                        d.hierarchy(),
                        d.overquery()),
                new SearchParams(d.overquery(), 0.02, 2_000, 60, 1));
    }

    /**
     * Promotes a build-time winner: its candidate graph (the one the trial measured, else built again) is
     * committed in the index's files — the serving graph goes to the bounded history — then the promotion is
     * recorded in the catalog; if that fails the previous graph is put back. Searches switch without failing.
     */
    private synchronized long promoteGraph(
            Caller caller,
            String name,
            VectorIndex index,
            IndexSnapshot snapshot,
            TrialRunner runner,
            TrialParameters winner,
            TrialParameters previous,
            long trial,
            String reason) {
        GraphParams params = winner.build().toGraphParams(winner.search().overquery());
        int keep = properties.getGraphHistory();
        try {
            boolean installed = runner.withCandidate(snapshot, winner.build(), graph -> {
                        try {
                            index.installGraph(snapshot, graph, params, keep);
                            return true;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .orElse(false);
            if (!installed) {
                index.restoreGraph(params, keep);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LakehubException(
                    "Could not write the promoted graph of vector index " + name + " in " + indexes.directory(name)
                            + ": " + e.getMessage(),
                    e);
        }
        long seq;
        try {
            seq = journal()
                    .promote(
                            name,
                            "promote",
                            winner.canonical(),
                            previous.canonical(),
                            trial,
                            reason,
                            actor(caller),
                            Instant.now());
        } catch (RuntimeException e) {
            try {
                apply(name, previous.canonical());
            } catch (RuntimeException again) {
                e.addSuppressed(again); // the start-up reconcile puts it back
            }
            throw e;
        }
        indexes.applySearchParams(name, winner.searchParams(indexes.searchParams(name)));
        indexes.promotionInForce(name, seq);
        LOG.info(
                "Vector index {}: promoted graph {} (was {}): {}",
                name,
                winner.canonical(),
                previous.canonical(),
                reason);
        audit(caller, "index.promote", name, winner.canonical(), previous.canonical(), reason);
        return seq;
    }

    // ---------------------------------------------------------------------------------------------
    // The agent

    /** Starts a bounded autotune run in the background; follow it with {@code GET /api/jobs/{id}}. */
    public Job autotune(Caller caller, String name, AutotuneRequest request) {
        indexes.get(name);
        AutotuneRequest r = request == null ? AutotuneRequest.withTrials(null) : request;
        int trials = r.trials() == null ? 8 : r.trials();
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new InvalidRequestException("trials must be between 1 and " + MAX_TRIALS + ", got " + trials + ".");
        }
        Objective runObjective = objectiveOf(r);
        if (r.evalset() != null && journal().evalSet(name, r.evalset()).isEmpty()) {
            throw new UnknownIndexException("Vector index " + name + " has no evaluation set " + r.evalset()
                    + " (GET /api/indexes/" + name + "/evalsets).");
        }
        Job job = new Job(
                "autotune-" + counter.incrementAndGet() + "-"
                        + UUID.randomUUID().toString().substring(0, 8),
                name,
                trials);
        remember(job);
        active.put(name, job);
        job.objective = runObjective.toString();
        boolean buildTime = Boolean.TRUE.equals(r.buildTime());
        agent.submit(() -> run(caller, job, r.evalset(), runObjective, r.seed() == null ? 42 : r.seed(), buildTime));
        return job;
    }

    /**
     * Keeps the run for {@code GET /api/jobs/{id}} and {@code GET /api/index-jobs}, and forgets the oldest finished
     * runs beyond {@code lakehub.vector.job-history} (queued and running ones are never forgotten).
     */
    private void remember(Job job) {
        synchronized (jobOrder) {
            jobs.put(job.id, job);
            jobOrder.add(job.id);
            IndexJobs.forgetOldestFinished(jobOrder, jobs, Job::finishedOrFailed, indexes.jobHistory());
        }
    }

    /** The runs this hub remembers: queued, running, and the newest finished ones (unordered). */
    List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    public boolean hasJob(String id) {
        return jobs.containsKey(id);
    }

    public Job job(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new UnknownIndexException("No job with id '" + id + "' on this hub.");
        }
        return job;
    }

    private void run(Caller caller, Job job, String evalsetId, Objective objective, long seed, boolean buildTime) {
        job.started = Instant.now();
        job.status = "running";
        String name = job.index;
        boolean leased = false;
        try {
            leased = renew(name);
            if (!leased) {
                throw new IndexExistsException("Another hub is tuning vector index " + name
                        + " (its autotune lease in the catalog is held); try again when its run ends.");
            }
            VectorIndex index = indexes.openIndex(name);
            if (index.signature() == null) {
                throw new InvalidRequestException("Vector index " + name + " has not been refreshed yet.");
            }
            TuningJournal.EvalSet stored = evalSet(caller, name, evalsetId, index);
            job.evalset = stored.id();
            EvaluationSet set = EvaluationSet.fromJson(stored.json(), "evaluation set " + stored.id());
            IndexSnapshot snapshot = index.snapshot();
            try (TrialRunner runner = new TrialRunner()) {
                PreparedEvaluation eval = set.prepare(snapshot, index.signature(), index.provider());
                SearchParams base = indexes.searchParams(name);
                TrialParameters champion = TrialParameters.of(snapshot.graphParams(), base);
                Proposer proposer = new Proposer(
                        buildTime
                                ? Proposer.Space.DEFAULT
                                : Proposer.Space.DEFAULT.searchTimeOnly(
                                        TrialParameters.BuildTime.of(snapshot.graphParams())),
                        0.2,
                        seed);
                List<TrialResult> history = history(name, stored.id());
                // One unrecorded pass first: the first trial of a run otherwise pays the JIT and cache warm-up,
                // which would make any challenger look faster than the champion.
                runner.searchTrial(snapshot, base, champion, eval);
                TrialResult championResult = trial(job, name, stored.id(), runner, snapshot, base, champion, eval);
                history.add(championResult);
                while (job.done < job.total) {
                    var proposal = proposer.propose(champion, history);
                    if (proposal.isEmpty()) {
                        job.reason = "every point of the search-time grid is in the journal";
                        break;
                    }
                    TrialResult result = trial(
                            job,
                            name,
                            stored.id(),
                            runner,
                            snapshot,
                            base,
                            proposal.get().parameters(),
                            eval);
                    if (result == null) {
                        break;
                    }
                    history.add(result);
                    if (!renew(name)) {
                        job.reason = "the autotune lease was lost to another hub";
                        break;
                    }
                    Objective.Decision d = objective.decide(championResult, result, margin);
                    if (d.promote() && result.kind() == TrialResult.Kind.BUILD_TIME) {
                        long trialSeq = job.trials.get(job.trials.size() - 1);
                        try {
                            job.promoted.add(promoteGraph(
                                    caller,
                                    name,
                                    index,
                                    snapshot,
                                    runner,
                                    result.parameters(),
                                    champion,
                                    trialSeq,
                                    d.reason()));
                        } catch (IllegalStateException e) {
                            job.reason = "build-time winner (trial " + trialSeq + ") not promoted: " + e.getMessage();
                            break;
                        }
                        // The run goes on against the promoted graph.
                        runner.releaseCandidate();
                        IndexSnapshot next = index.snapshot();
                        snapshot.close();
                        snapshot = next;
                        eval = set.prepare(snapshot, index.signature(), index.provider());
                        champion = result.parameters();
                        championResult = result;
                        base = indexes.searchParams(name);
                    } else if (d.promote()) {
                        long trialSeq = job.trials.get(job.trials.size() - 1);
                        job.promoted.add(promote(caller, name, result.parameters(), champion, trialSeq, d.reason()));
                        champion = result.parameters();
                        championResult = result;
                        base = indexes.searchParams(name);
                    }
                }
                job.champion = champion.canonical();
            } finally {
                snapshot.close();
            }
            job.finish("succeeded", null);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("Autotune of vector index {} failed; the champion keeps serving: {}", name, reason);
            job.finish("failed", reason);
        } finally {
            if (leased) {
                try {
                    journal().release(name, holder);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Could not release the autotune lease of vector index {} (it expires): {}",
                            name,
                            e.getMessage());
                }
            }
        }
    }

    private boolean renew(String name) {
        Instant now = Instant.now();
        return journal().lease(name, holder, now, now.plus(LEASE));
    }

    /** One trial, journalled before it starts and completed after; null when the budget refuses it. */
    private TrialResult trial(
            Job job,
            String name,
            String evalset,
            TrialRunner runner,
            IndexSnapshot snapshot,
            SearchParams base,
            TrialParameters parameters,
            PreparedEvaluation eval) {
        TrialResult.Kind kind = TrialRunner.kindOf(snapshot, parameters);
        TuningBudget.Admission admission = budget.tryStart(kind == TrialResult.Kind.BUILD_TIME);
        // The cooldown between trials (lakehub.vector.autotune.cooldown) is waited out on the agent's thread; the
        // hourly limit ends the run (its reason says so).
        while (!admission.granted()
                && admission.retryAfter().compareTo(Duration.ZERO) > 0
                && admission.retryAfter().compareTo(properties.getCooldown()) <= 0) {
            try {
                Thread.sleep(admission.retryAfter());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.reason = "stopped while cooling down between trials";
                return null;
            }
            admission = budget.tryStart(kind == TrialResult.Kind.BUILD_TIME);
        }
        if (!admission.granted()) {
            job.reason = "budget: " + admission.reason();
            return null;
        }
        Instant started = Instant.now();
        long seq = journal()
                .startTrial(name, evalset, parameters.canonical(), kind.name().toLowerCase(Locale.ROOT), started);
        job.trials.add(seq);
        TrialResult r;
        try (TuningBudget.Permit permit = admission.permit()) {
            r = runner.run(snapshot, base, parameters, eval).join();
        } catch (RuntimeException e) {
            journal()
                    .finishTrial(
                            name, seq, "failed", null, null, null, null, null, null, e.getMessage(), Instant.now());
            throw e;
        }
        journal()
                .finishTrial(
                        name,
                        seq,
                        r.status().name().toLowerCase(Locale.ROOT),
                        r.k(),
                        r.completed() ? r.recall() : null,
                        r.completed() ? r.p50().toNanos() / 1_000 : null,
                        r.completed() ? r.p95().toNanos() / 1_000 : null,
                        r.buildTime().toMillis(),
                        r.memoryBytes(),
                        r.error(),
                        Instant.now());
        job.done++;
        LOG.info("Vector index {}: trial {} {}", name, seq, r);
        return r;
    }

    /** The named set, else the index's newest set for its current build, else a generated one (stored). */
    private TuningJournal.EvalSet evalSet(Caller caller, String name, String id, VectorIndex index) {
        if (id != null) {
            return journal()
                    .evalSet(name, id)
                    .orElseThrow(() ->
                            new UnknownIndexException("Vector index " + name + " has no evaluation set " + id + "."));
        }
        String signature = index.signature().hex();
        List<TuningJournal.EvalSet> sets = journal().evalSets(name);
        for (int i = sets.size() - 1; i >= 0; i--) {
            if (signature.equals(sets.get(i).buildSignature())) {
                return sets.get(i);
            }
        }
        int chunks;
        try (IndexSnapshot snap = index.snapshot()) {
            chunks = snap.size();
        }
        EvaluationSet set =
                EvaluationSet.generate(index, EvaluationSet.Generation.vectors(Math.min(50, chunks), 10, 42));
        TuningJournal.EvalSet stored = new TuningJournal.EvalSet(
                name,
                "auto_" + signature.substring(0, 12),
                "generated",
                set.buildSignature(),
                set.fingerprint(),
                set.toJson(),
                actor(caller),
                Instant.now());
        if (!journal().saveEvalSet(stored)) {
            return journal().evalSet(name, stored.id()).orElseThrow();
        }
        return stored;
    }

    /** The journal's trials on that set, as the proposer reads them (every status counts as tried). */
    private List<TrialResult> history(String name, String evalset) {
        List<TrialResult> out = new ArrayList<>();
        for (TuningJournal.Trial t : journal().trials(name)) {
            if (!t.evalSet().equals(evalset)) {
                continue;
            }
            TrialParameters p = TrialParameters.parse(t.parameters());
            TrialResult.Kind kind = TrialResult.Kind.valueOf(t.kind().toUpperCase(Locale.ROOT));
            if ("completed".equals(t.status())) {
                out.add(new TrialResult(
                        p,
                        kind,
                        TrialResult.Status.COMPLETED,
                        evalset,
                        t.k() == null ? 0 : t.k(),
                        0,
                        t.recall() == null ? 0 : t.recall(),
                        Duration.ofNanos(t.p50Micros() == null ? 0 : t.p50Micros() * 1_000),
                        Duration.ofNanos(t.p95Micros() == null ? 0 : t.p95Micros() * 1_000),
                        Duration.ofMillis(t.buildMillis() == null ? 0 : t.buildMillis()),
                        t.memoryBytes() == null ? 0 : t.memoryBytes(),
                        t.startedAt(),
                        null));
            } else {
                out.add(TrialResult.unsuccessful(
                        p,
                        kind,
                        "failed".equals(t.status()) ? TrialResult.Status.FAILED : TrialResult.Status.ABANDONED,
                        evalset,
                        t.startedAt(),
                        t.error()));
            }
        }
        return out;
    }

    private void audit(Caller caller, String action, String name, String parameters, String previous, String reason) {
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        ObjectNode details = JSON.createObjectNode();
        details.put("role", who.role().name());
        if (who.keyName() != null) {
            details.put("key", who.keyName());
        }
        details.put("parameters", parameters);
        details.put("previous", previous);
        details.put("reason", reason);
        catalog.audit().append(new AuditEntry("http", action, "index:" + name, details.toString()));
    }

    private static String actor(Caller caller) {
        Caller who = caller == null ? Caller.ANONYMOUS : caller;
        return who.keyName() == null ? who.role().name() : who.keyName();
    }

    private static EvalSetDocument document(TuningJournal.EvalSet s, EvaluationSet set) {
        return new EvalSetDocument(
                s.index(),
                s.id(),
                s.origin(),
                s.buildSignature(),
                s.fingerprint(),
                set.k(),
                set.queries().size(),
                s.createdBy(),
                s.createdAt().toString());
    }

    /** A journal entry as the API shows it. */
    public static TrialDocument document(TuningJournal.Trial t) {
        return new TrialDocument(
                t.seq(),
                t.evalSet(),
                t.parameters(),
                t.kind(),
                t.status(),
                t.k(),
                t.recall(),
                t.p50Micros(),
                t.p95Micros(),
                t.buildMillis(),
                t.memoryBytes(),
                t.error(),
                t.startedAt() == null ? null : t.startedAt().toString(),
                t.finishedAt() == null ? null : t.finishedAt().toString());
    }

    private static PromotionDocument document(TuningJournal.Promotion p) {
        return new PromotionDocument(
                p.seq(),
                p.action(),
                p.parameters(),
                p.previous(),
                p.trialSeq(),
                p.reason(),
                p.actor(),
                p.at().toString());
    }

    @Override
    public void close() {
        agent.shutdownNow();
    }

    /** One autotune run, followed by {@code GET /api/jobs/{id}} and listed by {@code GET /api/index-jobs}. */
    public static final class Job {
        /** The {@code kind} (and {@code type}) of its document. */
        public static final String KIND = "index-autotune";

        private final String id;
        private final String index;
        private final int total;
        private final Instant queuedAt = Instant.now();
        private final List<Long> trials = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Long> promoted = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile int done;
        private volatile String status = "queued";
        private volatile String evalset;
        private volatile String champion;
        private volatile String reason;
        private volatile String error;
        private volatile String objective;
        private volatile Instant started;
        private volatile Instant finished;

        Job(String id, String index, int total) {
            this.id = id;
            this.index = index;
            this.total = total;
        }

        public String id() {
            return id;
        }

        /** The index it tunes. */
        public String index() {
            return index;
        }

        boolean finishedOrFailed() {
            return finished != null;
        }

        /** Its document with the keys {@code GET /api/index-jobs} orders it by, read once. */
        IndexJobs.Entry listed() {
            AutotuneJobDocument d = document();
            return new IndexJobs.Entry(index, d.status(), queuedAt, started, finished, id, d);
        }

        void finish(String outcome, String why) {
            error = why;
            finished = Instant.now();
            status = outcome;
        }

        public AutotuneJobDocument document() {
            Instant s = started;
            Instant f = finished;
            int trialsDone = done;
            double seconds = s == null
                    ? 0
                    : Math.max(
                                    1,
                                    Duration.between(s, f == null ? Instant.now() : f)
                                            .toMillis())
                            / 1000.0;
            double rate = seconds == 0 ? 0 : trialsDone / seconds;
            Double eta = f != null ? Double.valueOf(0) : rate > 0 ? Math.max(0, total - trialsDone) / rate : null;
            return new AutotuneJobDocument(
                    id,
                    KIND,
                    KIND,
                    index,
                    evalset,
                    status,
                    trialsDone,
                    total,
                    Math.round(rate * 1000) / 1000.0,
                    eta == null ? null : Math.round(eta * 10) / 10.0,
                    List.copyOf(trials),
                    List.copyOf(promoted),
                    champion,
                    reason,
                    s == null ? null : s.toString(),
                    f == null ? null : f.toString(),
                    s == null
                            ? null
                            : Duration.between(s, f == null ? Instant.now() : f).toMillis(),
                    error,
                    objective);
        }
    }
}
