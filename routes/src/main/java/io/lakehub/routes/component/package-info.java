/**
 * The {@code lakehub:} Camel component: {@code to("lakehub:people?format=csv")} ingests the
 * message body (a file, or bytes spooled to a file under the hub's home) into a dataset through
 * the same {@link io.lakehub.processors.ingest.IngestService} the CLI and HTTP API use, and reports
 * the outcome in {@link io.lakehub.routes.component.LakehubConstants message headers}.
 */
package io.lakehub.routes.component;
