package io.lakehub.vector.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promoted graph (ADR 0045): committed in the index's files with its parameters (a reopen serves it, a refresh
 * keeps its parameters), the replaced graph kept in a bounded history a restore reuses, searches answering while
 * graphs are swapped, and a candidate of an older snapshot refused.
 */
class GraphPromotionTest {

    private static final GraphParams POOR = new GraphParams(8, 20, 1.0f, 1.0f, false, 1);
    private static final GraphParams BETTER = new GraphParams(24, 100, 1.2f, 1.2f, true, 1);
    private static final GraphParams OTHER = new GraphParams(16, 60, 1.2f, 1.2f, false, 1);

    @TempDir
    Path dir;

    private final HashingEmbeddingProvider provider = new HashingEmbeddingProvider(64, 5);

    private static List<Row> rows(int n, String word) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Row("r" + i, "Row " + i + " about " + word + " number " + (i * 7919 % 1000)));
        }
        return rows;
    }

    private VectorGraph candidate(IndexSnapshot s, GraphParams params) {
        List<VectorFloat<?>> vectors = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            vectors.add(VectorGraph.wrap(s.vector(i)));
        }
        return VectorGraph.build(vectors, s.dimensions(), params, 1);
    }

    @Test
    void aPromotedGraphIsCommittedKeptByRefreshesAndReopensAndTheReplacedOneIsRestoredFromHistory() throws Exception {
        try (VectorIndex index = VectorIndex.create(dir, provider, new ChunkingParams(400, 0), POOR)) {
            index.refresh(rows(300, "a river"), "s1");
            String before;
            try (IndexSnapshot s = index.snapshot();
                    VectorGraph better = candidate(s, BETTER)) {
                before = s.graphFile;
                index.installGraph(s, better, BETTER, 2);
            }
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.graphParams()).isEqualTo(BETTER);
                assertThat(s.size()).isEqualTo(300);
                assertThat(s.graphFile).isNotEqualTo(before);
            }
            assertThat(index.graphParams()).isEqualTo(BETTER);
            assertThat(historyGraphs()).hasSize(1);
            assertThat(Files.exists(dir.resolve(before))).isFalse();
        }
        // Reopened: the promoted graph and parameters are what the files say.
        try (VectorIndex reopened = VectorIndex.open(dir, provider)) {
            assertThat(reopened.graphParams()).isEqualTo(BETTER);
            // Back to the replaced parameters: the graph comes from the history, not a rebuild.
            assertThat(reopened.restoreGraph(POOR, 2)).isEqualTo("history");
            assertThat(reopened.graphParams()).isEqualTo(POOR);
            assertThat(reopened.restoreGraph(POOR, 2)).isEqualTo("unchanged");
            assertThat(reopened.restoreGraph(BETTER, 2)).isEqualTo("history");
            // A refresh that changes rows rebuilds with the promoted parameters.
            reopened.refresh(rows(320, "a mountain"), "s2");
            try (IndexSnapshot s = reopened.snapshot()) {
                assertThat(s.graphParams()).isEqualTo(BETTER);
                assertThat(s.size()).isEqualTo(320);
            }
            // The history's graphs were over other chunks: a restore now rebuilds.
            assertThat(reopened.restoreGraph(POOR, 2)).isEqualTo("rebuilt");
            assertThat(reopened.restoreGraph(OTHER, 2)).isEqualTo("rebuilt");
            assertThat(historyGraphs()).hasSize(2); // bounded
        }
        try (VectorIndex reopened = VectorIndex.open(dir, provider)) {
            assertThat(reopened.graphParams()).isEqualTo(OTHER);
            assertThat(reopened.restoreGraph(POOR, 2)).isEqualTo("history");
        }
    }

    @Test
    void aCandidateOfAnOlderSnapshotIsRefusedAndNothingChanges() throws Exception {
        try (VectorIndex index = VectorIndex.create(dir, provider, new ChunkingParams(400, 0), POOR)) {
            index.refresh(rows(200, "a river"), "s1");
            try (IndexSnapshot old = index.snapshot();
                    VectorGraph better = candidate(old, BETTER)) {
                index.refresh(rows(210, "a lake"), "s2");
                assertThatThrownBy(() -> index.installGraph(old, better, BETTER, 2))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("changed since the candidate graph was built");
            }
            assertThat(index.graphParams()).isEqualTo(POOR);
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.size()).isEqualTo(210);
            }
        }
    }

    @Test
    void searchesAnswerWhileGraphsAreSwapped() throws Exception {
        try (VectorIndex index = VectorIndex.create(dir, provider, new ChunkingParams(400, 0), POOR)) {
            index.refresh(rows(400, "a garden"), "s1");
            float[] query = provider.embed(List.of("Row 17 about a garden"))[0];
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread searcher = new Thread(() -> {
                while (!stop.get()) {
                    try (IndexSnapshot s = index.snapshot()) {
                        if (s.graphSearch(query, 5, 20, io.github.jbellis.jvector.util.Bits.ALL)
                                        .size()
                                == 5) {
                            answered.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                    started.countDown();
                }
            });
            searcher.start();
            started.await();
            for (int i = 0; i < 4; i++) {
                GraphParams next = i % 2 == 0 ? BETTER : POOR;
                try (IndexSnapshot s = index.snapshot();
                        VectorGraph g = candidate(s, next)) {
                    index.installGraph(s, g, next, 1);
                }
            }
            stop.set(true);
            searcher.join();
            assertThat(failure.get()).isNull();
            assertThat(answered.get()).isPositive();
        }
    }

    private List<Path> historyGraphs() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(VectorIndex.HISTORY))) {
            return files.filter(p -> p.toString().endsWith(".jvg")).toList();
        }
    }
}
