package io.lakehub.catalog.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, each time a catalog is opened, that the lake and the catalog belong together (ADR 0035).
 * The catalog has an identity (a random UUID in {@code catalog_identity}, created once); the lake
 * has a marker file, {@code <lake>/.lakehub-catalog}, naming the catalog it belongs to (its id and
 * its URL without credentials), written at first use.
 *
 * <ul>
 *   <li>Marker with this catalog's id: fine.
 *   <li>Marker with another id: refused, naming the lake, the marker's catalog and this catalog.
 *   <li>No marker (a new lake, or one from before the marker existed): the marker is written when
 *       the catalog lists no live data file, or when the lake holds the live files the catalog
 *       lists (a sample of up to {@value #SAMPLE} of them is checked); otherwise refused, naming
 *       both and a missing file.
 * </ul>
 */
final class LakeBinding {
    private static final Logger log = LoggerFactory.getLogger(LakeBinding.class);

    /** The marker's name in the lake root. Not a dataset name, not a temp file: the sweep leaves it. */
    static final String MARKER = ".lakehub-catalog";

    /** How many of the catalog's live files a lake without marker must hold to be adopted. */
    static final int SAMPLE = 5;

    private static final String ID_KEY = "catalog-id";
    private static final String URL_KEY = "catalog-url";

    private LakeBinding() {}

    /**
     * Makes sure the lake at {@code lakeRoot} belongs to the catalog behind {@code tx}, writing the
     * marker at first use.
     *
     * @throws LakeMismatchException when it belongs to another catalog or lacks this catalog's files
     */
    static String check(Transactions tx, Path lakeRoot, String redactedUrl, Clock clock) {
        String catalogId = identity(tx, clock);
        Path marker = lakeRoot.resolve(MARKER);
        Properties found = readMarker(marker);
        if (found != null) {
            String markerId = found.getProperty(ID_KEY, "").strip();
            if (markerId.equals(catalogId)) {
                return catalogId;
            }
            if (markerId.isEmpty()) {
                throw new LakeMismatchException("The lake marker " + marker + " has no " + ID_KEY
                        + "; it was not written by Lakehub, or was edited. Restore it, or delete it to let the"
                        + " catalog " + redactedUrl + " check the lake's files and write it again.");
            }
            throw new LakeMismatchException("The lake at " + lakeRoot + " belongs to another catalog: its marker "
                    + marker + " names catalog " + markerId + " (" + found.getProperty(URL_KEY, "URL unknown")
                    + "), but this hub's catalog " + redactedUrl + " is " + catalogId + ". Point lakehub.lake.path"
                    + " at this catalog's lake, or lakehub.catalog.url at that lake's catalog; nothing was read"
                    + " or written.");
        }
        List<String> sample = tx.read("a sample of the live data files", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT relative_path FROM data_file WHERE removed_snapshot_id IS NULL ORDER BY id DESC")) {
                ps.setMaxRows(SAMPLE);
                List<String> paths = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        paths.add(rs.getString(1));
                    }
                }
                return paths;
            }
        });
        for (String relative : sample) {
            Path file = LakePaths.resolve(lakeRoot, relative);
            if (file == null || !Files.isRegularFile(file)) {
                throw new LakeMismatchException("The lake at " + lakeRoot + " has no marker (" + MARKER
                        + ") and lacks files that this hub's catalog " + redactedUrl + " (" + catalogId
                        + ") lists, e.g. " + relative + ": it is not this catalog's lake. Point lakehub.lake.path"
                        + " at the lake this catalog was used with (by default <home>/lake); nothing was read or"
                        + " written.");
            }
        }
        writeMarker(lakeRoot, marker, catalogId, redactedUrl);
        log.info(
                "Lake {} bound to catalog {} ({}){}",
                lakeRoot,
                catalogId,
                redactedUrl,
                sample.isEmpty() ? "" : ": it holds the catalog's files (an existing lake, adopted)");
        return catalogId;
    }

    /** The catalog's id, created by the first caller; concurrent first callers all get the winner's. */
    static String identity(Transactions tx, Clock clock) {
        String id = readIdentity(tx);
        if (id != null) {
            return id;
        }
        String candidate = UUID.randomUUID().toString();
        // Insert-if-absent: a concurrent insert on PostgreSQL fails with 23505, which the write
        // retries; the retry's NOT EXISTS then sees the other row and inserts nothing.
        tx.write("the catalog's identity", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalog_identity (id, catalog_id, created_at)"
                    + " SELECT 1, ?, ? WHERE NOT EXISTS (SELECT 1 FROM catalog_identity WHERE id = 1)")) {
                ps.setString(1, candidate);
                ps.setLong(2, EpochMicros.now(clock));
                return ps.executeUpdate();
            }
        });
        id = readIdentity(tx);
        if (id == null) {
            throw new IllegalStateException("The catalog's identity row is missing right after it was created");
        }
        return id;
    }

    private static String readIdentity(Transactions tx) {
        return tx.read("the catalog's identity", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT catalog_id FROM catalog_identity WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private static Properties readMarker(Path marker) {
        String text;
        try {
            text = Files.readString(marker, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read the lake marker " + marker + "; the hub does not start without knowing"
                            + " which catalog the lake belongs to",
                    e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new LakeMismatchException(
                    "The lake marker " + marker + " is not readable as key=value lines (" + e.getMessage()
                            + "); restore it, or delete it to have it checked and written again",
                    e);
        }
        return p;
    }

    /**
     * Writes the marker atomically (temp file, then a hard link or rename) and never over a marker
     * another process wrote in the meantime: that one is checked instead.
     */
    private static void writeMarker(Path lakeRoot, Path marker, String catalogId, String redactedUrl) {
        String text = "# Written by Lakehub: the catalog this lake belongs to (ADR 0035). Do not edit.\n" + ID_KEY + "="
                + catalogId + "\n" + URL_KEY + "=" + escape(redactedUrl) + "\n";
        Path temp = lakeRoot.resolve(".tmp-" + MARKER.substring(1) + "-" + UUID.randomUUID());
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                // A hard link fails when the marker exists: no race can replace another catalog's marker.
                Files.createLink(marker, temp);
            } catch (FileAlreadyExistsException raced) {
                Properties other = readMarker(marker);
                if (other == null
                        || !catalogId.equals(other.getProperty(ID_KEY, "").strip())) {
                    throw new LakeMismatchException(
                            "The lake at " + lakeRoot + " was just claimed by another"
                                    + " catalog (" + (other == null ? "?" : other.getProperty(URL_KEY, "?"))
                                    + ") while this hub's catalog " + redactedUrl + " (" + catalogId
                                    + ") was checking it",
                            raced);
                }
            } catch (UnsupportedOperationException | IOException noLinks) {
                // File systems without hard links: a rename, atomic but not exclusive.
                Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not write the lake marker " + marker + "; check the lake folder's permissions", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.warn("Could not delete {}; the orphan sweep deletes it later", temp, e);
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", " ");
    }
}
