package io.lakehub.vector.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TuningBudgetTest {

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void limitsTrialsPerSlidingHour() {
        TuningBudget budget = new TuningBudget(new TuningBudget.Limits(3, Duration.ZERO, 1), clock);
        for (int i = 0; i < 3; i++) {
            TuningBudget.Admission a = budget.tryStart(false);
            assertThat(a.granted()).isTrue();
            a.permit().close();
            clock.advance(Duration.ofMinutes(10));
        }
        TuningBudget.Admission refused = budget.tryStart(false);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.reason()).contains("3 trials started in the last hour");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));
        assertThat(budget.tryStart(false).granted()).isTrue();
        assertThat(budget.trialsInLastHour()).isEqualTo(3);
    }

    @Test
    void coolsDownAfterEachTrial() {
        TuningBudget budget = new TuningBudget(new TuningBudget.Limits(100, Duration.ofSeconds(30), 1), clock);
        TuningBudget.Permit p = budget.tryStart(false).permit();
        clock.advance(Duration.ofSeconds(5));
        p.close();
        p.close(); // idempotent
        assertThat(budget.running()).isZero();
        clock.advance(Duration.ofSeconds(10));
        TuningBudget.Admission refused = budget.tryStart(false);
        assertThat(refused.granted()).isFalse();
        assertThat(refused.reason()).contains("cooling down");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(budget.tryStart(false).granted()).isTrue();
    }

    @Test
    void boundsConcurrentBuildsButNotSearchTimeTrials() {
        TuningBudget budget = new TuningBudget(new TuningBudget.Limits(100, Duration.ZERO, 2), clock);
        TuningBudget.Permit b1 = budget.tryStart(true).permit();
        TuningBudget.Permit b2 = budget.tryStart(true).permit();
        TuningBudget.Admission third = budget.tryStart(true);
        assertThat(third.granted()).isFalse();
        assertThat(third.reason()).contains("2 candidate graph(s) already building (the limit is 2)");
        assertThat(budget.tryStart(false).granted()).isTrue();
        b1.close();
        assertThat(budget.buildsRunning()).isEqualTo(1);
        assertThat(budget.tryStart(true).granted()).isTrue();
        b2.close();
    }

    @Test
    void randomScheduleNeverBreaksALimit() {
        Random random = new Random(2026);
        TuningBudget.Limits limits = new TuningBudget.Limits(5, Duration.ofSeconds(45), 2);
        TuningBudget budget = new TuningBudget(limits, clock);
        List<Instant> starts = new ArrayList<>();
        List<TuningBudget.Permit> open = new ArrayList<>();
        Instant lastEnd = null;
        for (int step = 0; step < 5_000; step++) {
            clock.advance(Duration.ofSeconds(random.nextInt(120)));
            if (!open.isEmpty() && random.nextBoolean()) {
                open.remove(random.nextInt(open.size())).close();
                lastEnd = clock.now;
            }
            boolean build = random.nextBoolean();
            TuningBudget.Admission a = budget.tryStart(build);
            if (a.granted()) {
                Instant now = clock.now;
                assertThat(starts.stream()
                                .filter(s -> s.isAfter(now.minus(Duration.ofHours(1))))
                                .count())
                        .isLessThan(5);
                if (lastEnd != null) {
                    assertThat(Duration.between(lastEnd, now)).isGreaterThanOrEqualTo(limits.cooldown());
                }
                starts.add(now);
                open.add(a.permit());
                assertThat(budget.buildsRunning()).isLessThanOrEqualTo(2);
            } else {
                assertThat(a.reason()).isNotBlank();
                assertThat(a.retryAfter().isNegative()).isFalse();
            }
        }
        assertThat(starts).hasSizeGreaterThan(100);
    }
}
