package io.lakehub.app.api.document;

/**
 * Body of {@code POST /api/profiles/{id}/search}: an index search ({@link IndexSearchRequest}) plus
 * which of the profile's indexes to search.
 *
 * @param query the text to search for
 * @param k how many rows; the profile's default k, else 10, when absent
 * @param filter a SQL predicate, added to the profile's default filter
 * @param mode {@code vector} or {@code hybrid}; the profile's default when absent
 * @param index the index to search; may be left out when the profile binds one index
 */
public record ProfileSearchRequest(String query, Integer k, String filter, String mode, String index) {}
