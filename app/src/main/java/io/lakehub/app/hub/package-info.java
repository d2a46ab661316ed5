/**
 * The hub's runtime pieces shared by the server and the command line: the one factory of the
 * concrete back ends ({@link io.lakehub.app.hub.HubBackends}), the home lock and {@code hub.json}
 * that tell a CLI command whether a server holds the home, and {@link io.lakehub.app.hub.HubApi},
 * the operations both the HTTP API and the CLI offer.
 */
package io.lakehub.app.hub;
