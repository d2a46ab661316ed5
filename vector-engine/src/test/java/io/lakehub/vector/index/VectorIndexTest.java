package io.lakehub.vector.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.embed.EmbeddingException;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.search.SearchHit;
import io.lakehub.vector.search.SearchRequest;
import io.lakehub.vector.search.VectorSearcher;
import io.lakehub.vector.testing.CountingProvider;
import io.lakehub.vector.testing.SyntheticRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorIndexTest {

    private static final GraphParams GRAPH = new GraphParams(16, 60, 1.2f, 1.2f, true, 4);

    @TempDir
    Path dir;

    private final CountingProvider provider = new CountingProvider(new HashingEmbeddingProvider(64, 5));

    @Test
    void graphRecallOnASeededSyntheticSetIsHigh() {
        Random random = new Random(17);
        int n = 1_500;
        int dim = 32;
        float[][] centres = new float[30][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        var vectors = new ArrayList<io.github.jbellis.jvector.vector.types.VectorFloat<?>>();
        for (int i = 0; i < n; i++) {
            vectors.add(VectorGraph.wrap(point(centres[random.nextInt(centres.length)], random)));
        }
        try (VectorGraph graph = VectorGraph.build(vectors, dim, GRAPH)) {
            int hits = 0;
            int queries = 100;
            for (int q = 0; q < queries; q++) {
                var query = VectorGraph.wrap(point(centres[random.nextInt(centres.length)], random));
                Set<Integer> truth = new HashSet<>();
                graph.exactSearch(query, 10, io.github.jbellis.jvector.util.Bits.ALL)
                        .forEach(s -> truth.add(s.ordinal()));
                for (ScoredOrdinal s : graph.search(query, 10, 40, io.github.jbellis.jvector.util.Bits.ALL)) {
                    if (truth.contains(s.ordinal())) {
                        hits++;
                    }
                }
            }
            assertThat(hits / (queries * 10.0)).isGreaterThanOrEqualTo(0.95);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] point(float[] centre, Random random) {
        float[] v = new float[centre.length];
        for (int d = 0; d < v.length; d++) {
            v[d] = centre[d] + (float) random.nextGaussian() * 0.3f;
        }
        return io.lakehub.vector.embed.Vectors.normalize(v);
    }

    @Test
    void persistsAndReopensWithoutReEmbedding() throws IOException {
        List<Row> rows = SyntheticRows.rows(600, 1);
        List<SearchHit> before;
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            RefreshResult r = index.refresh(rows, "s1");
            assertThat(r.addedRows()).isEqualTo(600);
            assertThat(r.embeddedChunks()).isEqualTo(provider.embeddedTexts());
            before = new VectorSearcher(index).search(SearchRequest.of("river mountain ledger", 5));
        }
        provider.reset();
        try (VectorIndex reopened = VectorIndex.open(dir, provider)) {
            assertThat(provider.embeddedTexts()).isZero();
            assertThat(reopened.isUpToDate("s1")).isTrue();
            RefreshResult r = reopened.refresh(rows, "s1");
            assertThat(r.upToDate()).isTrue();
            List<SearchHit> after = new VectorSearcher(reopened).search(SearchRequest.of("river mountain ledger", 5));
            assertThat(after).isEqualTo(before);
            assertThat(provider.embeddedTexts()).isEqualTo(1); // the query only
            try (IndexSnapshot s = reopened.snapshot()) {
                assertThat(s.rowCount()).isEqualTo(600);
                assertThat(s.key(0)).isEqualTo("row-0");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("mapping.bin", "state.bin", "graph-1.jvg");
        }
    }

    @Test
    void refreshEmbedsExactlyTheChangedOnePercentAndRemovesDeletedRows() throws IOException {
        int n = 3_000;
        List<Row> rows = new ArrayList<>(SyntheticRows.rows(n, 2));
        try (VectorIndex index = VectorIndex.create(dir, provider, new ChunkingParams(1_000, 100), GRAPH)) {
            index.refresh(rows, null);
            Random random = new Random(99);
            Set<Integer> changed = new HashSet<>();
            while (changed.size() < n / 100) {
                changed.add(random.nextInt(n));
            }
            for (int i : changed) {
                rows.set(i, new Row(rows.get(i).key(), "Changed text " + i + " about a glacier."));
            }
            rows.add(new Row("new-row", "A brand new row about a falcon."));
            Row removed = rows.remove(n - 1);
            boolean removedWasChanged = changed.contains(n - 1);
            provider.reset();
            RefreshResult r = index.refresh(rows, null);
            int expectedChanged = removedWasChanged ? changed.size() - 1 : changed.size();
            assertThat(r.changedRows()).isEqualTo(expectedChanged);
            assertThat(r.addedRows()).isEqualTo(1);
            assertThat(r.removedRows()).isEqualTo(1);
            assertThat(provider.embeddedTexts()).isEqualTo(expectedChanged + 1); // one chunk per short row
            assertThat(r.embeddedChunks()).isEqualTo(expectedChanged + 1);
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.containsKey(removed.key())).isFalse();
                assertThat(s.containsKey("new-row")).isTrue();
                assertThat(s.rowCount()).isEqualTo(n);
            }
            List<SearchHit> hits = new VectorSearcher(index).search(SearchRequest.of("Changed text glacier", 3));
            assertThat(hits).allSatisfy(h -> assertThat(h.text()).startsWith("Changed text"));

            provider.reset();
            RefreshResult same = index.refresh(rows, null);
            assertThat(same.embeddedChunks()).isZero();
            assertThat(same.graphRebuilt()).isFalse();
            assertThat(provider.embeddedTexts()).isZero();
        }
    }

    @Test
    void nullKeysAndDuplicateKeysAreRefusedNamingThemAndChangeNothing() throws IOException {
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            index.refresh(SyntheticRows.rows(10, 3), "s1");
            List<Row> withNull = new ArrayList<>(SyntheticRows.rows(10, 3));
            withNull.set(6, new Row(null, "text"));
            assertThatThrownBy(() -> index.refresh(withNull, "s2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 7")
                    .hasMessageContaining("NULL key");
            List<Row> duplicate = new ArrayList<>(SyntheticRows.rows(10, 3));
            duplicate.add(new Row("row-4", "again"));
            assertThatThrownBy(() -> index.refresh(duplicate, "s2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 11")
                    .hasMessageContaining("'row-4'");
            assertThat(index.isUpToDate("s1")).isTrue();
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.rowCount()).isEqualTo(10);
            }
        }
    }

    @Test
    void aRefreshThatDiedPartWayIsResumedWithoutReEmbeddingWhatItHadEmbedded() throws IOException {
        int n = 700; // batches of 256: two reach the journal, the third dies
        List<Row> rows = new ArrayList<>();
        Random random = new Random(21);
        for (int i = 0; i < n; i++) {
            rows.add(new Row("row-" + i, SyntheticRows.text(random) + " Number " + i + "."));
        }
        Path journal = dir.resolve(EmbeddingJournal.FILE);
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            provider.failAfter(600);
            assertThatThrownBy(() -> index.refresh(rows, "s1"))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("died after 512 texts");
            assertThat(provider.embeddedTexts()).isEqualTo(2 * VectorIndex.EMBED_BATCH);
        }
        assertThat(journal).exists();
        // A record torn by the crash at the journal's tail is ignored.
        Files.write(journal, new byte[] {0, 0, 1, 0, 7, 7, 7}, java.nio.file.StandardOpenOption.APPEND);

        // As after a restart: the index is opened again, and the next refresh embeds only the remainder.
        provider.failAfter(Integer.MAX_VALUE);
        provider.reset();
        try (VectorIndex index = VectorIndex.open(dir, provider)) {
            RefreshResult r = index.refresh(rows, "s1");
            assertThat(provider.embeddedTexts()).isEqualTo(n - 2 * VectorIndex.EMBED_BATCH);
            assertThat(r.embeddedChunks()).isEqualTo(n - 2 * VectorIndex.EMBED_BATCH);
            assertThat(r.addedRows()).isEqualTo(n);
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.rowCount()).isEqualTo(n);
            }
            assertThat(journal).doesNotExist(); // committed: its vectors are in the index
            // The reused vectors are the ones the provider gives: the row is found by its own text.
            List<SearchHit> hits = new VectorSearcher(index)
                    .search(SearchRequest.of(rows.get(3).text(), 1));
            assertThat(hits).extracting(SearchHit::key).containsExactly("row-3");
        }
    }

    @Test
    void aBuildIntoANewFolderLeavesTheServedFilesUntouchedAndResumesFromTheIndexJournal() throws IOException {
        List<Row> first = SyntheticRows.rows(300, 1);
        Path b1 = dir.resolve("builds").resolve("b1");
        Path b2 = dir.resolve("builds").resolve("b2");
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            RefreshResult r = index.refresh(first, "s1", RefreshListener.NONE, b1);
            assertThat(r.addedRows()).isEqualTo(300);
            assertThat(index.directory()).isEqualTo(b1);
            assertThat(index.home()).isEqualTo(dir);
        }
        // The folder the index was served from is as it was; the build has its own files.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("mapping.bin", "builds");
        }
        try (Stream<Path> files = Files.list(b1)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("mapping.bin", "state.bin", "graph-1.jvg");
        }
        long b1Mapping = Files.size(b1.resolve("mapping.bin"));

        // The next build dies part-way: its journal is the index's, not the build's.
        List<Row> second = new ArrayList<>(first);
        Random random = new Random(5);
        for (int i = 0; i < 600; i++) {
            second.add(new Row("new-" + i, SyntheticRows.text(random) + " New " + i + "."));
        }
        provider.reset();
        provider.failAfter(300);
        try (VectorIndex index = VectorIndex.open(b1, dir, provider)) {
            assertThat(index.isUpToDate("s1")).isTrue();
            assertThatThrownBy(() -> index.refresh(second, "s2", RefreshListener.NONE, b2))
                    .isInstanceOf(EmbeddingException.class);
        }
        assertThat(dir.resolve(EmbeddingJournal.FILE)).exists();
        provider.failAfter(Integer.MAX_VALUE);
        provider.reset();
        try (VectorIndex index = VectorIndex.open(b1, dir, provider)) {
            RefreshResult r = index.refresh(second, "s2", RefreshListener.NONE, b2);
            assertThat(r.embeddedChunks()).isEqualTo(600 - VectorIndex.EMBED_BATCH);
            assertThat(index.directory()).isEqualTo(b2);
        }
        assertThat(dir.resolve(EmbeddingJournal.FILE)).doesNotExist();
        assertThat(Files.size(b1.resolve("mapping.bin"))).isEqualTo(b1Mapping);
        try (VectorIndex old = VectorIndex.open(b1, dir, provider);
                VectorIndex next = VectorIndex.open(b2, dir, provider);
                IndexSnapshot o = old.snapshot();
                IndexSnapshot n = next.snapshot()) {
            assertThat(o.rowCount()).isEqualTo(300);
            assertThat(n.rowCount()).isEqualTo(900);
            assertThat(next.isUpToDate("s2")).isTrue();
        }
    }

    @Test
    void aJournalOfAnotherModelIsDiscarded() throws IOException {
        List<Row> rows = SyntheticRows.rows(300, 8);
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            provider.failAfter(299);
            assertThatThrownBy(() -> index.refresh(rows, "s1")).isInstanceOf(EmbeddingException.class);
        }
        assertThat(dir.resolve(EmbeddingJournal.FILE)).exists();
        CountingProvider other = new CountingProvider(new HashingEmbeddingProvider(64, 6));
        try (VectorIndex index = VectorIndex.open(dir, other)) {
            index.refresh(rows, "s1");
            // Same dimensions, another model version: none of the journal's vectors may be mixed in.
            assertThat(other.embeddedTexts()).isEqualTo(300);
        }
    }

    @Test
    void aFailingProviderLeavesTheIndexServingUnchanged() throws IOException {
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            index.refresh(SyntheticRows.rows(50, 4), "s1");
            byte[] mapping = Files.readAllBytes(dir.resolve("mapping.bin"));
            provider.failing(true);
            assertThatThrownBy(() -> index.refresh(SyntheticRows.rows(60, 5), "s2"))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("http://127.0.0.1:9/");
            provider.failing(false);
            assertThat(Files.readAllBytes(dir.resolve("mapping.bin"))).isEqualTo(mapping);
            assertThat(index.isUpToDate("s1")).isTrue();
            assertThat(new VectorSearcher(index).search(SearchRequest.of("river", 3)))
                    .hasSize(3);
        }
    }

    @Test
    void aDimensionMismatchIsRefusedNamingBoth() throws IOException {
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            index.refresh(SyntheticRows.rows(5, 6), "s1");
        }
        assertThatThrownBy(() -> VectorIndex.open(dir, new HashingEmbeddingProvider(384, 5)))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining("64-d")
                .hasMessageContaining("384-d")
                .hasMessageContaining("feature-hashing");
        assertThatThrownBy(() -> VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining("already holds");
    }

    @Test
    void awkwardTextsAreIndexed() throws IOException {
        String big = "Sentence number one about copper. ".repeat(3_000); // ~100 KB
        List<Row> rows = List.of(
                new Row("empty", ""),
                new Row("null-text", null),
                new Row("big", big),
                new Row("japanese", "東京は日本の首都です。大阪は大きな都市です。"),
                new Row("russian", "Москва — столица России."),
                new Row("emoji", "Rockets 🚀 and stars ✨"));
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            RefreshResult r = index.refresh(rows, "s1");
            assertThat(r.rows()).isEqualTo(6);
            try (IndexSnapshot s = index.snapshot()) {
                assertThat(s.rowCount()).isEqualTo(6);
                assertThat(s.size()).isGreaterThan(200); // the big row alone gives > 200 chunks
            }
            List<SearchHit> hits = new VectorSearcher(index).search(SearchRequest.of("東京", 10));
            assertThat(hits).extracting(SearchHit::key).doesNotHaveDuplicates().contains("japanese");
        }
        try (VectorIndex reopened = VectorIndex.open(dir, provider)) {
            try (IndexSnapshot s = reopened.snapshot()) {
                assertThat(Arrays.asList(s.text(s.size() - 1), s.text(0)))
                        .allSatisfy(t -> assertThat(t).isNotBlank());
            }
        }
    }

    @Test
    void anEmptySourceGivesAnEmptyIndexThatSearchesToNothing() throws IOException {
        try (VectorIndex index = VectorIndex.create(dir, provider, ChunkingParams.DEFAULT, GRAPH)) {
            index.refresh(SyntheticRows.rows(20, 7), null);
            RefreshResult r = index.refresh(List.of(), null);
            assertThat(r.removedRows()).isEqualTo(20);
            assertThat(new VectorSearcher(index).search(SearchRequest.of("river", 5)))
                    .isEmpty();
        }
        try (VectorIndex reopened = VectorIndex.open(dir, provider)) {
            assertThat(new VectorSearcher(reopened).search(SearchRequest.of("river", 5)))
                    .isEmpty();
        }
    }
}
