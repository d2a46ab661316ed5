package io.lakehub.vector.tune;

import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.ScoredOrdinal;
import io.lakehub.vector.index.VectorGraph;
import io.lakehub.vector.search.SearchParams;
import io.lakehub.vector.search.VectorSearcher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trials: a set of {@link TrialParameters} against a {@link PreparedEvaluation} on one {@link IndexSnapshot}.
 *
 * <p>A trial whose construction parameters equal those the snapshot's graph was built with is a
 * {@link TrialResult.Kind#SEARCH_TIME search-time trial}: it runs on the live graph, on the calling thread, without
 * a rebuild. Any other is a {@link TrialResult.Kind#BUILD_TIME build-time trial}: a candidate graph is built from the
 * snapshot's vectors (same ordinals, so the prepared accept-sets and keys apply) on one of
 * {@link Settings#maxConcurrentBuilds} background threads of {@link Settings#threadPriority} with
 * {@link Settings#buildThreads} build workers (which inherit that priority) and measured. The last candidate is kept
 * until the next build or {@link #releaseCandidate()}, so trials that differ from it only in search-time values
 * reuse it (reporting the time it took to build).
 *
 * <p>Each trial runs every query {@link Settings#warmupPasses} times unmeasured, then {@link Settings#measuredPasses}
 * times timing each search (query vector → top-k distinct keys, as {@link VectorSearcher} does it, same exact-scan
 * rule and filtered-beam cap); p50/p95 are over all measured searches, recall@k is from the first measured pass.
 */
public final class TrialRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);
    private static final Object VECTORS = new Object();

    /**
     * @param buildThreads build workers of one candidate graph (≥ 1)
     * @param maxConcurrentBuilds candidate graphs built at once (≥ 1); more trials queue
     * @param warmupPasses unmeasured passes over the queries before measuring (≥ 0)
     * @param measuredPasses measured passes (≥ 1)
     * @param threadPriority the Java priority of build threads (a hint: Linux ignores it unless the JVM runs with
     *     {@code -XX:ThreadPriorityPolicy=1}; the thread bound is the real limit)
     */
    public record Settings(
            int buildThreads, int maxConcurrentBuilds, int warmupPasses, int measuredPasses, int threadPriority) {

        /** One build worker, one build at a time, one warm-up pass, three measured passes, minimum priority. */
        public static final Settings DEFAULT = new Settings(1, 1, 1, 3, Thread.MIN_PRIORITY);

        public Settings {
            if (buildThreads < 1 || maxConcurrentBuilds < 1 || warmupPasses < 0 || measuredPasses < 1) {
                throw new IllegalArgumentException(
                        "buildThreads ≥ 1, maxConcurrentBuilds ≥ 1, warmupPasses ≥ 0 and measuredPasses ≥ 1 are required");
            }
            if (threadPriority < Thread.MIN_PRIORITY || threadPriority > Thread.MAX_PRIORITY) {
                throw new IllegalArgumentException("threadPriority must be in [1, 10], got " + threadPriority);
            }
        }
    }

    private final Settings settings;
    private final InstantSource clock;
    private final ExecutorService builds;
    private final Object cacheLock = new Object();
    private Candidate cached;
    private boolean closed;

    public TrialRunner(Settings settings, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "lakehub-autotune-build-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(settings.threadPriority());
            return t;
        };
        this.builds = Executors.newFixedThreadPool(settings.maxConcurrentBuilds(), factory);
    }

    public TrialRunner() {
        this(Settings.DEFAULT, InstantSource.system());
    }

    public Settings settings() {
        return settings;
    }

    /** The kind of trial {@code parameters} need on this snapshot. */
    public static TrialResult.Kind kindOf(IndexSnapshot snapshot, TrialParameters parameters) {
        return parameters.needsBuild(TrialParameters.BuildTime.of(snapshot.graphParams()))
                ? TrialResult.Kind.BUILD_TIME
                : TrialResult.Kind.SEARCH_TIME;
    }

    /**
     * Runs a trial of either kind. Search-time trials complete before this returns; build-time trials complete in the
     * background. The caller keeps {@code snapshot} open until the future completes.
     *
     * @param base the searcher's current settings (values not tuned are taken from it)
     */
    public CompletableFuture<TrialResult> run(
            IndexSnapshot snapshot, SearchParams base, TrialParameters parameters, PreparedEvaluation eval) {
        return kindOf(snapshot, parameters) == TrialResult.Kind.SEARCH_TIME
                ? CompletableFuture.completedFuture(searchTrial(snapshot, base, parameters, eval))
                : buildTrial(snapshot, base, parameters, eval);
    }

    /**
     * Measures search-time parameters on the snapshot's own graph (no rebuild).
     *
     * @throws IllegalArgumentException if the parameters' construction part differs from the snapshot's graph
     */
    public TrialResult searchTrial(
            IndexSnapshot snapshot, SearchParams base, TrialParameters parameters, PreparedEvaluation eval) {
        if (kindOf(snapshot, parameters) != TrialResult.Kind.SEARCH_TIME) {
            throw new IllegalArgumentException("the live graph was built with "
                    + TrialParameters.BuildTime.of(snapshot.graphParams()) + ", not " + parameters.build()
                    + ": that needs a build-time trial");
        }
        checkPrepared(snapshot, eval);
        Instant started = clock.instant();
        Target live = new Target() {
            @Override
            public List<ScoredOrdinal> graph(float[] q, int n, int beam, Bits accept) {
                return snapshot.graphSearch(q, n, beam, accept);
            }

            @Override
            public List<ScoredOrdinal> exact(float[] q, int n, Bits accept) {
                return snapshot.exactSearch(q, n, accept);
            }
        };
        return measure(
                snapshot,
                live,
                parameters.searchParams(base),
                parameters,
                TrialResult.Kind.SEARCH_TIME,
                eval,
                started,
                Duration.ZERO,
                snapshot.ramBytesUsed());
    }

    /**
     * Builds a candidate graph with the parameters' construction values from the snapshot's vectors in the
     * background, measures it, and releases it. A failure completes the future with a {@code FAILED} result naming
     * the cause (never exceptionally).
     */
    public CompletableFuture<TrialResult> buildTrial(
            IndexSnapshot snapshot, SearchParams base, TrialParameters parameters, PreparedEvaluation eval) {
        checkPrepared(snapshot, eval);
        if (snapshot.size() == 0) {
            throw new IllegalArgumentException("the index is empty: there is no graph to build");
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    Instant started = clock.instant();
                    Candidate candidate = null;
                    try {
                        candidate = candidate(snapshot, parameters.build());
                        VectorGraph graph = candidate.graph;
                        Target target = new Target() {
                            @Override
                            public List<ScoredOrdinal> graph(float[] q, int n, int beam, Bits accept) {
                                return graph.search(VectorGraph.wrap(q), n, beam, accept);
                            }

                            @Override
                            public List<ScoredOrdinal> exact(float[] q, int n, Bits accept) {
                                return graph.exactSearch(VectorGraph.wrap(q), n, accept);
                            }
                        };
                        return measure(
                                snapshot,
                                target,
                                parameters.searchParams(base),
                                parameters,
                                TrialResult.Kind.BUILD_TIME,
                                eval,
                                started,
                                candidate.buildTime,
                                graph.ramBytesUsed());
                    } catch (IOException | RuntimeException | OutOfMemoryError e) {
                        LOG.warn("build-time trial {} failed: {}", parameters, e.toString());
                        return TrialResult.unsuccessful(
                                parameters,
                                TrialResult.Kind.BUILD_TIME,
                                TrialResult.Status.FAILED,
                                eval.fingerprint(),
                                started,
                                e.toString());
                    } finally {
                        if (candidate != null) {
                            release(candidate);
                        }
                    }
                },
                builds);
    }

    /**
     * Releases the candidate graph kept from the last build-time trial (its memory: graph plus the vectors' copy
     * belong to the snapshot). Trials keep the last candidate so that trials differing from it only in search-time
     * values measure it again without a rebuild.
     */
    public void releaseCandidate() {
        Candidate old;
        synchronized (cacheLock) {
            old = cached;
            cached = null;
        }
        if (old != null) {
            release(old);
        }
    }

    /**
     * Applies {@code use} to the candidate graph the last build-time trial kept, if it was built from {@code snapshot}
     * with {@code build} (held for the call, so a concurrent trial cannot release it); empty otherwise. This is how a
     * winner's graph is promoted without building it again.
     */
    public <T> java.util.Optional<T> withCandidate(
            IndexSnapshot snapshot, TrialParameters.BuildTime build, java.util.function.Function<VectorGraph, T> use) {
        Candidate c;
        synchronized (cacheLock) {
            c = cached;
            if (c == null || c.snapshot != snapshot || !c.build.equals(build)) {
                return java.util.Optional.empty();
            }
            c.refs++;
        }
        try {
            return java.util.Optional.ofNullable(use.apply(c.graph));
        } finally {
            release(c);
        }
    }

    /** The kept candidate if it matches, else a new build (kept in place of the previous one); acquired. */
    private Candidate candidate(IndexSnapshot snapshot, TrialParameters.BuildTime build) throws IOException {
        synchronized (cacheLock) {
            if (cached != null && cached.snapshot == snapshot && cached.build.equals(build)) {
                cached.refs++;
                return cached;
            }
        }
        List<VectorFloat<?>> vectors = snapshot.memo(VECTORS, TrialRunner::copyVectors);
        long t0 = System.nanoTime();
        VectorGraph graph =
                VectorGraph.build(vectors, snapshot.dimensions(), build.toGraphParams(1), settings.buildThreads());
        Candidate fresh = new Candidate(snapshot, build, graph, Duration.ofNanos(System.nanoTime() - t0));
        Candidate old;
        synchronized (cacheLock) {
            if (closed) {
                return fresh; // not kept: released (and closed) by the trial that built it
            }
            old = cached;
            cached = fresh;
            fresh.refs++; // the cache's reference
        }
        if (old != null) {
            release(old);
        }
        return fresh;
    }

    private void release(Candidate c) {
        boolean close;
        synchronized (cacheLock) {
            close = --c.refs == 0;
        }
        if (close) {
            try {
                c.graph.close();
            } catch (IOException e) {
                LOG.warn("cannot close a candidate graph: {}", e.toString());
            }
        }
    }

    /** A candidate graph with its reference count (guarded by {@code cacheLock}). */
    private static final class Candidate {
        final IndexSnapshot snapshot;
        final TrialParameters.BuildTime build;
        final VectorGraph graph;
        final Duration buildTime;
        int refs = 1;

        Candidate(IndexSnapshot snapshot, TrialParameters.BuildTime build, VectorGraph graph, Duration buildTime) {
            this.snapshot = snapshot;
            this.build = build;
            this.graph = graph;
            this.buildTime = buildTime;
        }
    }

    /**
     * Stops accepting builds and releases the kept candidate; builds under way finish in the background (their
     * threads are daemons).
     */
    @Override
    public void close() {
        builds.shutdown();
        synchronized (cacheLock) {
            closed = true;
        }
        releaseCandidate();
    }

    /** The two searches a trial needs from a graph. */
    interface Target {
        List<ScoredOrdinal> graph(float[] q, int n, int beam, Bits accept);

        List<ScoredOrdinal> exact(float[] q, int n, Bits accept);
    }

    private TrialResult measure(
            IndexSnapshot snapshot,
            Target target,
            SearchParams params,
            TrialParameters parameters,
            TrialResult.Kind kind,
            PreparedEvaluation eval,
            Instant started,
            Duration buildTime,
            long memory) {
        List<PreparedEvaluation.PreparedQuery> queries = eval.queries();
        for (int pass = 0; pass < settings.warmupPasses(); pass++) {
            for (PreparedEvaluation.PreparedQuery q : queries) {
                topKeys(snapshot, target, params, q, eval.k());
            }
        }
        long[] latencies = new long[queries.size() * settings.measuredPasses()];
        double recallSum = 0;
        int at = 0;
        for (int pass = 0; pass < settings.measuredPasses(); pass++) {
            for (PreparedEvaluation.PreparedQuery q : queries) {
                long t0 = System.nanoTime();
                List<String> keys = topKeys(snapshot, target, params, q, eval.k());
                latencies[at++] = System.nanoTime() - t0;
                if (pass == 0) {
                    recallSum += recall(keys, q.truth(), eval.k());
                }
            }
        }
        Arrays.sort(latencies);
        return new TrialResult(
                parameters,
                kind,
                TrialResult.Status.COMPLETED,
                eval.fingerprint(),
                eval.k(),
                queries.size(),
                recallSum / queries.size(),
                Duration.ofNanos(percentile(latencies, 0.50)),
                Duration.ofNanos(percentile(latencies, 0.95)),
                buildTime,
                memory,
                started,
                null);
    }

    /** recall@k of one query: expected keys found among the first k returned, over min(k, |expected|). */
    static double recall(List<String> returned, Set<String> truth, int k) {
        if (truth.isEmpty()) {
            return 1.0;
        }
        int hits = 0;
        for (int i = 0; i < Math.min(k, returned.size()); i++) {
            if (truth.contains(returned.get(i))) {
                hits++;
            }
        }
        return hits / (double) Math.min(k, truth.size());
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** The top-k distinct keys, as {@code VectorSearcher}'s vector search finds them. */
    private static List<String> topKeys(
            IndexSnapshot snapshot, Target target, SearchParams params, PreparedEvaluation.PreparedQuery q, int k) {
        IndexSnapshot.AcceptSet accept = q.accept();
        int n = Math.min(snapshot.size(), k * 2);
        while (true) {
            List<ScoredOrdinal> chunks = nearestChunks(snapshot.size(), target, params, q.vector(), n, accept);
            Set<String> seen = new HashSet<>();
            List<String> keys = new ArrayList<>(k);
            for (ScoredOrdinal c : chunks) {
                String key = snapshot.key(c.ordinal());
                if (seen.add(key)) {
                    keys.add(key);
                    if (keys.size() == k) {
                        break;
                    }
                }
            }
            if (keys.size() >= k || chunks.size() < n || n >= accept.cardinality()) {
                return keys;
            }
            n = Math.min(snapshot.size(), n * 4);
        }
    }

    /** The same choice as {@link VectorSearcher#nearestChunks} (a test keeps the two in step). */
    static List<ScoredOrdinal> nearestChunks(
            int size, Target target, SearchParams params, float[] query, int n, IndexSnapshot.AcceptSet accept) {
        if (accept.cardinality() == 0 || size == 0) {
            return List.of();
        }
        boolean exact = size <= params.exactScanBelow()
                || accept.cardinality() <= params.exactScanSelectivity() * size
                || accept.cardinality() <= n;
        if (exact) {
            return target.exact(query, n, accept.bits());
        }
        if (accept.cardinality() == size) {
            return target.graph(query, n, n * params.overquery(), accept.bits());
        }
        return target.graph(
                query, n, n * Math.min(params.overquery(), VectorSearcher.FILTERED_OVERQUERY_CAP), accept.bits());
    }

    private static void checkPrepared(IndexSnapshot snapshot, PreparedEvaluation eval) {
        if (eval.chunks() != snapshot.size()) {
            throw new IllegalArgumentException("the evaluation was prepared on a snapshot of " + eval.chunks()
                    + " chunks but this one has " + snapshot.size() + ": prepare it again on this snapshot");
        }
    }

    private static List<VectorFloat<?>> copyVectors(IndexSnapshot s) {
        List<VectorFloat<?>> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            out.add(VectorGraph.wrap(s.vector(i)));
        }
        return List.copyOf(out);
    }
}
