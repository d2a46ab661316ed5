/**
 * The JDBC implementation of the catalog: {@link io.lakehub.catalog.store.JdbcCatalog} over H2
 * (embedded default) or PostgreSQL, with the Flyway migrations both share
 * ({@code db/migration}), the commit transaction, the audit journal's hash chain and its
 * verification, and the sweep that removes files no snapshot references.
 */
package io.lakehub.catalog.store;
