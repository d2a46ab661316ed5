package io.lakehub.app.vector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the launcher whether this home serves vector indexes (ADR 0058): the file {@value #FILE} in the
 * home. With {@code LAKEHUB_VECTOR_API=auto} (the default) {@code ./lakehub run} adds the Vector API
 * module ({@code jdk.incubator.vector}, jvector's SIMD scoring) only when the file is there; a hub
 * without indexes starts without it, so that its start-up cache can hold linked classes (ADR 0056).
 *
 * <p>Written when the hub starts with indexes in its catalog and when an index is created. A hub that
 * runs without the module while it serves indexes says so once: its builds and searches score with
 * scalar code until its next start.
 */
public final class VectorApiHint {
    private static final Logger LOG = LoggerFactory.getLogger(VectorApiHint.class);

    /** The file's name in the home folder. */
    public static final String FILE = ".vector-indexes";

    private static final String MODULE = "jdk.incubator.vector";

    private final Path marker;
    private volatile boolean told;

    /** @param home the hub's home folder */
    public VectorApiHint(Path home) {
        this.marker = home.resolve(FILE);
    }

    /** Whether this JVM has the Vector API module (the launcher added it). */
    public static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Records that the home serves vector indexes (once; a failure to write is logged, never thrown: it
     * only costs the next start its SIMD scoring), and says once when this JVM runs without the module.
     */
    public void servesIndexes() {
        if (!Files.exists(marker)) {
            Path tmp = marker.resolveSibling(FILE + ".tmp");
            try {
                Files.writeString(
                        tmp,
                        "This home serves vector indexes: ./lakehub starts its hub with the Vector API module"
                                + " (jvector's SIMD scoring). See docs/startup.md; LAKEHUB_VECTOR_API=on|off|auto.\n",
                        StandardCharsets.UTF_8);
                Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn(
                        "Could not write {} ({}): the next ./lakehub run may start without the Vector API module"
                                + " (vector scoring with scalar code); LAKEHUB_VECTOR_API=on forces it",
                        marker,
                        e.toString());
            }
        }
        if (!told && !moduleLoaded()) {
            told = true;
            LOG.info(
                    "This hub serves vector indexes but runs without the Vector API module ({}): index builds and"
                            + " searches score with scalar code until the next start, which adds it (the home now"
                            + " has {}; LAKEHUB_VECTOR_API=on adds it always)",
                    MODULE,
                    FILE);
        }
    }
}
