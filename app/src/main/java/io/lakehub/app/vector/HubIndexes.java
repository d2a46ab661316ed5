package io.lakehub.app.vector;

import io.lakehub.app.api.document.IndexDocument;
import io.lakehub.app.api.document.IndexRequest;
import io.lakehub.app.api.document.IndexSearchRequest;
import io.lakehub.app.api.document.IndexSearchResponse;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.hub.UnknownDatasetException;
import io.lakehub.app.security.Caller;
import io.lakehub.app.security.QueryAccess;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.ChangeFeed;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.erasure.Erasure;
import io.lakehub.catalog.erasure.ErasureListener;
import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.query.SqlRefusedException;
import io.lakehub.catalog.vectors.StoredVectorIndex;
import io.lakehub.catalog.vectors.VectorIndexStore;
import io.lakehub.schedules.AgentTrigger;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.schedules.SchedulerUnavailableException;
import io.lakehub.schedules.SyncResult;
import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.RefreshListener;
import io.lakehub.vector.index.RefreshResult;
import io.lakehub.vector.index.Row;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.SearchHit;
import io.lakehub.vector.search.SearchMode;
import io.lakehub.vector.search.SearchParams;
import io.lakehub.vector.search.SearchRequest;
import io.lakehub.vector.search.VectorSearcher;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's vector indexes (ADR 0038): the registry in the catalog ({@link VectorIndexStore}), the
 * index files under {@code <lake>/_indexes/<name>/}, background refresh jobs, and search with the
 * caller's access rules. A refresh reads the dataset's current rows through the SQL engine (so
 * upserted-away, deleted and erased rows are gone from what it reads) and lets the engine embed only
 * new or changed chunks; an unchanged build signature means nothing is read at all. Indexes with the
 * {@code on-commit} policy are refreshed in the background after every commit to their dataset; an
 * erasure refreshes every index of the erased datasets before its rewrite finishes.
 *
 * <p>Thread-safe.
 */
