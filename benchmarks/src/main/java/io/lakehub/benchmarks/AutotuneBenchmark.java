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
 * Autotune core (issue 11) on VectorIndexBenchmark's clustered set (same generator, seed 42): from deliberately poor
 * parameters (max degree 8, beam 20, overquery 1), N trials of the ε-greedy proposer with the default objective
 * (recall@10 ≥ 0.95, then lowest p95) and margin, against an exhaustive grid measured in the same run; then the p95 of
 * live searches while a candidate graph builds in the background, against the same searches without it.
 *
 * <pre>
 * bench/run AutotuneBenchmark [--n N (100000)] [--dim D (384)] [--queries Q (200)] [--trials T (20)]
 *                             [--build-threads B (1)] [--no-grid] [--no-concurrency]
 * </pre>
 */
public final class AutotuneBenchmark {

    private static final int K = 10;
    private static final long SEED = 42;
    private static final GraphParams POOR = new GraphParams(8, 20, 1.2f, 1.2f, true, 1);
    private static final SearchParams BASE = SearchParams.DEFAULT.withOverquery(1);

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int dim = 384;
        int queries = 200;
        int trials = 20;
        int buildThreads = 1;
        boolean grid = true;
        boolean concurrency = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--build-threads" -> buildThreads = Integer.parseInt(args[++i]);
                case "--no-grid" -> grid = false;
                case "--no-concurrency" -> concurrency = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "AutotuneBenchmark: %,d x %d-d clustered unit vectors (seed %d), %d eval queries, k=%d, %d build"
                        + " thread(s), %d processors, load average %.2f at start (shared machine: figures are noisy)%n",
                n,
                dim,
                SEED,
                queries,
                K,
                buildThreads,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        float[][] data = data(n, dim);
        Path dir = Files.createTempDirectory("lakehub-autotune-bench");
        long t0 = System.nanoTime();
        try (VectorIndex index =
                        VectorIndex.create(dir.resolve("index"), provider(data), ChunkingParams.DEFAULT, POOR);
                TrialRunner runner = new TrialRunner(
                        new TrialRunner.Settings(buildThreads, 1, 1, 3, Thread.MIN_PRIORITY), InstantSource.system())) {
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(new Row("p" + i, "p" + i));
            }
            index.refresh(rows, "bench-" + n + "-" + dim);
            System.out.printf(Locale.ROOT, "index with %s: %.1f s%n", POOR, (System.nanoTime() - t0) / 1e9);
            EvaluationSet set = EvaluationSet.generate(index, EvaluationSet.Generation.vectors(queries, K, SEED));
            try (IndexSnapshot snapshot = index.snapshot()) {
                PreparedEvaluation eval = set.prepare(snapshot, index.signature(), index.provider());
                Objective objective = Objective.DEFAULT;
                TrialResult champion = agent(runner, snapshot, eval, objective, trials);
                if (grid) {
                    grid(runner, snapshot, eval, objective, champion);
                }
                if (concurrency) {
                    concurrency(runner, snapshot, eval, new VectorSearcher(index, BASE.withOverquery(5)));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static TrialResult agent(
            TrialRunner runner, IndexSnapshot snapshot, PreparedEvaluation eval, Objective objective, int trials) {
        long t0 = System.nanoTime();
        Proposer proposer = new Proposer(Proposer.Space.DEFAULT, 0.2, SEED);
        TrialParameters championParams = TrialParameters.of(POOR, BASE);
        TrialResult champion = runner.run(snapshot, BASE, championParams, eval).join();
        System.out.println("start: " + champion);
        List<TrialResult> journal = new ArrayList<>(List.of(champion));
        for (int t = 1; t <= trials; t++) {
            Optional<Proposer.Proposal> next = proposer.propose(championParams, journal);
            if (next.isEmpty()) {
                break;
            }
            TrialResult r =
                    runner.run(snapshot, BASE, next.get().parameters(), eval).join();
            journal.add(r);
            Objective.Decision d = objective.decide(champion, r, Objective.Margin.DEFAULT);
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
                    d.promote() ? "  → PROMOTED: " + d.reason() : "");
        }
        System.out.printf(
                Locale.ROOT,
                "agent: %d trials in %.1f s wall; champion %s%n",
                journal.size() - 1,
                (System.nanoTime() - t0) / 1e9,
                champion);
        return champion;
    }

    private static void grid(
            TrialRunner runner,
            IndexSnapshot snapshot,
            PreparedEvaluation eval,
            Objective objective,
            TrialResult agentChampion) {
        long t0 = System.nanoTime();
        List<TrialResult> all = new ArrayList<>();
        for (int m : new int[] {8, 16, 32, 48}) {
            for (int beam : new int[] {20, 50, 100, 200}) {
                GraphParams g = new GraphParams(m, beam, 1.2f, 1.2f, true, 1);
                // One build per construction point; overquery swept on it by search-time measurements.
                for (int oq : new int[] {1, 2, 3, 5, 8, 12}) {
                    TrialParameters p = TrialParameters.of(g, BASE.withOverquery(oq));
                    TrialResult r = runner.run(snapshot, BASE, p, eval).join();
                    all.add(r);
                    System.out.println("grid: " + r);
                }
            }
        }
        TrialResult best = objective.best(all).orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "grid: %d points in %.1f s wall; best %s%nagent vs grid: recall %.4f vs %.4f (%+.2f%%), p95 %d vs %d µs"
                        + " (%+.1f%%)%n",
                all.size(),
                (System.nanoTime() - t0) / 1e9,
                best,
                agentChampion.recall(),
                best.recall(),
                100 * (agentChampion.recall() - best.recall()) / best.recall(),
                agentChampion.p95().toNanos() / 1_000,
                best.p95().toNanos() / 1_000,
                100.0
                        * (agentChampion.p95().toNanos() - best.p95().toNanos())
                        / best.p95().toNanos());
    }

    private static void concurrency(
            TrialRunner runner, IndexSnapshot snapshot, PreparedEvaluation eval, VectorSearcher searcher) {
        List<float[]> qs = eval.queries().stream()
                .map(PreparedEvaluation.PreparedQuery::vector)
                .toList();
        long[] idle = searches(snapshot, searcher, qs, null);
        CompletableFuture<TrialResult> build = runner.buildTrial(
                snapshot, BASE, TrialParameters.of(new GraphParams(32, 100, 1.2f, 1.2f, true, 5), BASE), eval);
        long[] busy = searches(snapshot, searcher, qs, build);
        TrialResult built = build.join();
        System.out.printf(
                Locale.ROOT,
                "live searches (overquery 5): p95 %d µs idle vs %d µs during a candidate build (%+.0f%%), %d vs %d"
                        + " searches; the build took %d ms%n",
                p95(idle) / 1_000,
                p95(busy) / 1_000,
                100.0 * (p95(busy) - p95(idle)) / p95(idle),
                idle.length,
                busy.length,
                built.buildTime().toMillis());
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
