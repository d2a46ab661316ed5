package io.lakehub.app.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Safe by default: a hub without API keys serves loopback only. Decides, at start, whether the
 * configured {@code server.address} may be served.
 */
public final class BindingCheck {

    private BindingCheck() {}

    /**
     * Checks the address the web server is about to bind.
     *
     * @param serverAddress {@code server.address} as configured; empty or null means every interface
     * @return a warning to log at every start (anonymous access switched on), or empty
     * @throws IllegalStateException when the address is not loopback, no API key is configured and
     *     anonymous access is not switched on
     */
    public static Optional<String> check(String serverAddress, boolean keysConfigured, boolean allowAnonymous) {
        if (keysConfigured) {
            return Optional.empty();
        }
        String shown = serverAddress == null || serverAddress.isBlank() ? "every interface" : serverAddress.strip();
        if (serverAddress != null && !serverAddress.isBlank() && isLoopback(serverAddress.strip())) {
            return Optional.empty();
        }
        if (allowAnonymous) {
            return Optional.of("The hub serves its API without API keys on " + shown
                    + " (lakehub.security.allow-anonymous=true): anyone who can reach this address can read every"
                    + " dataset. Configure API keys (docs/security.md) to require them.");
        }
        throw new IllegalStateException("Refusing to serve the API on " + shown + " (server.address) without API keys:"
                + " anyone on the network could read every dataset. Configure an API key"
                + " (LAKEHUB_API_KEY_<NAME>=<key>, or lakehub.security.api-keys.<name>.key-sha256; see"
                + " docs/security.md), or serve loopback only (server.address=127.0.0.1, the default), or"
                + " accept anonymous access explicitly with lakehub.security.allow-anonymous=true.");
    }

    private static boolean isLoopback(String address) {
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Literal addresses only: a host name is resolved, which is what the server binds too.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "server.address '" + address + "' is not an address this machine can resolve: " + e.getMessage(),
                    e);
        }
    }
}
