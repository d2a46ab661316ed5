package io.lakehub.benchmarks;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.EmbeddingProvider;
import io.lakehub.vector.embed.Vectors;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.Row;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.SearchParams;
import io.lakehub.vector.search.VectorSearcher;
import io.lakehub.vector.tune.EvaluationSet;
import io.lakehub.vector.tune.Objective;
import io.lakehub.vector.tune.PreparedEvaluation;
import io.lakehub.vector.tune.Proposer;
import io.lakehub.vector.tune.TrialParameters;
import io.lakehub.vector.tune.TrialResult;
import io.lakehub.vector.tune.TrialRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The autotune agent (issue 11, ADR 0040/0045) on VectorIndexBenchmark's clustered set (same generator, seed 42;
 * 100K × 384-d by default): from deliberately poor parameters (max degree 8, beam 20, overquery 1), N trials of the
 * ε-greedy proposer with the default objective (recall@10 ≥ 0.95, then lowest p95) and margin, promoting winners as
 * the hub does — a build-time winner's candidate graph is installed in the index ({@code VectorIndex.installGraph}) and
 * the run goes on against it. Then the exhaustive grid of the same space in the same run, the agent's final champion
 * and the grid's best re-measured side by side (interleaved rounds on the same queries, each on an index serving its
 * own graph), and the p95 of live searches while a candidate graph builds in the background.
 *
 * <p>The space (agent and grid alike, so the grid's best is the space's best): max degree {8, 16, 32, 48} × build
 * beam {20, 100} (hierarchy on, overflow 1.2, alpha 1.2: 8 graphs) × overquery {1, 2, 3, 4, 5, 6, 8, 10, 12, 16}
 * = 80 points; the exact-scan share does not matter for unfiltered searches and is fixed. It is restricted so that
 * the whole run fits in about 15 minutes on 2 cores (the 8 grid graphs are built with 2 threads; the agent builds
 * with 1 thread at minimum priority, as in the hub).
 *
 * <pre>
 * bench/run AutotuneBenchmark [--n N (100000)] [--dim D (384)] [--queries Q (200)] [--trials T (12)]
 *                             [--build-threads B (1)] [--grid-threads G (2)] [--rounds R (5)]
 *                             [--no-grid] [--no-concurrency]
 * </pre>
 */
public final class AutotuneBenchmark {

