/**
 * Fixtures of the tests that start hubs as processes of their own: free ports, waiting for a hub to be
 * healthy, plain HTTP calls, and the PostgreSQL database their shared catalogs live in.
 */
package io.lakehub.testing.cluster;
