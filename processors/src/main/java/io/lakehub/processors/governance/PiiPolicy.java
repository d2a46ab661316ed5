package io.lakehub.processors.governance;

import io.lakehub.processors.pii.PiiType;
import java.util.Objects;

/**
 * One entry of a pipeline's {@code pii.policies}: which column (by name, matched ignoring case) or
 * which detected entity type it governs, and what is done to the values.
 *
 * @param key where it is declared, for messages: {@code pipelines/orders: pii.policies[1]}
 * @param column the column it governs, or {@code null} when it governs an entity type
 * @param type the entity type it governs, or {@code null} when it governs a column
 * @param action what is done to the values
 * @param keepPrefix for {@code mask}: leading characters kept
 * @param keepSuffix for {@code mask}: trailing characters kept
 */
public record PiiPolicy(String key, String column, PiiType type, PiiAction action, int keepPrefix, int keepSuffix) {

    public PiiPolicy {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(action, "action");
        if ((column == null) == (type == null)) {
            throw new IllegalArgumentException(key + ": a policy names either a column or a type");
        }
        if (keepPrefix < 0 || keepSuffix < 0) {
            throw new IllegalArgumentException(key + ": keep_prefix and keep_suffix must be 0 or more");
        }
    }

    /** A policy of {@code column} with {@code action} (no characters kept). */
    public static PiiPolicy column(String key, String column, PiiAction action) {
        return new PiiPolicy(key, column, null, action, 0, 0);
    }

    /** A policy of {@code type} with {@code action} (no characters kept). */
    public static PiiPolicy type(String key, PiiType type, PiiAction action) {
        return new PiiPolicy(key, null, type, action, 0, 0);
    }

    /** This policy keeping {@code prefix} leading and {@code suffix} trailing characters when masking. */
    public PiiPolicy keeping(int prefix, int suffix) {
        return new PiiPolicy(key, column, type, action, prefix, suffix);
    }
}
