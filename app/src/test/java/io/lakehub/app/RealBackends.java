package io.lakehub.app;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.BackendNotWiredException;
import io.lakehub.app.hub.DefaultHubBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * TEMPORARY, with the stand-ins in DefaultHubBackends: the integration tests need the real
 * catalog, engine and ingest pipeline, and are disabled (reported as skipped, with this class as
 * the reason) until they are wired in: {@code @EnabledIf("io.lakehub.app.RealBackends#wired")}.
 */
public final class RealBackends {
    private RealBackends() {}

    /** Whether DefaultHubBackends can open a catalog in this build. */
    public static boolean wired() {
        LakehubProperties properties = new LakehubProperties();
        Path home = null;
        try {
            home = Files.createTempDirectory("lakehub-wired-check");
            properties.setHome(home);
            new DefaultHubBackends().openCatalog(properties).close();
            return true;
        } catch (BackendNotWiredException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
