/**
 * The {@code lakehub} command line (picocli), one class per command. Commands other than {@code
 * run} start without Spring: on a home no hub holds they open the back ends directly; while a hub
 * holds it they go through its HTTP API ({@link io.lakehub.app.cli.HubConnector} decides).
 */
package io.lakehub.app.cli;
