/**
 * The HTTP API under {@code /api}: SQL, datasets, audit journal, and ingest of a file on the hub's
 * machine. Controllers only translate HTTP to {@link io.lakehub.app.hub.HubApi}; error answers
 * are mapped in one place, {@link io.lakehub.app.api.ApiExceptionHandler}.
 */
package io.lakehub.app.api;
