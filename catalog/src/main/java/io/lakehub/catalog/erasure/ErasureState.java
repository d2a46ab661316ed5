package io.lakehub.catalog.erasure;

import java.util.Locale;

/** Where an erasure stands; stored and shown in lower case. */
public enum ErasureState {
    /**
     * Accepted but not yet committed. Never stored: the transaction that records an erasure also
     * makes its rows invisible, so a recorded erasure starts {@link #INVISIBLE}.
     */
    PENDING,
    /** Every query hides the rows; some files may still hold the bytes. */
    INVISIBLE,
    /** Every file that held the rows was rewritten; the catalog forgot the values. */
    ERASED;

    /** The stored and displayed name, e.g. {@code invisible}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code label}. */
    public static ErasureState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
