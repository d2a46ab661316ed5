package io.lakehub.app.security;

import java.util.Set;

/**
 * A role and the PII types (sensitivities) it may read in raw datasets.
 *
 * @param all cleared for every type, present and future
 */
public record Role(String name, Set<String> clearances, boolean all) {

    /** The built-in role cleared for everything. */
    public static final Role ADMIN = new Role("admin", Set.of(), true);

    /** Who calls a hub without API keys (loopback only, or anonymous access switched on): full access. */
    public static final Role ANONYMOUS = new Role("anonymous", Set.of(), true);

    public Role {
        clearances = Set.copyOf(clearances);
    }

    public boolean cleared(String piiType) {
        return all || clearances.contains(piiType);
    }
}
