package io.lakehub.vector.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.Row;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.testing.SyntheticRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorSearcherTest {

    @TempDir
    static Path dir;

    private static VectorIndex index;
    private static List<Row> rows;

    @BeforeAll
    static void build() throws IOException {
        rows = new ArrayList<>(SyntheticRows.rows(2_000, 8));
        rows.add(new Row("needle", "The zyzzyva beetle lives in the quartz hollow."));
        index = VectorIndex.create(
                dir,
                new HashingEmbeddingProvider(64, 9),
                new ChunkingParams(80, 10),
                new GraphParams(16, 60, 1.2f, 1.2f, true, 4));
        index.refresh(rows, "s1");
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void resultsAreOnePerKeyBestFirst() {
        List<SearchHit> hits = new VectorSearcher(index).search(SearchRequest.of("river mountain ledger invoice", 10));
        assertThat(hits).hasSize(10);
        assertThat(hits).extracting(SearchHit::key).doesNotHaveDuplicates();
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
    }

    @Test
    void filteredSearchReturnsOnlyAllowedKeysByGraphAndByExactScan() {
        Set<String> allowed = new HashSet<>();
        for (int i = 0; i < 2_000; i += 5) {
            allowed.add("row-" + i); // 20%: graph search with an accept-set
        }
        var searcher = new VectorSearcher(index, SearchParams.DEFAULT.withExactScan(0.02, 0));
        List<SearchHit> graph =
                searcher.search(SearchRequest.of("copper violet meadow", 10).withAllowedKeys(allowed));
        assertThat(graph).hasSize(10).allSatisfy(h -> assertThat(allowed).contains(h.key()));

        Set<String> few = Set.of("row-1", "row-2", "row-3", "needle"); // very selective: exact scan
        List<SearchHit> exact =
                searcher.search(SearchRequest.of("quartz hollow beetle", 10).withAllowedKeys(few));
        assertThat(exact).extracting(SearchHit::key).containsExactlyInAnyOrderElementsOf(few);
        assertThat(exact.get(0).key()).isEqualTo("needle");

        assertThat(searcher.search(SearchRequest.of("x", 5).withAllowedKeys(Set.of("no-such-key"))))
                .isEmpty();
    }

    @Test
    void hybridFusesKeywordAndVectorRanks() {
        List<SearchHit> hits = new VectorSearcher(index)
                .search(SearchRequest.of("zyzzyva beetle lives in the quartz hollow", 5)
                        .withMode(SearchMode.HYBRID));
        assertThat(hits.get(0).key()).isEqualTo("needle");
        // First in both rankings: 1/(60+1) twice.
        assertThat(hits.get(0).score()).isCloseTo(2f / 61, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(hits).extracting(SearchHit::key).doesNotHaveDuplicates();
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
        }
    }

    @Test
    void kOutOfRangeIsRefused() {
        var searcher = new VectorSearcher(index);
        assertThatThrownBy(() -> searcher.search(SearchRequest.of("x", 0))).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> searcher.search(SearchRequest.of("x", 1001))).hasMessageContaining("got 1001");
    }

    @Test
    void searchesRunConcurrentlyWithARefresh() throws Exception {
        var searcher = new VectorSearcher(index);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch started = new CountDownLatch(1);
        try {
            List<Future<Integer>> searches = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                searches.add(pool.submit(() -> {
                    started.await();
                    int found = 0;
                    for (int i = 0; i < 100; i++) {
                        found += searcher.search(SearchRequest.of("river harbor engine", 5))
                                .size();
                    }
                    return found;
                }));
            }
            started.countDown();
            List<Row> changed = new ArrayList<>(rows);
            changed.set(0, new Row("row-0", "A changed first row about lanterns."));
            index.refresh(changed, "s2");
            for (Future<Integer> f : searches) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bm25RanksRareTermsHigher() {
        Bm25 bm25 = Bm25.build(new String[] {"the cat sat", "the dog sat on the cat", "zebra", "東京タワー"});
        assertThat(bm25.search("zebra cat", 10, i -> true).get(0).ordinal()).isEqualTo(2);
        assertThat(bm25.search("東京", 10, i -> true).get(0).ordinal()).isEqualTo(3);
        assertThat(bm25.search("cat", 10, i -> i != 0))
                .extracting(s -> s.ordinal())
                .containsExactly(1);
        assertThat(Bm25.terms("Hello, World! 東京")).containsExactly("hello", "world", "東", "京");
    }
}
