/**
 * Pipelines in the running hub: the configuration file's location, start-up validation, the Camel
 * routes each pipeline compiles into, the runner the scheduler calls, and the scheduler's own
 * connection pool on the catalog database.
 */
package io.lakehub.app.pipelines;
