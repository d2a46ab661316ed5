package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.vector.index.GraphParams;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.VectorIndex;
import io.lakehub.vector.search.SearchParams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop the app's agent will run (propose → admit → trial → decide), on a seeded clustered data set served with
 * deliberately poor parameters: it must reach recall@10 ≥ 0.95 and promote only by the margin.
 */
class AutotuneLoopTest {

    private static final Logger LOG = LoggerFactory.getLogger(AutotuneLoopTest.class);

    /** Max degree 4, beam 10, no overflow or diversity slack, no hierarchy, overquery 1. */
    private static final GraphParams POOR = new GraphParams(4, 10, 1.0f, 1.0f, false, 1);

    private static final SearchParams BASE = new SearchParams(1, 0.02, 0, 60, 1_000);

    private static final Proposer.Space SPACE = new Proposer.Space(
            List.of(1, 2, 4, 8, 16),
            List.of(0.0, 0.02),
            List.of(4, 8, 16, 32),
            List.of(10, 20, 50, 100),
            List.of(1.0f, 1.2f),
            List.of(1.0f, 1.2f),
            List.of(false, true));

    private static final int MAX_TRIALS = 30;

    @TempDir
    Path dir;

    @Test
    void findsRecallAbove95FromPoorParametersAndPromotesOnlyOnMargin() throws IOException {
        ClusteredData data = new ClusteredData(3_000, 32, 30, 2026);
        TuningBudgetTest.ManualClock clock = new TuningBudgetTest.ManualClock();
        TuningBudget budget = new TuningBudget(new TuningBudget.Limits(10, Duration.ofSeconds(30), 1), clock);
        Objective objective = Objective.DEFAULT;
        Objective.Margin margin = Objective.Margin.DEFAULT;
        Proposer proposer = new Proposer(SPACE, 0.2, 42);
        try (VectorIndex index = data.index(dir, POOR);
                IndexSnapshot snapshot = index.snapshot();
                TrialRunner runner = new TrialRunner(new TrialRunner.Settings(2, 1, 1, 2, 1), InstantSource.system())) {
            EvaluationSet set = EvaluationSet.generate(index, EvaluationSet.Generation.vectors(100, 10, 7));
            PreparedEvaluation eval = set.prepare(snapshot, index.signature(), data.provider);

            TrialParameters championParams = TrialParameters.of(POOR, BASE);
            TrialResult champion =
                    runner.run(snapshot, BASE, championParams, eval).join();
            LOG.info("champion at start: {}", champion);
            assertThat(champion.recall()).isLessThan(0.95);
            List<TrialResult> journal = new ArrayList<>();
            journal.add(champion);
            int promotions = 0;
            int refusedByBudget = 0;
            while (journal.size() <= MAX_TRIALS) {
                Optional<Proposer.Proposal> proposal = proposer.propose(championParams, journal);
                if (proposal.isEmpty()) {
                    break;
                }
                TrialParameters p = proposal.get().parameters();
                boolean build = TrialRunner.kindOf(snapshot, p) == TrialResult.Kind.BUILD_TIME;
                TuningBudget.Admission admission = budget.tryStart(build);
                if (!admission.granted()) {
                    refusedByBudget++;
                    clock.advance(admission.retryAfter().plusSeconds(1));
                    continue;
                }
                TrialResult result;
                TuningBudget.Permit permit = admission.permit();
                try {
                    result = runner.run(snapshot, BASE, p, eval).join();
                    clock.advance(Duration.ofSeconds(5));
                } finally {
                    permit.close();
                }
                journal.add(result);
                Objective.Decision decision = objective.decide(champion, result, margin);
                LOG.info("trial {}: {} → {} ({})", journal.size() - 1, result, decision.promote(), decision.reason());
                if (decision.promote()) {
                    assertPromotionRespectsMargin(objective, margin, champion, result);
                    champion = result;
                    championParams = result.parameters();
                    promotions++;
                }
                if (objective.feasible(champion) && journal.size() > 12) {
                    break;
                }
            }
            LOG.info(
                    "champion after {} trials ({} promotions, {} budget refusals): {}",
                    journal.size() - 1,
                    promotions,
                    refusedByBudget,
                    champion);
            assertThat(champion.recall()).as("%s", champion).isGreaterThanOrEqualTo(0.95);
            assertThat(promotions).isGreaterThan(0);
            assertThat(refusedByBudget)
                    .as("10 trials per hour with 30 s cooldown")
                    .isPositive();
            assertThat(journal.stream().map(r -> r.parameters().canonical())).doesNotHaveDuplicates();
            // The same history proposes the same next trial on a fresh proposer.
            assertThat(new Proposer(SPACE, 0.2, 42).propose(championParams, journal))
                    .isEqualTo(proposer.propose(championParams, journal));
        }
    }

    @Test
    void aChallengerWithinTheMarginIsNotPromoted() {
        TrialParameters p = TrialParameters.of(POOR, BASE);
        TrialResult champion = ObjectiveTest.result(0.97, 1_000, "e");
        TrialResult slightlyFaster = ObjectiveTest.result(0.97, 920, "e");
        TrialResult muchFaster = ObjectiveTest.result(0.97, 880, "e");
        TrialResult slightlyBetterRecallWhileInfeasible = ObjectiveTest.result(0.905, 100, "e");
        TrialResult infeasibleChampion = ObjectiveTest.result(0.90, 100, "e");
        assertThat(Objective.DEFAULT
                        .decide(champion, slightlyFaster, Objective.Margin.DEFAULT)
                        .promote())
                .isFalse();
        assertThat(Objective.DEFAULT
                        .decide(champion, muchFaster, Objective.Margin.DEFAULT)
                        .promote())
                .isTrue();
        assertThat(Objective.DEFAULT
                        .decide(infeasibleChampion, slightlyBetterRecallWhileInfeasible, Objective.Margin.DEFAULT)
                        .promote())
                .isFalse();
        assertThat(p.needsBuild(POOR == null ? null : TrialParameters.BuildTime.of(POOR)))
                .isFalse();
    }

    private static void assertPromotionRespectsMargin(
            Objective objective, Objective.Margin margin, TrialResult champion, TrialResult challenger) {
        assertThat(challenger.evaluation()).isEqualTo(champion.evaluation());
        boolean fc = objective.feasible(champion);
        boolean fx = objective.feasible(challenger);
        assertThat(fx || !fc)
                .as("never an infeasible challenger over a feasible champion")
                .isTrue();
        if (fx && !fc) {
            return;
        }
        if (fx) { // both feasible: p95 must drop by the margin
            assertThat((double) challenger.p95().toNanos())
                    .isLessThanOrEqualTo(champion.p95().toNanos() * (1 - margin.latencyFraction()));
        } else { // both infeasible: recall must grow by the margin
            assertThat(challenger.recall()).isGreaterThanOrEqualTo(champion.recall() + margin.recall() - 1e-12);
        }
    }
}
