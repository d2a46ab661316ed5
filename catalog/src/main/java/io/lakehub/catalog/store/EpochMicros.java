package io.lakehub.catalog.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The catalog's one time representation: microseconds since the epoch, UTC, as BIGINT. */
final class EpochMicros {
    private EpochMicros() {}

    static long now(Clock clock) {
        return of(clock.instant());
    }

    static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
