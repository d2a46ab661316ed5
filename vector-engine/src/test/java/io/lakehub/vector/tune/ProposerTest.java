package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.vector.index.GraphParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProposerTest {

    private static final TrialParameters CHAMPION = TrialParameters.of(new GraphParams(16, 60, 1.2f, 1.2f, true, 4));

    private static TrialResult done(TrialParameters p, TrialResult.Status status) {
        return status == TrialResult.Status.COMPLETED
                ? new TrialResult(
                        p,
                        TrialResult.Kind.SEARCH_TIME,
                        status,
                        "e",
                        10,
                        10,
                        0.9,
                        Duration.ofMillis(1),
                        Duration.ofMillis(1),
                        Duration.ZERO,
                        0,
                        Instant.EPOCH,
                        null)
                : TrialResult.unsuccessful(p, TrialResult.Kind.BUILD_TIME, status, "e", Instant.EPOCH, "x");
    }

    /** Grows a journal by proposing and "running" {@code n} trials. */
    private static List<TrialResult> history(Proposer proposer, int n) {
        List<TrialResult> journal = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TrialParameters p =
                    proposer.propose(CHAMPION, journal).orElseThrow().parameters();
            journal.add(done(p, i % 5 == 4 ? TrialResult.Status.FAILED : TrialResult.Status.COMPLETED));
        }
        return journal;
    }

    @Test
    void theSameHistoryProposesTheSameNextTrial() {
        Proposer a = new Proposer(Proposer.Space.DEFAULT, 0.2, 7);
        Proposer b = new Proposer(Proposer.Space.DEFAULT, 0.2, 7);
        List<TrialResult> journal = history(a, 30);
        assertThat(history(b, 30)).isEqualTo(journal);
        Proposer.Proposal next = a.propose(CHAMPION, journal).orElseThrow();
        assertThat(b.propose(CHAMPION, List.copyOf(journal))).contains(next);
        // A different history (one status differs) or a different base seed draws differently.
        List<TrialResult> changed = new ArrayList<>(journal);
        changed.set(0, done(journal.get(0).parameters(), TrialResult.Status.ABANDONED));
        assertThat(a.propose(CHAMPION, changed).orElseThrow().seed()).isNotEqualTo(next.seed());
        assertThat(new Proposer(Proposer.Space.DEFAULT, 0.2, 8)
                        .propose(CHAMPION, journal)
                        .orElseThrow()
                        .seed())
                .isNotEqualTo(next.seed());
    }

    @Test
    void proposalsStayInBoundsNeverRepeatAndMostlyStayNearTheChampion() {
        Proposer proposer = new Proposer(Proposer.Space.DEFAULT, 0.2, 11);
        List<TrialResult> journal = history(proposer, 200);
        Set<String> seen = new HashSet<>();
        seen.add(CHAMPION.canonical());
        int near = 0;
        Proposer.Space s = Proposer.Space.DEFAULT;
        int[] centre = s.snap(CHAMPION);
        for (TrialResult r : journal) {
            TrialParameters p = r.parameters();
            assertThat(seen.add(p.canonical())).as("repeated %s", p).isTrue();
            assertThat(s.overquery()).contains(p.search().overquery());
            assertThat(s.exactScanSelectivity()).contains(p.search().exactScanSelectivity());
            assertThat(s.maxDegree()).contains(p.build().maxDegree());
            assertThat(s.beamWidth()).contains(p.build().beamWidth());
            assertThat(s.neighborOverflow()).contains(p.build().neighborOverflow());
            assertThat(s.alpha()).contains(p.build().alpha());
            int[] at = s.snap(p);
            int steps = 0;
            for (int d = 0; d < at.length; d++) {
                steps += Math.abs(at[d] - centre[d]);
            }
            if (steps <= 4) {
                near++;
            }
        }
        assertThat(near).isGreaterThan(100);
    }

    @Test
    void exhaustsASmallSpaceThenProposesNothing() {
        Proposer.Space small = new Proposer.Space(
                List.of(2, 4, 8),
                List.of(0.02),
                List.of(16),
                List.of(60, 100),
                List.of(1.2f),
                List.of(1.2f),
                List.of(true));
        Proposer proposer = new Proposer(small, 0.5, 3);
        List<TrialResult> journal = new ArrayList<>();
        Optional<Proposer.Proposal> next;
        while ((next = proposer.propose(CHAMPION, journal)).isPresent()) {
            journal.add(done(next.get().parameters(), TrialResult.Status.COMPLETED));
            assertThat(journal).hasSizeLessThanOrEqualTo(6);
        }
        // 6 grid points, one of which (overquery 4, beam 60) is the champion itself.
        assertThat(journal).hasSize(5);
        assertThat(journal.stream().map(r -> r.parameters().canonical()))
                .doesNotHaveDuplicates()
                .doesNotContain(CHAMPION.canonical());
    }

    @Test
    void aSpaceWithAnInvalidValueIsRefusedUpFront() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Proposer.Space(
                        List.of(1, 2),
                        List.of(0.0, 1.5),
                        List.of(16),
                        List.of(60),
                        List.of(1.2f),
                        List.of(1.2f),
                        List.of(true)))
                .hasMessageContaining("exact-scan selectivity must be in [0, 1], got 1.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Proposer.Space(
                        List.of(1), List.of(0.0), List.of(16), List.of(), List.of(1.2f), List.of(1.2f), List.of(true)))
                .hasMessageContaining("at least one value of beamWidth");
    }

    @Test
    void searchTimeOnlySpaceKeepsTheGraph() {
        Proposer proposer = new Proposer(Proposer.Space.DEFAULT.searchTimeOnly(CHAMPION.build()), 0.3, 5);
        List<TrialResult> journal = history(proposer, 40);
        assertThat(journal)
                .allSatisfy(r ->
                        assertThat(r.parameters().needsBuild(CHAMPION.build())).isFalse());
        assertThat(proposer.space().size()).isEqualTo(66);
    }
}
