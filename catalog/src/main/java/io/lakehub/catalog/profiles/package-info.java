/**
 * Search profiles kept in the catalog (table {@code search_profile}, migration V12, ADR 0041): for
 * each consumer the datasets, governance views and vector indexes it may search, and its defaults.
 */
package io.lakehub.catalog.profiles;
