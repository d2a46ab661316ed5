package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /api/profiles} and what {@code GET /api/profiles} shows (ADR 0041): one
 * consumer's search scope.
 *
 * @param id the profile's id (like a dataset name)
 * @param datasets the datasets and governance views it may read; an index over a dataset bound only
 *     through a view returns its rows through that view
 * @param indexes the vector indexes it may search
 * @param defaults k, filter and mode used when a search gives none (the filter is always added)
 * @param createdBy who created it (answers only)
 * @param createdAt ISO-8601 instant (answers only)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileRequest(
        String id, List<String> datasets, List<String> indexes, Defaults defaults, String createdBy, String createdAt) {

    /**
     * A profile's search defaults.
     *
     * @param k how many rows a search returns when it gives no k
     * @param filter a SQL predicate added (AND) to every search of the profile
     * @param mode {@code vector} or {@code hybrid} when a search gives no mode
     */
    public record Defaults(Integer k, String filter, String mode) {}
}
