package io.lakehub.app.config;

import java.nio.file.Path;

/**
 * Where the lake (the Parquet files of every dataset) lives, {@code lakehub.lake.*}. See
 * docs/scale-out.md and ADR 0035.
 */
public class LakeProperties {

    /**
     * The lake folder. Empty: {@code <home>/lake}. Hubs of a cluster (one catalog database, {@code
     * lakehub.scheduler.clustered=true}) must all name the same lake, e.g. a shared file system
     * mounted at the same path on every node; the home (lock, logs, spool) stays per node. A
     * relative path is taken from the working directory. At first use the lake gets a marker
     * ({@code .lakehub-catalog}) naming its catalog, and a hub whose catalog differs refuses to
     * start.
     */
    private Path path;

    public Path getPath() {
        return path;
    }

    public void setPath(Path path) {
        this.path = path;
    }

    /** The lake folder, absolute and normalised: {@link #getPath()}, or {@code <home>/lake} when unset. */
    public Path resolve(Path home) {
        Path lake = path == null || path.toString().isBlank() ? home.resolve("lake") : path;
        return lake.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "LakeProperties[path=" + path + "]";
    }
}
