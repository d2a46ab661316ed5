package io.lakehub.schedules.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pipeline does when a run fails ({@code onError:}).
 *
 * @param retries how many times a failed delivery is retried before the run counts as failed
 *     (default 0)
 * @param backoff wait between retries (default 1 s)
 * @param deadLetter Camel endpoint that receives what still fails after the retries; {@code null}
 *     for none
 */
public record OnError(int retries, Duration backoff, EndpointUri deadLetter) {

    public static final OnError DEFAULT = new OnError(0, Duration.ofSeconds(1), null);

    public OnError {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + retries);
        }
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    public Optional<EndpointUri> deadLetterUri() {
        return Optional.ofNullable(deadLetter);
    }
}