    private static final int K = 10;
    private static final long SEED = 42;
    private static final GraphParams POOR = new GraphParams(8, 20, 1.2f, 1.2f, true, 1);
    private static final SearchParams BASE = SearchParams.DEFAULT.withOverquery(1);
    static final Proposer.Space SPACE = new Proposer.Space(
            List.of(1, 2, 3, 4, 5, 6, 8, 10, 12, 16),
            List.of(0.02),
            List.of(8, 16, 32, 48),
            List.of(20, 100),
            List.of(1.2f),
            List.of(1.2f),
            List.of(true));

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int dim = 384;
        int queries = 200;
        int trials = 12;
        int buildThreads = 1;
        int gridThreads = 2;
        int rounds = 5;
        boolean grid = true;
        boolean concurrency = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--build-threads" -> buildThreads = Integer.parseInt(args[++i]);
                case "--grid-threads" -> gridThreads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--no-grid" -> grid = false;
                case "--no-concurrency" -> concurrency = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long started = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "AutotuneBenchmark: %,d x %d-d clustered unit vectors (seed %d), %d eval queries, k=%d, agent %d build"
                        + " thread(s), grid %d, %d processors, load average %.2f at start (shared machine: figures"
                        + " are noisy)%n",
                n,
                dim,
                SEED,
                queries,
                K,
                buildThreads,
                gridThreads,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("space (agent and grid): " + SPACE.size() + " points: max degree " + SPACE.maxDegree()
                + " x beam " + SPACE.beamWidth() + " (hierarchy, overflow 1.2, alpha 1.2) x overquery "
                + SPACE.overquery());
        float[][] data = data(n, dim);
        Path dir = Files.createTempDirectory("lakehub-autotune-bench");
        Summary summary = new Summary();
        try (VectorIndex index = index(dir.resolve("agent"), data)) {
            System.out.printf(Locale.ROOT, "index with %s: %.1f s%n", POOR, (System.nanoTime() - started) / 1e9);
            EvaluationSet set = EvaluationSet.generate(index, EvaluationSet.Generation.vectors(queries, K, SEED));
            Objective objective = Objective.DEFAULT;
            TrialParameters champion;
            try (TrialRunner runner = new TrialRunner(
                    new TrialRunner.Settings(buildThreads, 1, 1, 3, Thread.MIN_PRIORITY), InstantSource.system())) {
                champion = agent(runner, index, set, objective, trials, summary);
            }
            if (grid) {
                TrialResult best;
                try (TrialRunner runner = new TrialRunner(
                                new TrialRunner.Settings(gridThreads, 1, 1, 3, Thread.NORM_PRIORITY),
                                InstantSource.system());
                        IndexSnapshot snapshot = index.snapshot()) {
                    best = grid(
                            runner,
                            snapshot,
                            set.prepare(snapshot, index.signature(), index.provider()),
                            objective,
                            summary);
                }
                sideBySide(index, dir, data, set, champion, best.parameters(), rounds, summary);
            }
            if (concurrency) {
                try (TrialRunner runner = new TrialRunner(
                                new TrialRunner.Settings(buildThreads, 1, 1, 3, Thread.MIN_PRIORITY),
                                InstantSource.system());
                        IndexSnapshot snapshot = index.snapshot()) {
                    concurrency(
                            runner,
                            snapshot,
                            set.prepare(snapshot, index.signature(), index.provider()),
                            new VectorSearcher(index, champion.searchParams(BASE)),
                            summary);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        summary.print((System.nanoTime() - started) / 1e9);
    }

    /** An index over the data with the poor parameters (its first graph built on every core). */
    private static VectorIndex index(Path dir, float[][] data) throws java.io.IOException {
        VectorIndex index = VectorIndex.create(dir, provider(data), ChunkingParams.DEFAULT, POOR);
        List<Row> rows = new ArrayList<>(data.length);
        for (int i = 0; i < data.length; i++) {
            rows.add(new Row("p" + i, "p" + i));
        }
        index.refresh(rows, "bench-" + data.length + "-" + data[0].length);
        return index;
    }

    /** The agent as the hub runs it; returns its final champion (in force in the index). */
    private static TrialParameters agent(
            TrialRunner runner, VectorIndex index, EvaluationSet set, Objective objective, int trials, Summary summary)
            throws java.io.IOException {
        long t0 = System.nanoTime();
        Proposer proposer = new Proposer(SPACE, 0.2, SEED);
        TrialParameters championParams = TrialParameters.of(POOR, BASE);
        IndexSnapshot snapshot = index.snapshot();
        try {
            PreparedEvaluation eval = set.prepare(snapshot, index.signature(), index.provider());
            runner.searchTrial(snapshot, BASE, championParams, eval); // warm-up, unrecorded (as the hub does)
            TrialResult champion =
                    runner.run(snapshot, BASE, championParams, eval).join();
            System.out.println("start: " + champion);
            List<TrialResult> journal = new ArrayList<>(List.of(champion));
            int done = 0;
            for (int t = 1; t <= trials; t++) {
                Optional<Proposer.Proposal> next = proposer.propose(championParams, journal);
                if (next.isEmpty()) {
                    break;
                }
                TrialResult r = runner.run(snapshot, BASE, next.get().parameters(), eval)
                        .join();
                journal.add(r);
                done = t;
                Objective.Decision d = objective.decide(champion, r, Objective.Margin.DEFAULT);
                if (d.promote() && r.kind() == TrialResult.Kind.BUILD_TIME) {
                    GraphParams params = r.parameters().build().toGraphParams(1);
                    IndexSnapshot basedOn = snapshot;
                    boolean installed = runner.withCandidate(
                                    basedOn, r.parameters().build(), g -> {
                                        try {
                                            index.installGraph(basedOn, g, params, 0);
                                            return true;
                                        } catch (java.io.IOException e) {
                                            throw new java.io.UncheckedIOException(e);
                                        }
                                    })
                            .orElse(false);
                    if (!installed) {
                        index.restoreGraph(params, 0);
                    }
                    runner.releaseCandidate();
                    IndexSnapshot fresh = index.snapshot();
                    snapshot.close();
                    snapshot = fresh;
                    eval = set.prepare(snapshot, index.signature(), index.provider());
                }
                if (d.promote()) {
                    champion = r;
                    championParams = r.parameters();
                }
                System.out.printf(
                        Locale.ROOT,
                        "trial %d (%.0f s): %s%s%n",
                        t,
                        (System.nanoTime() - t0) / 1e9,
                        r,
                        d.promote() ? "  → PROMOTED (" + r.kind() + "): " + d.reason() : "");
            }
            summary.agentTrials = done;
            summary.agentSeconds = (System.nanoTime() - t0) / 1e9;
            summary.agentChampion = championParams;
            System.out.printf(
                    Locale.ROOT,
                    "agent: %d trials in %.1f s wall; champion %s%n",
                    done,
                    summary.agentSeconds,
                    champion);
            return championParams;
        } finally {
            snapshot.close();
        }
    }

    private static TrialResult grid(
            TrialRunner runner, IndexSnapshot snapshot, PreparedEvaluation eval, Objective objective, Summary summary) {
        long t0 = System.nanoTime();
        List<TrialResult> all = new ArrayList<>();
        for (int m : SPACE.maxDegree()) {
            for (int beam : SPACE.beamWidth()) {
                GraphParams g = new GraphParams(m, beam, 1.2f, 1.2f, true, 1);
                // One build per construction point (the runner keeps it); overquery swept on it.
                for (int oq : SPACE.overquery()) {
                    TrialParameters p = TrialParameters.of(g, BASE.withOverquery(oq));
                    TrialResult r = runner.run(snapshot, BASE, p, eval).join();
                    all.add(r);
                    System.out.println("grid: " + r);
                }
            }
        }
        runner.releaseCandidate();
        TrialResult best = objective.best(all).orElseThrow();
        summary.gridPoints = all.size();
        summary.gridSeconds = (System.nanoTime() - t0) / 1e9;
        summary.gridBest = best.parameters();
        System.out.printf(
                Locale.ROOT, "grid: %d points in %.1f s wall; best %s%n", all.size(), summary.gridSeconds, best);
        return best;
    }

    /**
     * The agent's champion and the grid's best, each served by an index of its own (the grid's graph installed in a
     * second index over the same data, unless the construction is the same), measured in interleaved rounds on the
     * same queries; the medians of the rounds' p95 and the mean recall are compared.
     */
    private static void sideBySide(
            VectorIndex agentIndex,
            Path dir,
            float[][] data,
            EvaluationSet set,
            TrialParameters agent,
            TrialParameters grid,
            int rounds,
            Summary summary)
            throws java.io.IOException {
        boolean sameGraph = agent.build().equals(grid.build());
        VectorIndex gridIndex = sameGraph ? agentIndex : index(dir.resolve("grid"), data);
        try (TrialRunner runner =
                new TrialRunner(new TrialRunner.Settings(1, 1, 1, 5, Thread.NORM_PRIORITY), InstantSource.system())) {
            if (!sameGraph) {
                gridIndex.restoreGraph(grid.build().toGraphParams(1), 0);
            }
            try (IndexSnapshot a = agentIndex.snapshot();
                    IndexSnapshot g = gridIndex.snapshot()) {
                PreparedEvaluation ea = set.prepare(a, agentIndex.signature(), agentIndex.provider());
                PreparedEvaluation eg = set.prepare(g, gridIndex.signature(), gridIndex.provider());
                long[] pa = new long[rounds];
                long[] pg = new long[rounds];
                double ra = 0;
                double rg = 0;
                for (int round = 0; round < rounds; round++) {
                    // Alternate who goes first, so neither always gets the warmer caches.
                    boolean agentFirst = round % 2 == 0;
                    TrialResult x = null;
                    TrialResult y = null;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == agentFirst) {
                            x = runner.searchTrial(a, BASE, agent, ea);
                        } else {
                            y = runner.searchTrial(g, BASE, grid, eg);
                        }
                    }
                    pa[round] = x.p95().toNanos();
                    pg[round] = y.p95().toNanos();
                    ra += x.recall();
                    rg += y.recall();
                    System.out.printf(
                            Locale.ROOT,
                            "side by side round %d: agent recall %.4f p95 %d µs | grid best recall %.4f p95 %d µs%n",
                            round + 1,
                            x.recall(),
                            pa[round] / 1_000,
                            y.recall(),
                            pg[round] / 1_000);
                }
                summary.agentRecall = ra / rounds;
                summary.gridRecall = rg / rounds;
                summary.agentP95 = median(pa);
                summary.gridP95 = median(pg);
            }
        } finally {
            if (!sameGraph) {
                gridIndex.close();
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void concurrency(
            TrialRunner runner,
            IndexSnapshot snapshot,
            PreparedEvaluation eval,
            VectorSearcher searcher,
            Summary summary) {
        List<float[]> qs = eval.queries().stream()
                .map(PreparedEvaluation.PreparedQuery::vector)
                .toList();
        searches(snapshot, searcher, qs, null); // warm-up
        long[] idle = searches(snapshot, searcher, qs, null);
        CompletableFuture<TrialResult> build = runner.buildTrial(
                snapshot, BASE, TrialParameters.of(new GraphParams(32, 100, 1.2f, 1.2f, true, 5), BASE), eval);
        long[] busy = searches(snapshot, searcher, qs, build);
        TrialResult built = build.join();
        summary.idleP95 = p95(idle);
        summary.busyP95 = p95(busy);
        System.out.printf(
                Locale.ROOT,
                "live searches (%s): p95 %d µs idle vs %d µs during a candidate build (%+.0f%%), %d vs %d"
                        + " searches; the build took %d ms%n",
                searcher.params(),
                p95(idle) / 1_000,
                p95(busy) / 1_000,
                100.0 * (p95(busy) - p95(idle)) / p95(idle),
                idle.length,
                busy.length,
                built.buildTime().toMillis());
    }

    /** The figures the issue asks for, printed last. */
    static final class Summary {
        int agentTrials;
        double agentSeconds;
        TrialParameters agentChampion;
        int gridPoints;
        double gridSeconds;
        TrialParameters gridBest;
        double agentRecall = Double.NaN;
        double gridRecall = Double.NaN;
        long agentP95;
        long gridP95;
        long idleP95;
        long busyP95;

        void print(double total) {
            System.out.println("==== AutotuneBenchmark summary ====");
            System.out.printf(
                    Locale.ROOT,
                    "agent: N = %d trials, %.1f s wall; champion %s%n",
                    agentTrials,
                    agentSeconds,
                    agentChampion == null ? "-" : agentChampion.canonical());
            if (gridBest != null) {
                System.out.printf(
                        Locale.ROOT,
                        "grid: %d points, %.1f s wall; best %s%n",
                        gridPoints,
                        gridSeconds,
                        gridBest.canonical());
                double recallRatio = agentRecall / gridRecall;
                double p95Ratio = agentP95 / (double) gridP95;
                System.out.printf(
                        Locale.ROOT,
                        "side by side (interleaved, same queries): agent recall@10 %.4f p95 %d µs | grid best recall@10"
                                + " %.4f p95 %d µs%n",
                        agentRecall,
                        agentP95 / 1_000,
                        gridRecall,
                        gridP95 / 1_000);
                System.out.printf(
                        Locale.ROOT,
                        "ratio agent/grid: recall %.4f (%s), p95 %.3f (%s)  [within 2%%: recall >= 0.98, p95 <= 1.02]%n",
                        recallRatio,
                        recallRatio >= 0.98 ? "within 2%" : "NOT within 2%",
                        p95Ratio,
                        p95Ratio <= 1.02 ? "within 2%" : "NOT within 2%");
            }
            if (idleP95 > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "p95 of live searches during a candidate build: %d µs vs %d µs idle: %+.0f%% (%s)%n",
                        busyP95 / 1_000,
                        idleP95 / 1_000,
                        100.0 * (busyP95 - idleP95) / idleP95,
                        busyP95 <= idleP95 * 1.5 ? "<= +50%" : "more than +50%");
            }
            System.out.printf(
                    Locale.ROOT,
                    "total wall %.1f s; load average now %.2f%n",
                    total,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Searches round the queries: 2,000 of them, or until {@code until} completes (at least 200). */
    private static long[] searches(
            IndexSnapshot snapshot, VectorSearcher searcher, List<float[]> qs, CompletableFuture<?> until) {
        long[] out = new long[1 << 20];
        int count = 0;
        while (count < out.length && (until == null ? count < 2_000 : !until.isDone() || count < 200)) {
            float[] q = qs.get(count % qs.size());
            long t = System.nanoTime();
            searcher.nearestChunks(snapshot, q, K, snapshot.acceptAll());
            out[count++] = System.nanoTime() - t;
        }
        return Arrays.copyOf(out, count);
    }

    private static long p95(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1)];
    }

    /** VectorIndexBenchmark's set: 100 normalised Gaussian centres, points at σ 0.06, point i seeded by i. */
    private static float[][] data(int n, int dim) {
        Random random = new Random(SEED);
        float[][] centres = new float[100][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) random.nextGaussian();
            }
            Vectors.normalize(c);
        }
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            Random r = new Random(SEED * 1_000_003 + i);
            float[] c = centres[r.nextInt(centres.length)];
            float[] v = new float[dim];
            for (int d = 0; d < dim; d++) {
                v[d] = c[d] + (float) (r.nextGaussian() * 0.06);
            }
            data[i] = Vectors.normalize(v);
        }
        return data;
    }

    /** Maps the text "p<i>" to point i (a stand-in model); any other text to point 0. */
    private static EmbeddingProvider provider(float[][] data) {
        return new EmbeddingProvider() {
            @Override
            public String modelName() {
                return "autotune-bench";
            }

            @Override
            public String modelVersion() {
                return "1";
            }

            @Override
            public int dimensions() {
                return data[0].length;
            }

            @Override
            public float[][] embed(List<String> texts) {
                float[][] out = new float[texts.size()][];
                for (int i = 0; i < out.length; i++) {
                    String t = texts.get(i).strip();
                    int at = t.startsWith("p") ? Integer.parseInt(t.substring(1)) : 0;
                    out[i] = data[at].clone();
                }
                return out;
            }
        };
    }
}
