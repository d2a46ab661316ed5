package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress arithmetic: rate from the run's start, time left at that rate. */
class ProgressMeterTest {
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final FakeClock clock = new FakeClock();
    private final ProgressMeter meter = new ProgressMeter(clock, START);

    @Test
    void rateIsDonePerSecondSinceTheStartAndTheEtaIsWhatIsLeftAtThatRateRoundedUp() {
        meter.total(100, "files");
        meter.advance(30);
        clock.now = START.plusSeconds(10);

        ProgressReport r = meter.report();

        assertThat(r.done()).isEqualTo(30);
        assertThat(r.total()).isEqualTo(100);
        assertThat(r.unit()).isEqualTo("files");
        assertThat(r.rate()).isEqualTo(3.0);
        assertThat(r.etaSeconds()).as("70 files at 3 a second").isEqualTo(24);
    }

    @Test
    void noRateBeforeAnyTimePassedAndNoEtaWhileNothingIsDone() {
        meter.total(5, "datasets");
        clock.now = START;
        assertThat(meter.report().rate()).isNull();
        assertThat(meter.report().etaSeconds()).isNull();

        clock.now = START.plusSeconds(4);
        assertThat(meter.report().rate()).isEqualTo(0.0);
        assertThat(meter.report().etaSeconds())
                .as("no estimate at a rate of zero")
                .isNull();
    }

    @Test
    void withoutATotalThereIsARateButNoEta() {
        meter.advance(1_500);
        clock.now = START.plus(Duration.ofMillis(500));

        ProgressReport r = meter.report();

        assertThat(r.total()).isNull();
        assertThat(r.rate()).isEqualTo(3_000.0);
        assertThat(r.etaSeconds()).isNull();
    }

    @Test
    void allDoneLeavesNothingToWaitForAndANewTotalKeepsWhatWasDone() {
        meter.total(4, "datasets");
        meter.advance(4);
        clock.now = START.plusSeconds(2);
        assertThat(meter.report().etaSeconds()).isZero();

        meter.total(10, "files");
        ProgressReport r = meter.report();
        assertThat(r.done()).isEqualTo(4);
        assertThat(r.total()).isEqualTo(10);
        assertThat(r.unit()).isEqualTo("files");
        assertThat(r.etaSeconds()).as("6 left at 2 a second").isEqualTo(3);
    }

    @Test
    void negativeWorkAndAMissingUnitAreRefused() {
        assertThatThrownBy(() -> meter.total(-1, "files")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meter.total(3, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> meter.advance(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class FakeClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
