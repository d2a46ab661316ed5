package io.lakehub.app.cluster;

import io.lakehub.app.testing.HubProcess;
import io.lakehub.testing.cluster.HubFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The hubs of one cluster test, each a JVM of its own ({@link HubProcess}) with its home ({@code
 * home-NODE}) and log ({@code NODE.log}) in the test's directory, all on one PostgreSQL catalog: a
 * schema of the ITs' database ({@link HubFixture#POSTGRES_URL}) made for the test. Registered with
 * {@code @RegisterExtension}: the schema is created before each test; after it, the hubs started are
 * destroyed, those still running after 30 s killed, and the schema dropped.
 */
final class HubCluster implements BeforeEachCallback, AfterEachCallback {
    private final Path dir;
    private final String schema;
    private final List<Process> hubs = new ArrayList<>();

    /**
     * @param schemaPrefix the start of the schema's name, naming the test (a random suffix follows:
     *     ITs of several worktrees share the database)
     * @param dir the test's directory, where the hubs' homes and logs go
     */
    HubCluster(String schemaPrefix, Path dir) {
        this.dir = dir;
        this.schema =
                schemaPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The test's catalog schema. */
    String schema() {
        return schema;
    }

    /** The JDBC URL of the test's catalog (the ITs' database, its schema current). */
    String catalogUrl() {
        String url = HubFixture.POSTGRES_URL;
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Starts hub {@code node} ({@code run --port PORT}) on the test's catalog, clustered scheduler, inbox
     * off, its lake at {@code lake}; {@code env} adds to (or overrides) that environment.
     */
    Process start(String node, Path lake, Path config, int port, Map<String, String> env) throws IOException {
        ProcessBuilder pb = HubProcess.command(
                dir.resolve("home-" + node), config, dir.resolve(node + ".log"), "run", "--port", "" + port);
        Map<String, String> environment = pb.environment();
        environment.put("LAKEHUB_CATALOG_URL", catalogUrl());
        environment.put("LAKEHUB_CATALOG_USERNAME", "postgres");
        environment.put("LAKEHUB_SCHEDULER_CLUSTERED", "true");
        environment.put("LAKEHUB_LAKE_PATH", lake.toString());
        environment.put("LAKEHUB_INBOX_ENABLED", "false");
        environment.putAll(env);
        Process p = pb.start();
        hubs.add(p);
        return p;
    }

    /**
     * Starts {@code nodes} as {@link #start} does, each on a free port (all picked before the first
     * starts), all at once, then waits until each answers healthy.
     *
     * @return their ports, in the order of {@code nodes}
     */
    int[] startHealthy(Path lake, Path config, Map<String, String> env, String... nodes) throws IOException {
        int[] ports = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            ports[i] = HubFixture.freePort();
        }
        Process[] started = new Process[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            started[i] = start(nodes[i], lake, config, ports[i], env);
        }
        for (int i = 0; i < nodes.length; i++) {
            HubFixture.awaitHealthy(started[i], ports[i], dir);
        }
        return ports;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        HubFixture.admin("CREATE SCHEMA " + schema);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (Process hub : hubs) {
                hub.destroy();
            }
            for (Process hub : hubs) {
                if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                    hub.destroyForcibly();
                }
            }
        } finally {
            HubFixture.admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
