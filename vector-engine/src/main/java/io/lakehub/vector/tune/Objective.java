package io.lakehub.vector.tune;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What "better" means for trials: maximize recall subject to p95 ≤ X ({@link #maximizeRecall}), or minimize p95
 * subject to recall ≥ Y ({@link #minimizeP95}; {@link #DEFAULT}: recall ≥ 0.95, then the lowest p95).
 *
 * <p>Results meeting the constraint (feasible) beat those that miss it; among feasible ones the goal decides; among
 * infeasible ones the one closer to the constraint wins (higher recall, or lower p95). {@link #decide} adds the
 * promotion rule: a challenger replaces the champion only if it is better by the {@link Margin} on the same
 * evaluation set, so measurement noise never flips the champion back and forth.
 */
public final class Objective {

    /** Minimize p95 subject to recall@k ≥ 0.95. */
    public static final Objective DEFAULT = minimizeP95(0.95);

    /** The two kinds of objective. */
    public enum Goal {
        /** Maximize recall subject to p95 ≤ a bound. */
        MAXIMIZE_RECALL,
        /** Minimize p95 subject to recall ≥ a bound. */
        MINIMIZE_P95
    }

    /**
     * How much better a challenger must be to be promoted.
     *
     * @param recall absolute recall gain required when recall decides (e.g. 0.01)
     * @param latencyFraction fraction by which p95 must drop when latency decides (e.g. 0.10 = 10% faster)
     */
    public record Margin(double recall, double latencyFraction) {

        /** +0.01 recall, or 10% lower p95. */
        public static final Margin DEFAULT = new Margin(0.01, 0.10);

        public Margin {
            if (!(recall >= 0 && recall <= 1) || !(latencyFraction >= 0 && latencyFraction < 1)) {
                throw new IllegalArgumentException("margin recall must be in [0, 1] and latencyFraction in [0, 1), got "
                        + recall + " and " + latencyFraction);
            }
        }
    }

    /**
     * A promotion decision and its reason (recorded with the promotion).
     *
     * @param promote whether the challenger should replace the champion
     * @param reason why, with the figures compared
     */
    public record Decision(boolean promote, String reason) {}

    private final Goal goal;
    private final double minRecall;
    private final Duration maxP95;

    private Objective(Goal goal, double minRecall, Duration maxP95) {
        this.goal = goal;
        this.minRecall = minRecall;
        this.maxP95 = maxP95;
    }

    /** Maximize recall subject to p95 ≤ {@code maxP95}. */
    public static Objective maximizeRecall(Duration maxP95) {
        if (maxP95 == null || maxP95.isNegative() || maxP95.isZero()) {
            throw new IllegalArgumentException("the p95 bound must be positive, got " + maxP95);
        }
        return new Objective(Goal.MAXIMIZE_RECALL, 0, maxP95);
    }

    /** Minimize p95 subject to recall ≥ {@code minRecall}. */
    public static Objective minimizeP95(double minRecall) {
        if (!(minRecall >= 0 && minRecall <= 1)) {
            throw new IllegalArgumentException("the recall bound must be in [0, 1], got " + minRecall);
        }
        return new Objective(Goal.MINIMIZE_P95, minRecall, null);
    }

    public Goal goal() {
        return goal;
    }

    /** Whether the result completed and meets the constraint. */
    public boolean feasible(TrialResult r) {
        if (!r.completed()) {
            return false;
        }
        return goal == Goal.MINIMIZE_P95 ? r.recall() >= minRecall : r.p95().compareTo(maxP95) <= 0;
    }

    /** Orders results best first (completed before not, feasible before not, then by the goal). */
    public Comparator<TrialResult> bestFirst() {
        return (a, b) -> -compare(a, b);
    }

    /** &gt; 0 if {@code a} is better than {@code b}, &lt; 0 if worse, 0 if neither (no margin applied). */
    public int compare(TrialResult a, TrialResult b) {
        if (a.completed() != b.completed()) {
            return a.completed() ? 1 : -1;
        }
        if (!a.completed()) {
            return 0;
        }
        boolean fa = feasible(a);
        boolean fb = feasible(b);
        if (fa != fb) {
            return fa ? 1 : -1;
        }
        Comparator<TrialResult> byRecall = Comparator.comparingDouble(TrialResult::recall);
        Comparator<TrialResult> byLatency =
                Comparator.comparing(TrialResult::p95).reversed();
        // Feasible: the goal decides. Infeasible: closer to the constraint decides.
        boolean recallFirst = (goal == Goal.MAXIMIZE_RECALL) == fa;
        Comparator<TrialResult> order =
                recallFirst ? byRecall.thenComparing(byLatency) : byLatency.thenComparing(byRecall);
        return Integer.signum(order.compare(a, b));
    }

    /** The best completed result, if any. */
    public Optional<TrialResult> best(Collection<TrialResult> results) {
        return results.stream().filter(TrialResult::completed).max(this::compare);
    }

    /**
     * Whether {@code challenger} should replace {@code champion}: both measured on the same evaluation set, and the
     * challenger feasible where the champion is not, or better by the margin in what decides (recall for
     * {@link Goal#MAXIMIZE_RECALL} among feasible results and for {@link Goal#MINIMIZE_P95} among infeasible ones,
     * p95 otherwise).
     *
     * @param champion the serving parameters' result, or {@code null} if none was measured
     */
    public Decision decide(TrialResult champion, TrialResult challenger, Margin margin) {
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(margin, "margin");
        if (!challenger.completed()) {
            return new Decision(false, "the challenger did not complete (" + challenger.status() + ")");
        }
        if (champion == null || !champion.completed()) {
            return new Decision(true, "no measured champion: " + describe(challenger));
        }
        if (!Objects.equals(champion.evaluation(), challenger.evaluation())) {
            return new Decision(
                    false,
                    "measured on different evaluation sets (champion " + champion.evaluation() + ", challenger "
                            + challenger.evaluation() + "): measure the champion on the challenger's set first");
        }
        boolean fc = feasible(champion);
        boolean fx = feasible(challenger);
        if (fx && !fc) {
            return new Decision(
                    true,
                    "the challenger meets " + constraint() + " and the champion does not: " + describe(challenger)
                            + " vs " + describe(champion));
        }
        if (!fx && fc) {
            return new Decision(false, "the challenger misses " + constraint() + ": " + describe(challenger));
        }
        boolean recallDecides = (goal == Goal.MAXIMIZE_RECALL) == fx;
        if (recallDecides) {
            double needed = champion.recall() + margin.recall();
            boolean promote = challenger.recall() >= needed - 1e-12;
            return new Decision(
                    promote,
                    String.format(
                            Locale.ROOT,
                            "recall %.4f %s %.4f (champion %.4f + margin %.4f)%s",
                            challenger.recall(),
                            promote ? "≥" : "<",
                            needed,
                            champion.recall(),
                            margin.recall(),
                            fx ? "" : ", both missing " + constraint()));
        }
        long needed = (long) Math.floor(champion.p95().toNanos() * (1 - margin.latencyFraction()));
        boolean promote = challenger.p95().toNanos() <= needed;
        return new Decision(
                promote,
                String.format(
                        Locale.ROOT,
                        "p95 %d µs %s %d µs (champion %d µs − %.0f%%)%s",
                        challenger.p95().toNanos() / 1_000,
                        promote ? "≤" : ">",
                        needed / 1_000,
                        champion.p95().toNanos() / 1_000,
                        margin.latencyFraction() * 100,
                        fx ? "" : ", both missing " + constraint()));
    }

    private String constraint() {
        return goal == Goal.MINIMIZE_P95
                ? String.format(Locale.ROOT, "recall ≥ %.3f", minRecall)
                : "p95 ≤ " + maxP95.toNanos() / 1_000 + " µs";
    }

    private static String describe(TrialResult r) {
        return String.format(
                Locale.ROOT,
                "%s recall@%d %.4f p95 %d µs",
                r.parameters(),
                r.k(),
                r.recall(),
                r.p95().toNanos() / 1_000);
    }

    @Override
    public String toString() {
        return goal == Goal.MINIMIZE_P95
                ? "minimize p95 subject to " + constraint()
                : "maximize recall subject to " + constraint();
    }
}
