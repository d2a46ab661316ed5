/**
 * Network faults for tests: {@link io.lakehub.testing.net.TcpProxy} stands between a client under
 * test and a real server (a shared broker or database) and can cut the connection and restore it,
 * simulating an outage without stopping the server others use.
 */
package io.lakehub.testing.net;
