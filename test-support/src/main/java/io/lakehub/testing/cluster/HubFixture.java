package io.lakehub.testing.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What the tests running hubs as processes share (two hubs on one PostgreSQL catalog, a hub killed
 * mid-work): a free port, waiting until a hub answers healthy, HTTP calls to it, and statements on the
 * ITs' PostgreSQL database (a schema per test). The database is {@code -Dlakehub.it.postgres.url} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test}), user {@code postgres}, no password.
 */
public final class HubFixture {

    /** The PostgreSQL database of the ITs (schemas are created in it, never the database itself). */
    public static final String POSTGRES_URL =
            System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HubFixture() {}

    /** A port free right now (a hub started next binds it). */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /**
     * Waits up to 180 s until the hub on {@code port} answers {@code /actuator/health} UP.
     *
     * @param logs where the hub's log is, named when the hub exits first
     */
    public static void awaitHealthy(Process hub, int port, Path logs) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!hub.isAlive()) {
                        throw new IllegalStateException("a hub exited; see the logs in " + logs);
                    }
                    try {
                        // The top-level status: a starting hub answers DOWN with some components UP.
                        return get(port, "/actuator/health").body().startsWith("{\"status\":\"UP\"");
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** POSTs a JSON body to the hub on {@code port}. */
    public static HttpResponse<String> post(int port, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path} from the hub on {@code port}. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs one statement as the database's administrator (creating or dropping a test's schema). */
    public static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
