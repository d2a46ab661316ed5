package io.lakehub.catalog.profiles;

import java.time.Instant;
import java.util.List;

/**
 * A search profile as the catalog keeps it.
 *
 * @param datasets the datasets and governance views it may read, by name
 * @param indexes the vector indexes it may search, by name
 * @param defaultK k when a search gives none; null for the hub's default
 * @param defaultFilter a SQL predicate every search of the profile adds; null for none
 * @param defaultMode vector or hybrid when a search gives none; null for vector
 */
public record StoredProfile(
        String id,
        List<String> datasets,
        List<String> indexes,
        Integer defaultK,
        String defaultFilter,
        String defaultMode,
        String createdBy,
        Instant createdAt) {

    public StoredProfile {
        datasets = List.copyOf(datasets);
        indexes = List.copyOf(indexes);
    }
}
