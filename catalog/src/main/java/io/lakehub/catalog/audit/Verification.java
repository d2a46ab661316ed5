package io.lakehub.catalog.audit;

import java.util.List;

/**
 * Outcome of walking the whole journal.
 *
 * @param eventsChecked how many events were read
 * @param problems one line per broken link, e.g. {@code "event 7: hash does not match its
 *     contents (edited)"} or {@code "event 8 is missing (deleted)"}; empty when intact
 */
public record Verification(long eventsChecked, List<String> problems) {
    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
