package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.ScoredOrdinal;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.SearchParams;
import io.lakehub.vector.search.VectorSearcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRunnerTest {

    private static final GraphParams LIVE = new GraphParams(12, 40, 1.2f, 1.2f, true, 2);
    /** Graph search always (no exact scan because the index is small). */
    private static final SearchParams BASE = new SearchParams(2, 0.02, 0, 60, 1_000);

    @TempDir
    Path dir;

    private final ClusteredData data = new ClusteredData(2_000, 24, 20, 31);
    private final TrialRunner runner = new TrialRunner(new TrialRunner.Settings(1, 1, 1, 2, 1), InstantSource.system());
    private VectorIndex index;
    private IndexSnapshot snapshot;
    private PreparedEvaluation eval;

    @BeforeEach
    void open() throws IOException {
        index = data.index(dir, LIVE);
        snapshot = index.snapshot();
        EvaluationSet set = EvaluationSet.generate(
                index, EvaluationSet.Generation.vectors(80, 10, 4).withFilters(0.25, 0.1));
        eval = set.prepare(snapshot, index.signature(), data.provider);
    }

    @AfterEach
    void close() {
        runner.close();
        snapshot.close();
        index.close();
    }

    @Test
    void searchTimeTrialsRunOnTheLiveGraphAndMoreOverqueryGivesMoreRecall() {
        TrialParameters low = TrialParameters.of(LIVE, BASE.withOverquery(1));
        TrialParameters high = TrialParameters.of(LIVE, BASE.withOverquery(20));
        assertThat(TrialRunner.kindOf(snapshot, high)).isEqualTo(TrialResult.Kind.SEARCH_TIME);
        TrialResult a = runner.run(snapshot, BASE, low, eval).join();
        TrialResult b = runner.run(snapshot, BASE, high, eval).join();
        assertThat(a.kind()).isEqualTo(TrialResult.Kind.SEARCH_TIME);
        assertThat(a.completed()).isTrue();
        assertThat(a.queries()).isEqualTo(80);
        assertThat(a.evaluation()).isEqualTo(eval.fingerprint());
        assertThat(a.buildTime()).isEqualTo(Duration.ZERO);
        assertThat(a.memoryBytes()).isEqualTo(snapshot.ramBytesUsed()).isPositive();
        assertThat(a.p95()).isGreaterThanOrEqualTo(a.p50()).isPositive();
        assertThat(b.recall()).isGreaterThanOrEqualTo(a.recall()).isGreaterThan(0.95);
        // Everything scanned exactly: perfect recall, whatever the graph.
        TrialResult exact = runner.searchTrial(snapshot, BASE.withExactScan(1.0, 1_000_000), low, eval);
        assertThat(exact.recall()).isEqualTo(1.0);
    }

    @Test
    void buildTimeTrialsBuildACandidateInTheBackground() {
        TrialParameters candidate = TrialParameters.of(new GraphParams(24, 80, 1.2f, 1.2f, false, 4), BASE);
        assertThat(TrialRunner.kindOf(snapshot, candidate)).isEqualTo(TrialResult.Kind.BUILD_TIME);
        assertThatThrownBy(() -> runner.searchTrial(snapshot, BASE, candidate, eval))
                .hasMessageContaining("needs a build-time trial");
        TrialResult r = runner.run(snapshot, BASE, candidate, eval).join();
        assertThat(r.kind()).isEqualTo(TrialResult.Kind.BUILD_TIME);
        assertThat(r.completed()).as("%s", r).isTrue();
        assertThat(r.buildTime()).isPositive();
        assertThat(r.memoryBytes()).isPositive();
        assertThat(r.recall()).isGreaterThan(0.9);
        assertThat(r.parameters()).isEqualTo(candidate);
    }

    @Test
    void theLastCandidateIsReusedForSearchTimeVariations() {
        GraphParams g = new GraphParams(16, 50, 1.2f, 1.2f, true, 1);
        TrialResult first = runner.run(snapshot, BASE, TrialParameters.of(g, BASE.withOverquery(1)), eval)
                .join();
        TrialResult second = runner.run(snapshot, BASE, TrialParameters.of(g, BASE.withOverquery(10)), eval)
                .join();
        assertThat(second.kind()).isEqualTo(TrialResult.Kind.BUILD_TIME);
        assertThat(second.buildTime()).isEqualTo(first.buildTime());
        assertThat(second.recall()).isGreaterThanOrEqualTo(first.recall());
        runner.releaseCandidate();
        TrialResult third = runner.run(snapshot, BASE, TrialParameters.of(g, BASE.withOverquery(10)), eval)
                .join();
        assertThat(third.completed()).isTrue();
        assertThat(third.buildTime()).isNotEqualTo(first.buildTime());
        // Several build-time trials at once queue on the build pool (one build at a time) and all complete.
        List<java.util.concurrent.CompletableFuture<TrialResult>> futures = new java.util.ArrayList<>();
        for (int m : new int[] {6, 8, 10}) {
            futures.add(runner.buildTrial(
                    snapshot, BASE, TrialParameters.of(new GraphParams(m, 30, 1.2f, 1.2f, false, 2), BASE), eval));
        }
        assertThat(futures).allSatisfy(f -> assertThat(f.join().completed()).isTrue());
    }

    @Test
    void aPreparedEvaluationOfAnotherSnapshotIsRefused() {
        PreparedEvaluation other = new PreparedEvaluation(eval.fingerprint(), 10, 5, eval.queries());
        assertThatThrownBy(() -> runner.searchTrial(snapshot, BASE, TrialParameters.of(LIVE, BASE), other))
                .hasMessageContaining("prepared on a snapshot of 5 chunks but this one has 2000");
    }

    @Test
    void chunkSearchMatchesTheSearcherForRandomParametersAndFilters() {
        Random random = new Random(8);
        for (int i = 0; i < 60; i++) {
            SearchParams params = new SearchParams(
                    1 + random.nextInt(8), random.nextDouble() * 0.2, random.nextBoolean() ? 0 : 5_000, 60, 1_000);
            VectorSearcher searcher = new VectorSearcher(index, params);
            PreparedEvaluation.PreparedQuery q =
                    eval.queries().get(random.nextInt(eval.queries().size()));
            int n = 1 + random.nextInt(40);
            List<ScoredOrdinal> expected = searcher.nearestChunks(snapshot, q.vector(), n, q.accept());
            List<ScoredOrdinal> actual = TrialRunner.nearestChunks(
                    snapshot.size(),
                    new TrialRunner.Target() {
                        @Override
                        public List<ScoredOrdinal> graph(
                                float[] v, int k, int beam, io.github.jbellis.jvector.util.Bits accept) {
                            return snapshot.graphSearch(v, k, beam, accept);
                        }

                        @Override
                        public List<ScoredOrdinal> exact(float[] v, int k, io.github.jbellis.jvector.util.Bits accept) {
                            return snapshot.exactSearch(v, k, accept);
                        }
                    },
                    params,
                    q.vector(),
                    n,
                    q.accept());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void recallAndPercentiles() {
        assertThat(TrialRunner.recall(List.of("a", "b", "c"), Set.of("a", "c", "d"), 3))
                .isEqualTo(2 / 3.0);
        assertThat(TrialRunner.recall(List.of("a", "b", "c"), Set.of("a"), 3)).isEqualTo(1.0);
        assertThat(TrialRunner.recall(List.of("x", "a"), Set.of("a", "b"), 1)).isEqualTo(0.0);
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(TrialRunner.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(TrialRunner.percentile(sorted, 0.95)).isEqualTo(95);
        assertThat(TrialRunner.percentile(new long[] {7}, 0.95)).isEqualTo(7);
    }
}
