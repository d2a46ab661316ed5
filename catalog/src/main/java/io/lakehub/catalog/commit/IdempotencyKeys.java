package io.lakehub.catalog.commit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Idempotency keys a commit remembers in its own transaction (ADR 0023): each key names one request
 * of a push source (a webhook call with an {@code Idempotency-Key} header) whose events the commit
 * holds. A retry of the same key finds it ({@link io.lakehub.catalog.Catalog#rememberedKeys}) and is
 * answered with what the first request was told, without writing again.
 *
 * @param scope who owns the keys, e.g. {@code webhook:<pipeline>}; 1 to 200 characters
 * @param keys each key (1 to 200 characters) with the number of events its request delivered
 * @param window how long the keys are remembered after the commit; positive
 */
public record IdempotencyKeys(String scope, Map<String, Long> keys, Duration window) {
    /** The longest scope or key the catalog stores. */
    public static final int MAX_LENGTH = 200;

    public IdempotencyKeys {
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty() || scope.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("An idempotency scope must have 1 to 200 characters");
        }
        keys = Map.copyOf(new LinkedHashMap<>(keys));
        for (String k : keys.keySet()) {
            if (k.isEmpty() || k.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("An idempotency key must have 1 to 200 characters");
            }
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The idempotency window must be positive, not " + window);
        }
    }

    /**
     * A key the catalog remembers.
     *
     * @param key the key as the client sent it
     * @param snapshotId the snapshot that committed its request's events
     * @param accepted how many events that request delivered
     */
    public record Remembered(String key, long snapshotId, long accepted) {}
}
