package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.vector.embed.Vectors;
import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSignature;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationSetTest {

    @TempDir
    Path dir;

    private final ClusteredData data = new ClusteredData(600, 16, 12, 7);
    private VectorIndex index;

    @BeforeEach
    void open() throws IOException {
        index = data.index(dir, new GraphParams(16, 60, 1.2f, 1.2f, true, 4));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void generatedTruthIsTheBruteForceTopKAndTheSameSeedGivesTheSameSet() {
        EvaluationSet.Generation options = EvaluationSet.Generation.vectors(40, 10, 99);
        EvaluationSet set = EvaluationSet.generate(index, options);
        assertThat(set.queries()).hasSize(40);
        assertThat(set.k()).isEqualTo(10);
        assertThat(set.origin()).isEqualTo(EvaluationSet.Origin.GENERATED);
        assertThat(set.isFor(index.signature())).isTrue();
        for (EvaluationSet.Query q : set.queries()) {
            assertThat(q.expected()).isEqualTo(bruteForce(q.vector(), 10, null));
        }
        EvaluationSet again = EvaluationSet.generate(index, options);
        assertThat(again.fingerprint()).isEqualTo(set.fingerprint());
        assertThat(EvaluationSet.generate(index, EvaluationSet.Generation.vectors(40, 10, 100))
                        .fingerprint())
                .isNotEqualTo(set.fingerprint());
    }

    @Test
    void noiseZeroQueriesFindTheirOwnRowFirst() {
        EvaluationSet set = EvaluationSet.generate(
                index, EvaluationSet.Generation.vectors(20, 5, 3).withNoise(0));
        for (EvaluationSet.Query q : set.queries()) {
            String own = q.expected().get(0);
            assertThat(data.vectors.get(own)).containsExactly(q.vector());
        }
    }

    @Test
    void filteredQueriesHaveTruthWithinTheirFilter() {
        EvaluationSet set = EvaluationSet.generate(
                index, EvaluationSet.Generation.vectors(30, 10, 5).withFilters(0.5, 0.1));
        long filtered = set.queries().stream().filter(q -> q.filter() != null).count();
        assertThat(filtered).isBetween(5L, 25L);
        for (EvaluationSet.Query q : set.queries()) {
            if (q.filter() != null) {
                assertThat(q.filter()).hasSize(60);
                assertThat(q.filter()).containsAll(q.expected());
                assertThat(q.expected()).isEqualTo(bruteForce(q.vector(), 10, new HashSet<>(q.filter())));
            }
        }
    }

    @Test
    void textQueriesAreEmbeddedWithTheProvider() {
        EvaluationSet set = EvaluationSet.generate(
                index,
                EvaluationSet.Generation.vectors(10, 3, 11).withTexts(true).withNoise(0));
        for (EvaluationSet.Query q : set.queries()) {
            assertThat(q.vector()).isNull();
            assertThat(q.expected().get(0)).isEqualTo(q.text());
        }
        try (IndexSnapshot s = index.snapshot()) {
            PreparedEvaluation prepared = set.prepare(s, index.signature(), data.provider);
            assertThat(prepared.queries().get(0).vector())
                    .isEqualTo(data.vectors.get(set.queries().get(0).text()));
            assertThat(prepared.queries().get(0).truth()).hasSize(3);
        }
    }

    @Test
    void jsonRoundTripKeepsEverythingExactly() {
        EvaluationSet set = EvaluationSet.generate(
                index, EvaluationSet.Generation.vectors(15, 10, 21).withFilters(0.3, 0.05));
        EvaluationSet back = EvaluationSet.fromJson(set.toJson(), "stored set");
        assertThat(back.fingerprint()).isEqualTo(set.fingerprint());
        assertThat(back.buildSignature()).isEqualTo(set.buildSignature());
        assertThat(back.origin()).isEqualTo(EvaluationSet.Origin.GENERATED);
        for (int i = 0; i < set.queries().size(); i++) {
            assertThat(back.queries().get(i).vector())
                    .containsExactly(set.queries().get(i).vector());
            assertThat(back.queries().get(i).expected())
                    .isEqualTo(set.queries().get(i).expected());
            assertThat(back.queries().get(i).filter())
                    .isEqualTo(set.queries().get(i).filter());
        }
    }

    @Test
    void uploadedSetsAreValidatedNamingQueryAndKey() {
        String json = """
                {"k": 3, "queries": [
                  {"id": "a", "text": "p1", "expected": ["p1", "p2"]},
                  {"id": "b", "text": "p3", "expected": ["p3", "nope-1"], "filter": ["p3", "nope-2"]}
                ]}""";
        EvaluationSet uploaded = EvaluationSet.fromJson(json, "request body");
        assertThat(uploaded.origin()).isEqualTo(EvaluationSet.Origin.UPLOADED);
        assertThat(uploaded.buildSignature()).isNull();
        try (IndexSnapshot s = index.snapshot()) {
            assertThatThrownBy(() -> uploaded.validate(s, index.signature(), data.provider))
                    .isInstanceOf(EvaluationSetException.class)
                    .hasMessageContaining("query 2 ('b') expects the key 'nope-1', which is not in the index")
                    .hasMessageContaining("query 2 ('b') filters on the key 'nope-2'")
                    .satisfies(e ->
                            assertThat(((EvaluationSetException) e).problems()).hasSize(2));
            assertThatThrownBy(() -> uploaded.prepare(s, index.signature(), data.provider))
                    .hasMessageContaining("stale evaluation set");

            EvaluationSet good =
                    EvaluationSet.fromJson("""
                            {"k": 2, "queries": [{"id": "a", "text": "p1", "expected": ["p1", "p2"]}]}""", "request body").validate(s, index.signature(), data.provider);
            assertThat(good.isFor(index.signature())).isTrue();
            assertThatThrownBy(() -> good.prepare(s, new IndexSignature("00ff"), data.provider))
                    .hasMessageContaining(
                            "made for build signature " + index.signature().hex())
                    .hasMessageContaining("now at 00ff");
        }
    }

    @Test
    void malformedSetsGetClearErrors() {
        assertThatThrownBy(() -> EvaluationSet.fromJson("{\"k\": 3,\n \"queries\": [}", "evalset.json"))
                .isInstanceOf(EvaluationSetException.class)
                .hasMessageContaining("evalset.json is not valid JSON at line 2, column");
        assertThatThrownBy(() -> EvaluationSet.fromJson("{\"k\": 3, \"queries\": []}", "body"))
                .hasMessageContaining("the set has no queries");
        assertThatThrownBy(() -> EvaluationSet.fromJson(
                        "{\"k\": 0, \"queries\": [{\"id\": \"x\", \"expected\": []},"
                                + " {\"id\": \"x\", \"text\": \"t\", \"vector\": [1, \"a\"], \"expected\": [\"p1\"]}]}",
                        "body"))
                .hasMessageContaining("queries[1].vector[1] is not a number");
        assertThatThrownBy(() -> EvaluationSet.fromJson(
                        "{\"k\": 0, \"queries\": [{\"id\": \"x\", \"expected\": []},"
                                + " {\"id\": \"x\", \"text\": \"t\", \"vector\": [1], \"expected\": [\"p1\"]}]}",
                        "body"))
                .hasMessageContaining("k must be ≥ 1, got 0")
                .hasMessageContaining("query 1 ('x') needs exactly one of 'vector' and 'text'")
                .hasMessageContaining("query 1 ('x') has no expected keys")
                .hasMessageContaining("query 2 ('x') repeats the id 'x'")
                .hasMessageContaining("query 2 ('x') needs exactly one of 'vector' and 'text'");
        try (IndexSnapshot s = index.snapshot()) {
            EvaluationSet wrongDim = EvaluationSet.fromJson(
                    "{\"k\": 1, \"queries\": [{\"id\": \"v\", \"vector\": [1, 0, 0], \"expected\": [\"p1\"]}]}",
                    "body");
            assertThatThrownBy(() -> wrongDim.validate(s, index.signature(), null))
                    .hasMessageContaining("query 1 ('v') has a 3-d vector but the index holds 16-d vectors");
        }
    }

    @Test
    void manyUnknownKeysAreSummarised() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add("missing-" + i);
        }
        EvaluationSet set = new EvaluationSet(
                null, 10, EvaluationSet.Origin.UPLOADED, List.of(new EvaluationSet.Query("q", null, "p1", keys, null)));
        try (IndexSnapshot s = index.snapshot()) {
            assertThatThrownBy(() -> set.validate(s, index.signature(), data.provider))
                    .hasMessageContaining("missing-9")
                    .hasMessageContaining("and 15 more")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("missing-10'"));
        }
    }

    private List<String> bruteForce(float[] query, int k, Set<String> allowed) {
        return data.vectors.entrySet().stream()
                .filter(e -> allowed == null || allowed.contains(e.getKey()))
                .sorted(Comparator.comparingDouble((Map.Entry<String, float[]> e) -> -Vectors.dot(query, e.getValue())))
                .limit(k)
                .map(Map.Entry::getKey)
                .toList();
    }
}
