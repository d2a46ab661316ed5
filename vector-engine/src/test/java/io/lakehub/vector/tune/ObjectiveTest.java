package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.vector.index.GraphParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectiveTest {

    private static final TrialParameters P = TrialParameters.of(GraphParams.DEFAULT);

    static TrialResult result(double recall, long p95Micros, String eval) {
        return new TrialResult(
                P,
                TrialResult.Kind.SEARCH_TIME,
                TrialResult.Status.COMPLETED,
                eval,
                10,
                100,
                recall,
                Duration.ofNanos(p95Micros * 500),
                Duration.ofNanos(p95Micros * 1_000),
                Duration.ZERO,
                0,
                Instant.EPOCH,
                null);
    }

    @Test
    void defaultWantsRecallAtLeast95ThenLowestP95() {
        Objective o = Objective.DEFAULT;
        TrialResult fastPoor = result(0.90, 100, "e");
        TrialResult slowGood = result(0.97, 900, "e");
        TrialResult fastGood = result(0.955, 300, "e");
        assertThat(o.feasible(fastPoor)).isFalse();
        assertThat(o.best(List.of(fastPoor, slowGood, fastGood))).contains(fastGood);
        assertThat(o.compare(slowGood, fastPoor)).isPositive();
        assertThat(o.compare(fastGood, slowGood)).isPositive();
    }

    @Test
    void promotesOnlyBeyondTheMargin() {
        Objective o = Objective.DEFAULT;
        Objective.Margin m = Objective.Margin.DEFAULT; // 10% lower p95 when latency decides
        TrialResult champion = result(0.96, 1_000, "e");
        assertThat(o.decide(champion, result(0.96, 950, "e"), m).promote()).isFalse();
        Objective.Decision d = o.decide(champion, result(0.96, 890, "e"), m);
        assertThat(d.promote()).isTrue();
        assertThat(d.reason()).contains("p95 890 µs ≤ 900 µs");
        // A faster challenger that misses the recall bound never replaces a feasible champion.
        assertThat(o.decide(champion, result(0.94, 10, "e"), m).promote()).isFalse();
        // An infeasible champion: any feasible challenger wins; otherwise recall must grow by the margin.
        TrialResult poor = result(0.80, 100, "e");
        assertThat(o.decide(poor, result(0.951, 5_000, "e"), m).promote()).isTrue();
        assertThat(o.decide(poor, result(0.805, 100, "e"), m).promote()).isFalse();
        assertThat(o.decide(poor, result(0.81, 100, "e"), m).promote()).isTrue();
        // Different evaluation sets are not comparable.
        Objective.Decision other = o.decide(champion, result(0.99, 10, "f"), m);
        assertThat(other.promote()).isFalse();
        assertThat(other.reason()).contains("different evaluation sets");
        // No champion yet, and failed challengers.
        assertThat(o.decide(null, champion, m).promote()).isTrue();
        TrialResult failed = TrialResult.unsuccessful(
                P, TrialResult.Kind.BUILD_TIME, TrialResult.Status.FAILED, "e", Instant.EPOCH, "boom");
        assertThat(o.decide(champion, failed, m).promote()).isFalse();
        assertThat(o.compare(failed, poor)).isNegative();
    }

    @Test
    void maximizeRecallUnderAP95Bound() {
        Objective o = Objective.maximizeRecall(Duration.ofMillis(1));
        Objective.Margin m = new Objective.Margin(0.01, 0.1);
        TrialResult champion = result(0.90, 800, "e");
        assertThat(o.decide(champion, result(0.905, 500, "e"), m).promote()).isFalse();
        assertThat(o.decide(champion, result(0.92, 999, "e"), m).promote()).isTrue();
        assertThat(o.decide(champion, result(0.99, 1_001, "e"), m).promote()).isFalse();
        TrialResult slow = result(0.99, 3_000, "e");
        assertThat(o.decide(slow, result(0.5, 2_000, "e"), m).promote()).isTrue(); // closer to the bound
        assertThat(o.decide(slow, result(0.5, 900, "e"), m).reason()).contains("meets p95 ≤ 1000 µs");
    }

    @Test
    void orderIsConsistentOnRandomResults() {
        Random random = new Random(42);
        for (Objective o : List.of(Objective.DEFAULT, Objective.maximizeRecall(Duration.ofMillis(2)))) {
            List<TrialResult> rs = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                rs.add(result(Math.round(random.nextDouble() * 100) / 100.0, 100 + random.nextInt(40) * 100L, "e"));
            }
            for (TrialResult a : rs) {
                assertThat(o.compare(a, a)).isZero();
                for (TrialResult b : rs) {
                    assertThat(o.compare(a, b)).isEqualTo(-o.compare(b, a));
                    for (TrialResult c : rs) {
                        if (o.compare(a, b) > 0 && o.compare(b, c) > 0) {
                            assertThat(o.compare(a, c)).isPositive();
                        }
                    }
                    // Promotion implies strictly better, and never both ways.
                    if (o.decide(a, b, Objective.Margin.DEFAULT).promote()) {
                        assertThat(o.compare(b, a)).isPositive();
                        assertThat(o.decide(b, a, Objective.Margin.DEFAULT).promote())
                                .isFalse();
                    }
                }
            }
            TrialResult best = o.best(rs).orElseThrow();
            assertThat(rs).allSatisfy(r -> assertThat(o.compare(best, r)).isGreaterThanOrEqualTo(0));
        }
    }
}
