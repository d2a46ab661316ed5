package io.lakehub.routes.inbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the inbox is watched.
 *
 * @param inbox the folder whose subfolders are datasets, normally {@code <home>/inbox}
 * @param pollDelay pause between two scans of the inbox
 * @param readLockMinAge a file is taken only once it has not been modified for this long, so that
 *     a file still being copied in is never ingested half-written
 */
public record InboxSettings(Path inbox, Duration pollDelay, Duration readLockMinAge) {
    public InboxSettings {
        Objects.requireNonNull(inbox, "inbox");
        if (pollDelay == null || pollDelay.isNegative() || pollDelay.isZero()) {
            throw new IllegalArgumentException("lakehub.inbox.poll-delay must be positive, not " + pollDelay);
        }
        if (readLockMinAge == null || readLockMinAge.isNegative()) {
            throw new IllegalArgumentException(
                    "lakehub.inbox.read-lock-min-age may not be negative, not " + readLockMinAge);
        }
    }

    /** How often the read lock re-checks a file that is still too young. */
    Duration readLockCheckInterval() {
        if (readLockMinAge.isZero()) {
            return Duration.ofSeconds(1);
        }
        long quarter = readLockMinAge.toMillis() / 4;
        return Duration.ofMillis(Math.clamp(quarter, 20, 1000));
    }

    /**
     * How long the consumer waits for one file before moving on to the others; a file still being
     * written after that is retried on the next scan.
     */
    Duration readLockTimeout() {
        return readLockMinAge.multipliedBy(2).plus(readLockCheckInterval().multipliedBy(4));
    }
}