public final class HubIndexes implements ErasureListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HubIndexes.class);

    /** Rows per page read from the SQL engine (keyset pagination on the key column). */
    static final int PAGE = 5_000;

    /** The folder under the lake root that holds the indexes. */
    public static final String INDEXES_DIR = "_indexes";

    /** The folder of an index's folder that holds its versioned builds (ADR 0047). */
    static final String BUILDS_DIR = "builds";

    /** The folder of an index's folder that holds one marker per superseded build, stamped when superseded. */
    static final String RETIRED_DIR = "retired";

    /** The retired marker of the files directly in the index's folder (before its first versioned build). */
    static final String ROOT_BUILD = "_root";

    private final Catalog catalog;
    private final Supplier<SqlEngine> engine;
    private final VectorProperties properties;
    private final QueryAccess access;
    private final Supplier<EmbeddingProvider> providerFactory;
    private final Map<String, VectorIndex> open = new ConcurrentHashMap<>();
    /** The build each open index is ({@link #ROOT_BUILD} for the files directly in its folder). */
    private final Map<String, String> openBuilds = new ConcurrentHashMap<>();
    /** This process among the hubs sharing the catalog: build leases are held in its name. */
    private final String hubId = "hub-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private final Map<String, VectorSearcher> searchers = new ConcurrentHashMap<>();
    private final Map<String, VectorJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, VectorJob> queued = new ConcurrentHashMap<>();
    private final List<String> jobOrder = new ArrayList<>();
    private final ExecutorService workers;
    private final AtomicInteger jobCounter = new AtomicInteger();
    /** Follows commits off the committing thread and renews build leases. */
    private final java.util.concurrent.ScheduledExecutorService timer;
    /**
     * Where the {@code cron:} refresh policies are Quartz jobs (group {@value #REFRESH_GROUP}, ADR 0053), resolved
     * at {@link #start()}; null for none.
     */
    private volatile Supplier<PipelineScheduler> schedulerSource = () -> null;

    private volatile PipelineScheduler scheduler;
    private volatile EmbeddingProvider provider;
    private ChangeFeed.Subscription subscription;
    private volatile boolean started;
    /** The hub's pipelines as configured now (they reload), for their {@code embed:} keys; null for none. */
    private volatile Supplier<io.lakehub.schedules.pipeline.PipelineConfig> pipelines = () -> null;
    /**
     * The newest promotion or rollback of each index this hub has put in force (its journal {@code seq};
     * 0 for none), compared with the catalog's before each search (ADR 0048).
     */
    private final Map<String, Long> promotionsInForce = new ConcurrentHashMap<>();
    /** Told the name of every index this hub creates (the autotune agent's job is added, ADR 0048). */
    private volatile java.util.function.Consumer<String> onCreated = name -> {};
    /** Told the name of an index after a refresh of this hub added rows to it (the autotune growth check). */
    private volatile java.util.function.Consumer<String> onRefreshed = name -> {};
    /** Told when this hub serves at least one index: at start when the catalog has one, and at each create. */
    private volatile Runnable onServing = () -> {};

    /**
     * @param access the column clearance check; {@code null} (a local command) lets every caller search
     * @param providerFactory makes the embedding provider on first use (the ONNX model takes a moment to load)
     */
    public HubIndexes(
            Catalog catalog,
            Supplier<SqlEngine> engine,
            VectorProperties properties,
            QueryAccess access,
            Supplier<EmbeddingProvider> providerFactory) {
        this.catalog = catalog;
        this.engine = engine;
        this.properties = properties;
        this.access = access;
        this.providerFactory = providerFactory;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.getRefreshThreads(), r -> {
            Thread t = new Thread(r, "lakehub-vector-refresh-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-vector-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Follows the pipelines' {@code embed:} keys: after a commit a pipeline with {@code embed:} made, its
     * indexes are refreshed (see {@link #unknownEmbedIndexes} for the start-up check).
     */
    public void followPipelines(Supplier<io.lakehub.schedules.pipeline.PipelineConfig> pipelines) {
        this.pipelines = pipelines == null ? () -> null : pipelines;
    }

    /** The {@code embed:} entries of the configuration that name no existing index, as problems. */
    public List<io.lakehub.schedules.pipeline.ConfigProblem> unknownEmbedIndexes(
            io.lakehub.schedules.pipeline.PipelineConfig config) {
        List<io.lakehub.schedules.pipeline.ConfigProblem> problems = new ArrayList<>();
        if (config == null) {
            return problems;
        }
        Set<String> known = null;
        for (var p : config.pipelines()) {
            for (var e : p.embed()) {
                if (known == null) {
                    known = new java.util.TreeSet<>();
                    for (StoredVectorIndex s : store().list()) {
                        known.add(s.name());
                    }
                }
                if (!known.contains(e.index())) {
                    problems.add(e.problem("no vector index named '" + e.index() + "' in this hub's catalog ("
                            + (known.isEmpty() ? "there is none yet" : "known: " + String.join(", ", known))
                            + "); create it first: ./lakehub index create " + e.index()
                            + " --dataset " + p.into() + " --id-column ... --text-column ..."));
                }
            }
        }
        return problems;
    }

    /**
     * Runs {@code listener} when this hub serves vector indexes: at {@link #start()} when the catalog lists
     * one, and after each index created (the launcher's hint, {@link VectorApiHint}).
     */
    public void onServing(Runnable listener) {
        this.onServing = listener == null ? () -> {} : listener;
    }

    /** Tells {@code listener} the name of each index a refresh of this hub added rows to, after the refresh. */
    public void onRefreshed(java.util.function.Consumer<String> listener) {
        this.onRefreshed = listener == null ? name -> {} : listener;
    }

    /** Tells {@code listener} the name of every index created through this hub from now on. */
    public void onCreated(java.util.function.Consumer<String> listener) {
        this.onCreated = listener == null ? name -> {} : listener;
    }

    /**
     * The scheduler whose Quartz jobs run the {@code cron:} refresh policies (ADR 0053): resolved at {@link
     * #start()}. Without one (a CLI command, a hub without pipelines) no {@code cron:} policy fires.
     */
    public void scheduleRefreshesOn(Supplier<PipelineScheduler> scheduler) {
        this.schedulerSource = scheduler == null ? () -> null : scheduler;
    }

    /**
     * Follows the change feed ({@code on-commit} indexes are refreshed after each commit to their dataset) and makes
     * the scheduler's {@value #REFRESH_GROUP} jobs match the {@code cron:} policies of the indexes in the catalog
     * (when that fails, a warning says so and the job store keeps the jobs it had).
     */
    public synchronized void start() {
        if (subscription == null) {
            subscription = catalog.changes().subscribe(this::committed);
        }
        started = true;
        try {
            if (!store().list().isEmpty()) {
                onServing.run();
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not list the vector indexes at start ({}): the home's hint for the launcher's Vector API"
                            + " module ({}) is left as it was",
                    e.getMessage(),
                    VectorApiHint.FILE);
        }
        scheduler = schedulerSource.get();
        if (scheduler != null) {
            try {
                syncRefreshJobs();
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not sync the cron: refresh jobs of the vector indexes with the catalog ({}): the job"
                                + " store keeps the jobs it had; the next hub start syncs them again",
                        e.getMessage());
            }
        } else {
            try {
                List<String> crons = store().list().stream()
                        .filter(s -> cronOf(s.refreshPolicy()) != null)
                        .map(StoredVectorIndex::name)
                        .toList();
                if (!crons.isEmpty()) {
                    LOG.warn(
                            "Vector indexes {} have a cron: refresh policy but this hub has no scheduler: they are"
                                    + " refreshed only on request (POST /api/indexes/<name>/refresh)",
                            crons);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not list the vector indexes' refresh policies: {}", e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // cron: refresh policies as Quartz jobs (ADR 0053)

    /** The Quartz group of the {@code cron:} refresh policies: one job per such index, named by the index. */
    public static final String REFRESH_GROUP = "index-refresh";

    /** The trigger of a {@code cron:} refresh policy. */
    static final String CRON_TRIGGER = "cron";

    /** The Quartz cron expression of a {@code cron:} policy, or null for another policy. */
    static String cronOf(String policy) {
        return policy != null && policy.startsWith("cron:")
                ? policy.substring("cron:".length()).trim()
                : null;
    }

    /**
     * The trigger of a {@code cron:} policy: its Quartz cron expression read in UTC.
     *
     * @throws IllegalArgumentException when the expression is not a Quartz cron expression or never fires again
     */
    static AgentTrigger refreshTrigger(String expression) {
        AgentTrigger trigger = AgentTrigger.cron(CRON_TRIGGER, expression);
        try {
            org.quartz.CronExpression cron = new org.quartz.CronExpression(expression);
            cron.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            if (cron.getNextValidTimeAfter(new java.util.Date()) == null) {
                throw new IllegalArgumentException("'" + expression + "' never fires again");
            }
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // AgentTrigger.cron parsed it already
        }
        return trigger;
    }

    /**
     * Makes the scheduler's {@value #REFRESH_GROUP} jobs match the indexes with a {@code cron:} policy in the catalog:
     * adds the missing, replaces a trigger whose expression changed, removes jobs of indexes that no longer exist or
     * have another policy, leaves the rest (next fire times survive a restart). An index whose stored policy is not
     * a cron expression that fires gets no job (a warning names it); the others are scheduled.
     */
    SyncResult syncRefreshJobs() {
        Map<String, List<AgentTrigger>> jobs = new java.util.TreeMap<>();
        for (StoredVectorIndex s : store().list()) {
            String expression = cronOf(s.refreshPolicy());
            if (expression == null) {
                continue;
            }
            try {
                jobs.put(s.name(), List.of(refreshTrigger(expression)));
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "Vector index {}: its refresh policy '{}' is not scheduled ({}); it is refreshed only on"
                                + " request until it is recreated with a valid cron: policy",
                        s.name(),
                        s.refreshPolicy(),
                        e.getMessage());
            }
        }
        return scheduler.syncAgents(REFRESH_GROUP, this::cronFired, jobs);
    }

    /**
     * A fire of an index's {@code cron:} policy on this hub, on a Quartz worker thread (in a clustered scheduler,
     * on one hub of the cluster): queues the refresh the policy asks for and returns; the refresh runs on this
     * hub's refresh threads and takes the build lease as every refresh does (ADR 0047). A fire for an index that
     * no longer exists, or no longer has a {@code cron:} policy, removes the job.
     */
    void cronFired(String name, String trigger, Instant scheduledFor) {
        java.util.Optional<StoredVectorIndex> found = store().find(name);
        if (found.isEmpty() || cronOf(found.get().refreshPolicy()) == null) {
            LOG.info("Vector index {} no longer exists or has no cron: policy; its refresh job is removed", name);
            PipelineScheduler s = scheduler;
            if (s != null) {
                s.unscheduleAgent(REFRESH_GROUP, name);
            }
            return;
        }
        if (!started) {
            LOG.info(
                    "Cron refresh of vector index {} (due {}) skipped: the vector indexes are closing",
                    name,
                    scheduledFor);
            return;
        }
        try {
            VectorJob job = submit(name);
            LOG.info(
                    "Cron refresh of vector index {} queued ({}, due {}): job {}",
                    name,
                    found.get().refreshPolicy(),
                    scheduledFor,
                    job.id());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.info(
                    "Cron refresh of vector index {} (due {}) skipped: the vector indexes are closing",
                    name,
                    scheduledFor);
        }
    }

    private VectorIndexStore store() {
        return catalog.vectorIndexes();
    }

    /** The embedding provider, made on first use. */
    public EmbeddingProvider provider() {
        EmbeddingProvider p = provider;
        if (p == null) {
            synchronized (this) {
                if (provider == null) {
                    provider = providerFactory.get();
                }
                p = provider;
            }
        }
        return p;
    }

    /** Where the index's files live. */
    public Path directory(String name) {
        return catalog.lakeRoot().resolve(INDEXES_DIR).resolve(name);
    }

    /**
     * The folder of the build the catalog names as the index's current one (its own folder until its first
     * versioned build, ADR 0047): where a promoted graph and its history live (ADR 0045).
     */
    public Path currentDirectory(String name) {
        StoredVectorIndex s = stored(name);
        return s.buildId() == null ? directory(name) : buildDirectory(name, s.buildId());
    }

    /** The folder of one build of the index. */
    Path buildDirectory(String name, String buildId) {
        return directory(name).resolve(BUILDS_DIR).resolve(buildId);
    }

    /** The id of this process's build leases (a prefix of each lease's holder). */
    public String hubId() {
        return hubId;
    }

    // ---------------------------------------------------------------------------------------------
    // Registry

    /**
     * Registers a new index (empty until its first refresh).
     *
     * @throws InvalidRequestException naming the missing or invalid field, unknown column or policy
     * @throws UnknownDatasetException when the dataset does not exist
     * @throws IndexExistsException when an index of that name exists
     */
    /** The request's graph parameters over {@link GraphParams#DEFAULT}; a bad value is a 400 naming the field. */
    static GraphParams graphParams(IndexRequest request) {
        GraphParams d = GraphParams.DEFAULT;
        try {
            return new GraphParams(
                    request.maxDegree() == null ? d.maxDegree() : request.maxDegree(),
                    request.beamWidth() == null ? d.beamWidth() : request.beamWidth(),
                    request.neighborOverflow() == null
                            ? d.neighborOverflow()
                            : request.neighborOverflow().floatValue(),
                    request.alpha() == null ? d.alpha() : request.alpha().floatValue(),
                    request.hierarchy() == null ? d.hierarchy() : request.hierarchy(),
                    request.overquery() == null ? d.overquery() : request.overquery());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid graph parameters (max_degree, beam_width, neighbor_overflow,"
                    + " alpha, hierarchy, overquery): " + e.getMessage() + ".");
        }
    }

    public IndexDocument create(Caller caller, IndexRequest request) {
        if (request == null) {
            throw new InvalidRequestException("No index given: send {\"name\": ..., \"dataset\": ..., \"key_column\":"
                    + " ..., \"text_column\": ...}.");
        }
        String name = require(request.name(), "name");
        if (!DatasetName.isValid(name)) {
            throw new InvalidRequestException("Invalid index name '" + name
                    + "': use lower-case letters, digits and underscores, starting with a letter (like a dataset).");
        }
        String dataset = require(request.dataset(), "dataset");
        String keyColumn = require(request.keyColumn(), "key_column");
        String textColumn = require(request.textColumn(), "text_column");
        if (!DatasetName.isValid(dataset)
                || catalog.dataset(DatasetName.of(dataset)).isEmpty()) {
            throw new UnknownDatasetException(dataset);
        }
        String policy = request.refresh() == null || request.refresh().isBlank()
                ? "manual"
                : request.refresh().trim().toLowerCase(Locale.ROOT);
        AgentTrigger cronTrigger = null;
        if (policy.startsWith("cron:")) {
            policy = "cron:"
                    + request.refresh().trim().substring("cron:".length()).trim();
            try {
                cronTrigger = refreshTrigger(cronOf(policy));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("Vector index " + name + ": invalid refresh policy '"
                        + request.refresh() + "' (key refresh): " + e.getMessage() + ". After cron: a Quartz cron"
                        + " expression is expected (seconds first, evaluated in UTC, e.g. cron:0 0/15 * * * ?)."
                        + " Nothing was created.");
            }
        } else if (!policy.equals("manual") && !policy.equals("on-commit")) {
            throw new InvalidRequestException("Unknown refresh policy '" + request.refresh()
                    + "': use manual, on-commit or cron:<Quartz cron expression>.");
        }
        ChunkingParams chunking;
        try {
            chunking = new ChunkingParams(
                    request.chunkSize() == null ? properties.getChunkSize() : request.chunkSize(),
                    request.chunkOverlap() == null ? properties.getChunkOverlap() : request.chunkOverlap());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Invalid chunking: " + e.getMessage() + ".");
        }
        String probe = "SELECT " + ident(keyColumn) + ", " + ident(textColumn) + " FROM " + ident(dataset) + " LIMIT 0";
        if (access != null) {
            access.check(caller, probe);
        }
        try {
            engine.get().query(probe);
        } catch (QueryFailedException e) {
            throw new InvalidRequestException("The dataset " + dataset + " has no column " + keyColumn + " or "
                    + textColumn + " to index: " + e.getMessage());
        }
        EmbeddingProvider p = provider();
        GraphParams graph = graphParams(request);
        StoredVectorIndex stored = new StoredVectorIndex(
                name,
                dataset,
                keyColumn,
                textColumn,
                chunking.maxChars(),
                chunking.overlapChars(),
                providerKind(),
                p.modelName(),
                p.modelVersion(),
                p.dimensions(),
                graph.maxDegree(),
                graph.beamWidth(),
                graph.neighborOverflow(),
                graph.alpha(),
                graph.hierarchy(),
                graph.overquery(),
                policy,
                0,
                0,
                0,
                null,
                null,
                null,
                caller == null || caller.keyName() == null ? "anonymous" : caller.keyName(),
                Instant.now(),
                null);
        if (!store().insert(stored)) {
            throw new IndexExistsException("A vector index named " + name + " exists already; delete it first.");
        }
        try {
            Path dir = directory(name);
            if (Files.exists(dir)) {
                deleteTree(dir); // leftovers of an index of that name deleted while its files were in use
            }
            forget(name); // an index of that name deleted through another hub, still open here
            open.put(name, VectorIndex.create(dir, p, chunking, graph));
        } catch (IOException | RuntimeException e) {
            store().delete(name);
            throw new LakehubException(
                    "Could not create the files of vector index " + name + " in " + directory(name) + ": "
                            + e.getMessage(),
                    e);
        }
        PipelineScheduler jobs = scheduler;
        if (cronTrigger != null && jobs != null) {
            try {
                jobs.scheduleAgent(REFRESH_GROUP, name, List.of(cronTrigger));
            } catch (RuntimeException e) {
                delete(name);
                throw new SchedulerUnavailableException(
                        "Vector index " + name + " was not created: its refresh policy '" + policy
                                + "' could not be scheduled (" + e.getMessage() + "). Nothing was kept; create it"
                                + " again when the catalog database answers.",
                        e);
            }
            LOG.info("Vector index {}: refresh job scheduled ({})", name, policy);
        }
        onServing.run();
        try {
            onCreated.accept(name);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Vector index {} created, but its autotune job could not be scheduled (it is scheduled at the"
                            + " next start; POST /api/indexes/{}/autotune tunes it now): {}",
                    name,
                    name,
                    e.getMessage());
        }
        return document(stored);
    }

    public List<IndexDocument> list() {
        return store().list().stream().map(HubIndexes::document).toList();
    }

    /** @throws UnknownIndexException when there is no such index */
    public IndexDocument get(String name) {
        return document(stored(name));
    }

    /** Removes the index from the catalog and deletes its files. */
    public void delete(String name) {
        StoredVectorIndex s = stored(name);
        store().delete(name);
        PipelineScheduler jobs = scheduler;
        if (jobs != null && cronOf(s.refreshPolicy()) != null) {
            try {
                jobs.unscheduleAgent(REFRESH_GROUP, name);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Vector index {} deleted, but its refresh job could not be removed from the scheduler ({});"
                                + " its next fire finds the index gone and removes it",
                        name,
                        e.getMessage());
            }
        }
        searchers.remove(name);
        promotionsInForce.remove(name);
        VectorIndex index;
        synchronized (open) {
            index = open.remove(name);
            openBuilds.remove(name);
        }
        if (index != null) {
            index.close();
        }
        try {
            deleteTree(directory(name));
        } catch (IOException e) {
            LOG.warn(
                    "Vector index {} deleted from the catalog; its folder {} could not be removed: {}",
                    name,
                    directory(name),
                    e.getMessage());
        }
    }

    private StoredVectorIndex stored(String name) {
        java.util.Optional<StoredVectorIndex> found = store().find(name);
        if (found.isEmpty()) {
            forget(name); // deleted, perhaps through another hub: this hub's open copy goes too
            throw new UnknownIndexException("No vector index named '" + name
                    + "' (GET /api/indexes lists them; ./lakehub index create makes one).");
        }
        return found.get();
    }

    /** Closes and forgets this hub's open copy of an index that no longer exists. */
    private void forget(String name) {
        VectorIndex index;
        synchronized (open) {
            index = open.remove(name);
            openBuilds.remove(name);
            searchers.remove(name);
            promotionsInForce.remove(name);
        }
        if (index != null) {
            index.close();
        }
    }

    /**
     * The build a registry row names: its build id, or for files directly in the index folder, the
     * root build of that incarnation of the index (an index deleted and created again is another one).
     */
    private static String buildOf(StoredVectorIndex s) {
        return s.buildId() != null
                ? s.buildId()
                : ROOT_BUILD + "@" + (s.createdAt() == null ? "" : s.createdAt().toString());
    }

    /**
     * The index opened on the build the catalog row {@code s} names: when another hub published a newer
     * build since this hub opened the index, the new build is opened and replaces the old one for later
     * searches; searches holding the old one's snapshot finish on it (ADR 0047). The registry row is read
     * by every search anyway, so noticing a new build costs no extra catalog query.
     */
    private VectorIndex index(StoredVectorIndex s) throws IOException {
        String build = buildOf(s);
        VectorIndex existing = open.get(s.name());
        if (existing != null && build.equals(openBuilds.get(s.name()))) {
            return existing;
        }
        VectorIndex replaced;
        VectorIndex fresh;
        synchronized (open) {
            existing = open.get(s.name());
            if (existing != null && build.equals(openBuilds.get(s.name()))) {
                return existing;
            }
            fresh = openFiles(s);
            replaced = open.put(s.name(), fresh);
            openBuilds.put(s.name(), build);
        }
        if (replaced != null) {
            LOG.info("Vector index {}: opened build {} (published by a refresh)", s.name(), build);
            replaced.close(); // searches holding its snapshot finish on it
        }
        return fresh;
    }

    /** The searcher of the index's current build, keeping the search parameters a promotion set. */
    private VectorSearcher searcher(StoredVectorIndex s) {
        VectorIndex index;
        try {
            index = index(s);
        } catch (IOException e) {
            throw new LakehubException("Could not open vector index " + s.name() + ": " + e.getMessage(), e);
        }
        return searchers.compute(
                s.name(),
                (n, current) -> current != null && current.index() == index
                        ? current
                        : new VectorSearcher(
                                index,
                                current != null
                                        ? current.params()
                                        : new SearchParams(
                                                s.overquery(), 0.02, 2_000, 60, Math.max(properties.getMaxK(), 1))));
    }

    /**
     * Searches the index's current build; a search that meets a build closed under it (a newer build
     * replaced it just then) runs again on the newer one, so a reopen never fails a search.
     */
    private List<SearchHit> searchCurrent(StoredVectorIndex s, SearchRequest search) {
        followPromotions(s);
        StoredVectorIndex row = s;
        for (int attempt = 1; ; attempt++) {
            VectorSearcher searcher = searcher(row);
            try {
                return searcher.search(search);
            } catch (IllegalStateException e) {
                if (attempt >= 3 || !searcher.index().isClosed()) {
                    throw e;
                }
                row = stored(s.name());
            }
        }
    }

    /**
     * Puts the catalog's newest promotion or rollback of the index in force on this hub when it is not yet
     * (another hub of the cluster promoted or rolled back, ADR 0048): one indexed read of the journal per
     * search. Search-time parameters are swapped into the searcher; when the promoted graph differs from the
     * one this hub has open (a build-time promotion or a rollback of one, committed in the build's files by
     * the hub that made it), the build is opened again from its files first. Searches in flight finish on
     * what they had; none fails. A journal that cannot be read now leaves the parameters as they are.
     */
    private void followPromotions(StoredVectorIndex s) {
        String name = s.name();
        java.util.Optional<io.lakehub.catalog.vectors.TuningJournal.Promotion> latest;
        try {
            latest = catalog.tuningJournal().latestPromotion(name);
        } catch (UnsupportedOperationException e) {
            return; // a catalog without a tuning journal promotes nothing
        } catch (RuntimeException e) {
            LOG.debug("Vector index {}: could not read its newest promotion now: {}", name, e.getMessage());
            return;
        }
        long seq = latest.map(io.lakehub.catalog.vectors.TuningJournal.Promotion::seq)
                .orElse(0L);
        Long inForce = promotionsInForce.get(name);
        if (inForce != null && inForce == seq) {
            return;
        }
        // A promotion older than the index belongs to a deleted index of the same name.
        if (latest.isEmpty() || (s.createdAt() != null && latest.get().at().isBefore(s.createdAt()))) {
            promotionsInForce.put(name, seq);
            return;
        }
        synchronized (promotionsInForce) {
            inForce = promotionsInForce.get(name);
            if (inForce != null && inForce == seq) {
                return;
            }
            io.lakehub.vector.tune.TrialParameters p =
                    io.lakehub.vector.tune.TrialParameters.parse(latest.get().parameters());
            try {
                VectorIndex index = index(s);
                GraphParams live;
                try (IndexSnapshot snap = index.snapshot()) {
                    live = snap.graphParams();
                }
                if (p.needsBuild(io.lakehub.vector.tune.TrialParameters.BuildTime.of(live))) {
                    index = reopen(s);
                }
                searchers.put(name, new VectorSearcher(index, p.searchParams(searchParams(name))));
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "Vector index {}: could not put promotion {} ({}) in force on this hub; searches keep the"
                                + " parameters they had and it is tried again on the next search: {}",
                        name,
                        seq,
                        p.canonical(),
                        e.getMessage());
                return;
            }
            promotionsInForce.put(name, seq);
            if (inForce != null) {
                LOG.info(
                        "Vector index {}: put {} {} in force (promotion {}, made by {})",
                        name,
                        latest.get().action(),
                        p.canonical(),
                        seq,
                        latest.get().actor());
            }
        }
    }

    /**
     * Opens the files of the index's current build (its own folder for an index built before build
     * folders existed, ADR 0047), creating an empty index there when there is none yet.
     */
    private VectorIndex openFiles(StoredVectorIndex s) throws IOException {
        if (s.buildId() == null) {
            return VectorIndex.openOrCreate(
                    directory(s.name()),
                    provider(),
                    new ChunkingParams(s.chunkSize(), s.chunkOverlap()),
                    new GraphParams(
                            s.maxDegree(),
                            s.beamWidth(),
                            (float) s.neighborOverflow(),
                            (float) s.alpha(),
                            s.hierarchy(),
                            s.overquery()));
        }
        return VectorIndex.open(buildDirectory(s.name(), s.buildId()), directory(s.name()), provider());
    }

    /** Opens the index's current build again from its files (another hub committed a promoted graph there). */
    private VectorIndex reopen(StoredVectorIndex s) throws IOException {
        VectorIndex replaced;
        VectorIndex fresh;
        synchronized (open) {
            fresh = openFiles(s);
            replaced = open.put(s.name(), fresh);
            openBuilds.put(s.name(), buildOf(s));
        }
        if (replaced != null) {
            replaced.close(); // searches holding its snapshot finish on it
        }
        return fresh;
    }

    /** Records that this hub put the index's promotion {@code seq} in force itself (it made it). */
    public void promotionInForce(String name, long seq) {
        promotionsInForce.put(name, seq);
    }

    // ---------------------------------------------------------------------------------------------
    // Refresh

    /**
     * Starts a refresh in the background; a refresh of the index that is still queued is returned
     * instead of queueing another.
     */
    public VectorJob refresh(String name) {
        stored(name);
        return submit(name);
    }

    private VectorJob submit(String name) {
        synchronized (queued) {
            VectorJob waiting = queued.get(name);
            if (waiting != null) {
                return waiting;
            }
            VectorJob job = new VectorJob(
                    "vector-" + jobCounter.incrementAndGet() + "-"
                            + UUID.randomUUID().toString().substring(0, 8),
                    name);
            remember(job);
            queued.put(name, job);
            workers.submit(() -> {
                synchronized (queued) {
                    queued.remove(name, job);
                }
                run(job);
            });
            return job;
        }
    }

    private void remember(VectorJob job) {
        synchronized (jobOrder) {
            jobs.put(job.id(), job);
            jobOrder.add(job.id());
            IndexJobs.forgetOldestFinished(jobOrder, jobs, VectorJob::finished, properties.getJobHistory());
        }
    }

    private void run(VectorJob job) {
        job.started();
        try {
            RefreshResult result = refreshNow(job.index(), job);
            job.succeeded(result);
            if (result.addedRows() > 0) {
                try {
                    onRefreshed.accept(job.index());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Vector index {} refreshed; the autotune growth check after it failed (the periodic check"
                                    + " still runs): {}",
                            job.index(),
                            e.getMessage());
                }
            }
        } catch (RuntimeException | IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.failed(reason);
            LOG.warn("Refresh of vector index {} failed; the previous index keeps serving: {}", job.index(), reason);
        }
    }

    /** The job of that id. */
    public VectorJob job(String id) {
        VectorJob job = jobs.get(id);
        if (job == null) {
            throw new UnknownIndexException("No job with id '" + id + "' on this hub.");
        }
        return job;
    }

    /** Whether a vector job of that id is known. */
    public boolean hasJob(String id) {
        return jobs.containsKey(id);
    }

    /** The refresh jobs this hub remembers: queued, running, and the newest finished ones (unordered). */
    List<VectorJob> jobs() {
        return List.copyOf(jobs.values());
    }

    /** How many finished jobs of each kind (refreshes, autotune runs) this hub remembers ({@code job-history}). */
    int jobHistory() {
        return properties.getJobHistory();
    }

    /**
     * Refreshes the index now, on this thread, reporting to {@code listener}; records the outcome in
     * the catalog (a failure too, after which the previous index keeps serving).
     */
    public RefreshResult refreshNow(String name, RefreshListener listener) throws IOException {
        return refreshNow(name, listener, false);
    }

    private RefreshResult refreshNow(String name, RefreshListener listener, boolean force) throws IOException {
        stored(name);
        String jobId = listener instanceof VectorJob job
                ? job.id()
                : "direct-" + UUID.randomUUID().toString().substring(0, 8);
        IndexBuildLease lease;
        try {
            lease = IndexBuildLease.acquire(
                    store(), name, hubId + "/" + jobId, jobId, properties.getBuildLease(), clock, timer, other -> {
                        if (listener instanceof VectorJob job) {
                            job.waiting();
                        }
                        LOG.info(
                                "Refresh {} of vector index {} waits for the build running on {}",
                                jobId,
                                name,
                                other.map(l -> l.holder() + " (job " + l.jobId() + ")")
                                        .orElse("another hub"));
                    });
        } catch (RuntimeException e) {
            recordFailure(name, e);
            throw e;
        }
        try (lease) {
            if (listener instanceof VectorJob job) {
                job.reading();
            }
            return refreshLeased(name, listener, force, lease);
        } catch (IOException | RuntimeException e) {
            recordFailure(name, e);
            throw e;
        }
    }

    private void recordFailure(String name, Exception e) {
        try {
            store().failed(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    /**
     * The refresh proper, holding the build lease: nothing when the catalog's build signature says the
     * published build is up to date (another hub's build that this one waited for, typically); else the
     * rows are read, the new build is written to a folder of its own, forced to disk and published by
     * one catalog update; superseded builds older than the grace period are deleted.
     */
    private RefreshResult refreshLeased(String name, RefreshListener listener, boolean force, IndexBuildLease lease)
            throws IOException {
        long start = System.nanoTime();
        StoredVectorIndex s = stored(name); // read again: the build this refresh waited for may be published now
        VectorIndex index = index(s);
        Long snapshot = catalog.currentSnapshotIds().get(s.dataset());
        if (snapshot == null) {
            throw new UnknownDatasetException(s.dataset());
        }
        String sourceId = force ? null : s.dataset() + "@" + snapshot + pendingErasures(s.dataset());
        if (sourceId != null
                && s.buildSignature() != null
                && s.buildSignature().equals(index.signatureFor(sourceId).hex())) {
            return new RefreshResult(
                    (int) s.rowCount(),
                    0,
                    0,
                    0,
                    (int) s.chunkCount(),
                    0,
                    false,
                    true,
                    java.time.Duration.ofNanos(System.nanoTime() - start));
        }
        RefreshListener checked = new RefreshListener() {
            @Override
            public void embedded(int done, int total) {
                lease.check();
                listener.embedded(done, total);
            }

            @Override
            public void building(int chunks) {
                lease.check();
                listener.building(chunks);
            }
        };
        String build = "b" + System.currentTimeMillis() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path target = buildDirectory(name, build);
        String before = s.buildId() == null ? ROOT_BUILD : s.buildId();
        RefreshResult result;
        if (sourceId != null && index.isUpToDate(sourceId)) {
            result = index.refresh(List.of(), sourceId, checked, target);
        } else {
            try {
                result = index.refresh(readRows(s), sourceId, checked, target);
            } catch (IllegalArgumentException e) {
                // A NULL or repeated key: the engine names the row or key, this names where it comes from.
                throw new InvalidRequestException(
                        "Vector index " + name + " over dataset " + s.dataset() + " (key column " + s.keyColumn()
                                + "): " + e.getMessage(),
                        e);
            }
        }
        if (result.upToDate()) {
            return result;
        }
        String signature = index.signature() == null ? null : index.signature().hex();
        try (IndexSnapshot snap = index.snapshot()) {
            long buildMillis = result.graphRebuilt() ? snap.buildMillis() : s.buildMillis();
            if (!index.directory().equals(target)) {
                // Nothing to rebuild (the rows are as indexed): the published build stays, with the new signature.
                store().refreshed(name, snap.rowCount(), snap.size(), buildMillis, signature, Instant.now());
                return result;
            }
            lease.check();
            if (!store().publish(
                            name,
                            lease.holder(),
                            build,
                            snap.rowCount(),
                            snap.size(),
                            buildMillis,
                            signature,
                            Instant.now())) {
                discard(name, index);
                throw new LakehubException("Build " + build + " of vector index " + name + " in " + target
                        + " was not published: this hub lost the build lease (or the index was deleted); the"
                        + " previous build keeps serving.");
            }
        }
        synchronized (open) {
            if (open.get(name) == index) {
                openBuilds.put(name, build);
            }
        }
        LOG.info("Vector index {}: published build {} ({} rows)", name, build, result.rows());
        retire(name, before);
        sweep(name, build);
        return result;
    }

    /** Closes and forgets an open index whose build was not published: the next use opens the catalog's. */
    private void discard(String name, VectorIndex index) {
        synchronized (open) {
            if (open.remove(name, index)) {
                openBuilds.remove(name);
            }
        }
        index.close();
    }

    /** Stamps the superseded build's retired marker: it is deleted once the grace period has passed. */
    private void retire(String name, String build) {
        try {
            Path marker = directory(name).resolve(RETIRED_DIR).resolve(build);
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            LOG.warn("Could not mark build {} of vector index {} superseded: {}", build, name, e.getMessage());
        }
    }

    /**
     * Deletes the index's builds superseded longer than the grace period ago (no hub still reads them:
     * each reopens the newer build on its next search), and folders of builds never published that are
     * older than that (a refresh that died before publishing). Runs holding the build lease, so no
     * build of the index is being written meanwhile.
     */
    void sweep(String name, String current) {
        Instant cutoff = clock.instant().minus(properties.getBuildGrace());
        Path home = directory(name);
        try {
            Path retired = home.resolve(RETIRED_DIR);
            if (Files.isDirectory(retired)) {
                try (var markers = Files.newDirectoryStream(retired)) {
                    for (Path marker : markers) {
                        String build = marker.getFileName().toString();
                        if (build.equals(current)
                                || Files.getLastModifiedTime(marker).toInstant().isAfter(cutoff)) {
                            continue;
                        }
                        if (build.equals(ROOT_BUILD)) {
                            try (var files = Files.newDirectoryStream(home, "{mapping.bin,state.bin,graph-*.jvg}")) {
                                for (Path f : files) {
                                    Files.deleteIfExists(f);
                                }
                            }
                        } else {
                            deleteTree(home.resolve(BUILDS_DIR).resolve(build));
                        }
                        Files.deleteIfExists(marker);
                        LOG.info("Vector index {}: deleted superseded build {}", name, build);
                    }
                }
            }
            Path builds = home.resolve(BUILDS_DIR);
            if (Files.isDirectory(builds)) {
                try (var dirs = Files.newDirectoryStream(builds)) {
                    for (Path dir : dirs) {
                        String build = dir.getFileName().toString();
                        if (!build.equals(current)
                                && !Files.exists(retired.resolve(build))
                                && Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)) {
                            deleteTree(dir);
                            LOG.info("Vector index {}: deleted unpublished build folder {}", name, dir);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the superseded builds of vector index {} in {}: {}", name, home, e.getMessage());
        }
    }

    /** Pending erasures hide rows without a new snapshot: they are part of what the index follows. */
    private String pendingErasures(String dataset) {
        StringBuilder ids = new StringBuilder();
        for (var p : catalog.pendingErasures()) {
            if (p.covers(dataset)) {
                ids.append('+').append(p.id());
            }
        }
        return ids.toString();
    }

    /** Every current row of the dataset as (key, text), read page by page in key order. */
    private List<Row> readRows(StoredVectorIndex s) {
        List<Row> rows = new ArrayList<>();
        String key = "CAST(" + ident(s.keyColumn()) + " AS VARCHAR)";
        String select = "SELECT " + key + ", CAST(" + ident(s.textColumn()) + " AS VARCHAR) FROM " + ident(s.dataset());
        String last = null;
        boolean first = true;
        while (true) {
            String sql = select
                    + (first ? "" : " WHERE " + key + " > " + literal(last))
                    + " ORDER BY 1 NULLS FIRST LIMIT " + PAGE;
            QueryResult page;
            try {
                page = engine.get().query(sql);
            } catch (QueryFailedException e) {
                throw new InvalidRequestException("Could not read column " + s.keyColumn() + " or " + s.textColumn()
                        + " of dataset " + s.dataset() + " for vector index " + s.name() + ": " + e.getMessage());
            }
            for (List<Object> r : page.rows()) {
                rows.add(new Row((String) r.get(0), (String) r.get(1)));
            }
            if (page.rows().isEmpty() || (page.rows().size() < PAGE && !page.truncated())) {
                return rows;
            }
            last = (String) page.rows().get(page.rows().size() - 1).get(0);
            if (last == null) {
                return rows; // a NULL key: the engine refuses the refresh naming the row
            }
            first = false;
        }
    }

    /** Hears a commit on the committing thread: the catalog look-up and the queueing happen on the timer thread. */
    private void committed(DatasetChange change) {
        if (DatasetChange.DROP.equals(change.operation())) {
            return;
        }
        try {
            timer.execute(() -> queueOnCommit(change));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Vector indexes closed; commit to {} not followed", change.dataset());
        }
    }

    private void queueOnCommit(DatasetChange change) {
        try {
            for (StoredVectorIndex s : store().list()) {
                if (s.dataset().equals(change.dataset()) && "on-commit".equals(s.refreshPolicy())) {
                    submit(s.name());
                }
            }
            queueEmbedSteps(change);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not queue the on-commit refresh of the vector indexes of {}: {}",
                    change.dataset(),
                    e.getMessage());
        }
    }

    /** The {@code embed:} indexes of the pipeline that made this commit (per the commit's lineage), queued. */
    private void queueEmbedSteps(DatasetChange change) {
        io.lakehub.schedules.pipeline.PipelineConfig config = pipelines.get();
        if (config == null) {
            return;
        }
        List<io.lakehub.schedules.pipeline.PipelineDefinition> candidates = config.pipelines().stream()
                .filter(p -> !p.embed().isEmpty() && p.into().toString().equals(change.dataset()))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        String pipeline = null;
        for (var l : catalog.lineage(io.lakehub.catalog.DatasetName.of(change.dataset()))) {
            if (l.snapshotId() == change.snapshotId()) {
                pipeline = l.pipeline();
                break;
            }
        }
        for (var p : candidates) {
            if (!p.id().equals(pipeline)) {
                continue;
            }
            for (var e : p.embed()) {
                if (store().find(e.index()).isPresent()) {
                    LOG.debug(
                            "Pipeline {} committed snapshot {} of {}: refreshing vector index {} (embed:)",
                            p.id(),
                            change.snapshotId(),
                            change.dataset(),
                            e.index());
                    submit(e.index());
                } else {
                    LOG.warn(
                            "{}:{}: pipeline {} committed to {} but its embed: index {} no longer exists",
                            e.file(),
                            e.line(),
                            p.id(),
                            change.dataset(),
                            e.index());
                }
            }
        }
    }

    /**
     * Forgets the erased rows: every index of the erasure's datasets is refreshed at once from the rows
     * the views still show (the erased ones are hidden since the erasure was recorded). Idempotent.
     */
    @Override
    public void erase(Erasure erasure, List<String> values) {
        for (StoredVectorIndex s : store().list()) {
            if (erasure.datasets().contains(s.dataset())) {
                try {
                    RefreshResult r = refreshNow(s.name(), RefreshListener.NONE, true);
                    LOG.info(
                            "Erasure {}: vector index {} removed the vectors of {} row(s)",
                            erasure.id(),
                            s.name(),
                            r.removedRows());
                } catch (IOException e) {
                    throw new LakehubException(
                            "The erasure could not remove rows from vector index " + s.name() + ": " + e.getMessage(),
                            e);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Search

    /**
     * Searches the index: the filter (a SQL predicate on the dataset's columns) becomes the set of row
     * keys the graph search may return; the hits carry their rows.
     *
     * @throws InvalidRequestException for a missing query, k out of range, an unknown mode or a bad filter
     * @throws UnknownIndexException when there is no such index
     */
    public IndexSearchResponse search(Caller caller, String name, IndexSearchRequest request) {
        StoredVectorIndex s = stored(name);
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw new InvalidRequestException("No query given: send {\"query\": \"...\", \"k\": 10}.");
        }
        int k = request.k() == null ? 10 : request.k();
        if (k < 1 || k > properties.getMaxK()) {
            throw new InvalidRequestException("k must be between 1 and " + properties.getMaxK() + ", got " + k + ".");
        }
        SearchMode mode;
        String m = request.mode() == null ? "vector" : request.mode().trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "vector", "" -> mode = SearchMode.VECTOR;
            case "hybrid" -> mode = SearchMode.HYBRID;
            default ->
                throw new InvalidRequestException(
                        "Unknown search mode '" + request.mode() + "': use vector or hybrid.");
        }
        if (!DatasetName.isValid(s.dataset())
                || catalog.dataset(DatasetName.of(s.dataset())).isEmpty()) {
            throw new UnknownIndexException("The dataset " + s.dataset() + " of vector index " + name
                    + " no longer exists; delete the index (DELETE /api/indexes/" + name + ").");
        }
        String filter = request.filter() == null || request.filter().isBlank()
                ? null
                : request.filter().trim();
        String whole = "SELECT * FROM " + ident(s.dataset()) + (filter == null ? "" : " WHERE (" + filter + ")");
        if (access != null) {
            try {
                access.check(caller == null ? Caller.ANONYMOUS : caller, whole);
            } catch (SqlRefusedException | QueryFailedException e) {
                throw badFilter(filter, s, e);
            }
        }
        SearchRequest search = SearchRequest.of(request.query(), k).withMode(mode);
        if (filter != null) {
            search = search.withAllowedKeys(acceptedKeys(s, filter));
        }
        List<SearchHit> found = searchCurrent(s, search);
        Map<String, Map<String, Object>> rows = rows(s, found);
        List<IndexSearchResponse.Hit> hits = new ArrayList<>(found.size());
        for (SearchHit h : found) {
            hits.add(new IndexSearchResponse.Hit(
                    h.key(), Math.round(h.score() * 1e6) / 1e6, h.text(), rows.getOrDefault(h.key(), Map.of())));
        }
        try {
            store().used(name, Instant.now());
        } catch (RuntimeException e) {
            LOG.debug("Could not stamp last_used of vector index {}: {}", name, e.getMessage());
        }
        return new IndexSearchResponse(hits);
    }

    private Set<String> acceptedKeys(StoredVectorIndex s, String filter) {
        Set<String> keys = new LinkedHashSet<>();
        String key = "CAST(" + ident(s.keyColumn()) + " AS VARCHAR)";
        String base =
                "SELECT " + key + " FROM " + ident(s.dataset()) + " WHERE (" + filter + ") AND " + key + " IS NOT NULL";
        String last = null;
        while (true) {
            String sql =
                    base + (last == null ? "" : " AND " + key + " > " + literal(last)) + " ORDER BY 1 LIMIT " + PAGE;
            QueryResult page;
            try {
                page = engine.get().query(sql);
            } catch (QueryFailedException | SqlRefusedException e) {
                throw badFilter(filter, s, e);
            }
            for (List<Object> r : page.rows()) {
                keys.add((String) r.get(0));
            }
            if (page.rows().isEmpty() || (page.rows().size() < PAGE && !page.truncated())) {
                return keys;
            }
            last = (String) page.rows().get(page.rows().size() - 1).get(0);
        }
    }

    private static InvalidRequestException badFilter(String filter, StoredVectorIndex s, LakehubException e) {
        if (filter == null) {
            return new InvalidRequestException("The dataset " + s.dataset() + " of vector index " + s.name()
                    + " cannot be read: " + e.getMessage());
        }
        return new InvalidRequestException("Bad filter for vector index " + s.name() + " (a SQL predicate on the"
                + " columns of dataset " + s.dataset() + "): " + e.getMessage());
    }

    private Map<String, Map<String, Object>> rows(StoredVectorIndex s, List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return Map.of();
        }
        StringBuilder in = new StringBuilder();
        for (SearchHit h : hits) {
            in.append(in.isEmpty() ? "" : ", ").append(literal(h.key()));
        }
        String key = "CAST(" + ident(s.keyColumn()) + " AS VARCHAR)";
        QueryResult result = engine.get()
                .query("SELECT " + key + " AS \"__lakehub_key\", * FROM " + ident(s.dataset()) + " WHERE " + key
                        + " IN (" + in + ")");
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (List<Object> r : result.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c < result.columns().size(); c++) {
                row.put(result.columns().get(c).name(), r.get(c));
            }
            out.putIfAbsent((String) r.get(0), row);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Autotune (ADR 0041)

    /** The index, opened (its graph in memory); {@link UnknownIndexException} when there is no such index. */
    public VectorIndex openIndex(String name) {
        StoredVectorIndex s = stored(name);
        try {
            return index(s);
        } catch (IOException e) {
            throw new LakehubException("Could not open vector index " + name + ": " + e.getMessage(), e);
        }
    }

    /** The search parameters searches of the index use now (its registry's until a promotion swaps them). */
    public SearchParams searchParams(String name) {
        VectorSearcher searcher = searchers.get(name);
        if (searcher != null) {
            return searcher.params();
        }
        StoredVectorIndex s = stored(name);
        return new SearchParams(s.overquery(), 0.02, 2_000, 60, Math.max(properties.getMaxK(), 1));
    }

    /**
     * Swaps the index's search parameters: searches that started keep the searcher they have, later ones
     * use the new parameters; no search fails in between.
     */
    public void applySearchParams(String name, SearchParams params) {
        VectorIndex index = openIndex(name);
        searchers.put(name, new VectorSearcher(index, params));
    }

    // ---------------------------------------------------------------------------------------------
    // Search profiles (ADR 0041)

    /** The dataset an index is built over; {@link UnknownIndexException} when there is no such index. */
    public String datasetOf(String name) {
        return stored(name).dataset();
    }

    /** The key column of an index; {@link UnknownIndexException} when there is no such index. */
    public String keyColumnOf(String name) {
        return stored(name).keyColumn();
    }

    /**
     * Opens the index's graph into memory now (a search would otherwise open it on first use).
     *
     * @return the number of chunks the index holds
     */
    public long warm(String name) {
        StoredVectorIndex s = stored(name);
        try (IndexSnapshot snap = index(s).snapshot()) {
            return snap.size();
        } catch (IOException e) {
            throw new LakehubException("Could not open vector index " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Searches the index like {@link #search} but reads the filter's candidates and the hits' rows
     * through {@code relation}: a governance view over the index's dataset, so rows come redacted and
     * rows the view hides are never candidates. The chunk text (raw, from the index) is not returned.
     */
    public IndexSearchResponse searchThrough(Caller caller, String name, IndexSearchRequest request, String relation) {
        StoredVectorIndex s = stored(name);
        if (relation.equals(s.dataset())) {
            return search(caller, name, request);
        }
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw new InvalidRequestException("No query given: send {\"query\": \"...\", \"k\": 10}.");
        }
        int k = request.k() == null ? 10 : request.k();
        if (k < 1 || k > properties.getMaxK()) {
            throw new InvalidRequestException("k must be between 1 and " + properties.getMaxK() + ", got " + k + ".");
        }
        String m = request.mode() == null ? "vector" : request.mode().trim().toLowerCase(Locale.ROOT);
        SearchMode mode = switch (m) {
            case "vector", "" -> SearchMode.VECTOR;
            case "hybrid" -> SearchMode.HYBRID;
            default ->
                throw new InvalidRequestException(
                        "Unknown search mode '" + request.mode() + "': use vector or hybrid.");
        };
        String filter = request.filter() == null || request.filter().isBlank()
                ? null
                : request.filter().trim();
        StoredVectorIndex through = viewOf(s, relation);
        String whole = "SELECT * FROM " + ident(relation) + (filter == null ? "" : " WHERE (" + filter + ")");
        if (access != null) {
            try {
                access.check(caller == null ? Caller.ANONYMOUS : caller, whole);
            } catch (SqlRefusedException | QueryFailedException e) {
                throw badFilter(filter, through, e);
            }
        }
        // The view's row filter decides the candidates even without a filter of the caller's.
        SearchRequest search = SearchRequest.of(request.query(), k)
                .withMode(mode)
                .withAllowedKeys(acceptedKeys(through, filter == null ? "TRUE" : filter));
        List<SearchHit> found = searchCurrent(s, search);
        Map<String, Map<String, Object>> rows = rows(through, found);
        List<IndexSearchResponse.Hit> hits = new ArrayList<>(found.size());
        for (SearchHit h : found) {
            Map<String, Object> row = rows.get(h.key());
            if (row != null) {
                hits.add(new IndexSearchResponse.Hit(h.key(), Math.round(h.score() * 1e6) / 1e6, null, row));
            }
        }
        try {
            store().used(name, Instant.now());
        } catch (RuntimeException e) {
            LOG.debug("Could not stamp last_used of vector index {}: {}", name, e.getMessage());
        }
        return new IndexSearchResponse(hits);
    }

    /** The index's definition with its dataset replaced by the view that is read instead. */
    private static StoredVectorIndex viewOf(StoredVectorIndex s, String view) {
        return new StoredVectorIndex(
                s.name(),
                view,
                s.keyColumn(),
                s.textColumn(),
                s.chunkSize(),
                s.chunkOverlap(),
                s.provider(),
                s.modelName(),
                s.modelVersion(),
                s.dimensions(),
                s.maxDegree(),
                s.beamWidth(),
                s.neighborOverflow(),
                s.alpha(),
                s.hierarchy(),
                s.overquery(),
                s.refreshPolicy(),
                s.rowCount(),
                s.chunkCount(),
                s.buildMillis(),
                s.buildSignature(),
                s.refreshedAt(),
                s.lastUsed(),
                s.createdBy(),
                s.createdAt(),
                s.lastError());
    }

    // ---------------------------------------------------------------------------------------------

    private String providerKind() {
        return properties.getProvider().trim().toLowerCase(Locale.ROOT);
    }

    static IndexDocument document(StoredVectorIndex s) {
        return new IndexDocument(
                s.name(),
                s.dataset(),
                s.keyColumn(),
                s.textColumn(),
                s.chunkSize(),
                s.chunkOverlap(),
                s.provider(),
                s.modelName(),
                s.modelVersion(),
                s.dimensions(),
                s.maxDegree(),
                s.beamWidth(),
                s.neighborOverflow(),
                s.alpha(),
                s.hierarchy(),
                s.overquery(),
                s.refreshPolicy(),
                s.rowCount(),
                s.chunkCount(),
                s.buildMillis(),
                s.buildSignature(),
                s.refreshedAt() == null ? null : s.refreshedAt().toString(),
                s.lastUsed() == null ? null : s.lastUsed().toString(),
                s.createdBy(),
                s.createdAt() == null ? null : s.createdAt().toString(),
                s.lastError());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(
                    "Missing " + field + ": a vector index needs name, dataset, key_column" + " and text_column.");
        }
        return value.trim();
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        started = false;
        timer.shutdownNow();
        workers.shutdownNow();
        for (VectorIndex index : open.values()) {
            try {
                index.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a vector index failed: {}", e.getMessage());
            }
        }
        open.clear();
        if (provider != null) {
            provider.close();
        }
    }
}
