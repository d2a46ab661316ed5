/**
 * The JDBC implementation of the catalog: Flyway migrations shared by H2 and PostgreSQL, the
 * commit transaction, and the audit journal's storage.
 */
package io.lakehub.catalog.store;
