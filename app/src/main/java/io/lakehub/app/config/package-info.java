/**
 * The hub's configuration ({@code lakehub.*} properties) and the Spring Boot auto-configuration
 * that builds the catalog, query engine, ingest pipeline, Camel component and inbox route from it.
 */
package io.lakehub.app.config;
