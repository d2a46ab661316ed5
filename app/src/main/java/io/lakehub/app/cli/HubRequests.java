package io.lakehub.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/**
 * How the command line calls a hub over HTTP, for {@link RemoteHubApi} and {@link SqlShortcut}: plain
 * {@link HttpURLConnection} (the hub listens on http:// only), no proxy, a connect timeout, no read
 * timeout, and the API key of {@code LAKEHUB_API_KEY}.
 *
 * <p>Written for {@link SqlShortcut}'s lean JVM: java.base only, and no string concatenation on the
 * way of a successful call (its first use costs such a JVM ~10 ms, ADR 0059).
 */
final class HubRequests {
    /** How long a connection to the hub may take. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private HubRequests() {}

    /**
     * An unconnected request to {@code url}.
     *
     * @param accept the Accept header
     */
    static HttpURLConnection open(String url, String method, String accept) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(0); // an ingest through the hub may take minutes
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Accept", accept);
        // A hub with API keys (docs/security.md) answers the CLI as the role of this key.
        String apiKey = System.getenv("LAKEHUB_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            connection.setRequestProperty("Authorization", "Bearer ".concat(apiKey.strip()));
        }
        return connection;
    }

    /** Sends {@code json} as the request's {@code application/json} body. */
    static void sendJson(HttpURLConnection connection, byte[] json) throws IOException {
        announceJson(connection, json);
        writeBody(connection, json);
    }

    /** Sets the headers of an {@code application/json} body of {@code json}'s length; before connecting. */
    static void announceJson(HttpURLConnection connection, byte[] json) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(json.length);
    }

    /** Sends the body {@link #announceJson} announced. */
    static void writeBody(HttpURLConnection connection, byte[] json) throws IOException {
        try (OutputStream out = connection.getOutputStream()) {
            out.write(json);
        }
    }
}
