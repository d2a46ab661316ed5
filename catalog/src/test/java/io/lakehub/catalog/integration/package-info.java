/** Tests that wire the real JDBC catalog to the DuckDB engine, as the hub does. */
package io.lakehub.catalog.integration;
