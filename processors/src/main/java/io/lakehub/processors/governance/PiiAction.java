package io.lakehub.processors.governance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a PII policy does to a column's values before they are written. */
public enum PiiAction {
    /** Recorded in the catalog only; the values are written as they came (the default). */
    FLAG,
    /** Every character but the kept prefix and suffix becomes {@code *}. */
    MASK,
    /** Keyed HMAC-SHA256 of the value, lower-case hex: deterministic, so hashed columns still join. */
    HASH,
    /** The column is not written (by column name) or written with every value null (by entity type). */
    DROP,
    /**
     * By column name only: a row whose cell in that (free-text) column embeds PII ({@link
     * io.lakehub.processors.pii.PiiText}) is written to {@code <dataset>__quarantine} instead of the
     * dataset, committed in the same catalog transaction (ADR 0037).
     */
    QUARANTINE;

    /** The names of every action, for messages: {@code flag, mask, hash, drop, quarantine}. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(PiiAction::key).toList());
    }

    /** The action named {@code text} (any case), empty when there is none so named. */
    public static Optional<PiiAction> parse(String text) {
        return Arrays.stream(values())
                .filter(a -> a.name().equalsIgnoreCase(text == null ? "" : text.trim()))
                .findFirst();
    }

    /** The name as written in configuration: {@code mask}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
