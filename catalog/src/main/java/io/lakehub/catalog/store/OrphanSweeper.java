package io.lakehub.catalog.store;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what crashed or failed writers left in the lake: files in a dataset folder that no
 * snapshot ever referenced, and temp files ({@code *.tmp}, {@code .tmp-*}), once older than the
 * grace period. Younger files may belong to a commit still in flight, possibly in another process.
 *
 * <p>Only folders named like datasets directly under the lake root are walked, symbolic links are
 * neither followed nor deleted, and the folder is listed before the catalog is asked which files
 * it references, so that a commit landing during the sweep is seen as referencing its files.
 */
final class OrphanSweeper {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final Transactions tx;
    private final Path lakeRoot;
    private final Clock clock;

    OrphanSweeper(Transactions tx, Path lakeRoot, Clock clock) {
        this.tx = tx;
        this.lakeRoot = lakeRoot;
        this.clock = clock;
    }

    int sweep(Duration grace, Catalog.SweepProgress progress) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException(
                    "The orphan sweep's grace period must be zero or positive, not " + grace);
        }
        if (!Files.isDirectory(lakeRoot, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(grace);
        List<Path> temps = new ArrayList<>();
        List<Path> unknown = new ArrayList<>();
        try (DirectoryStream<Path> top = Files.newDirectoryStream(lakeRoot)) {
            for (Path entry : top) {
                BasicFileAttributes attrs =
                        Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = entry.getFileName().toString();
                if (attrs.isRegularFile() && LakePaths.isTemporary(name) && isOlder(attrs, cutoff)) {
                    temps.add(entry);
                } else if (attrs.isDirectory() && DatasetName.isValid(name)) {
                    collect(entry, cutoff, temps, unknown);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "Could not list the lake folder " + lakeRoot + " for the orphan sweep; nothing was deleted", e);
        }

        progress.listed(temps.size() + unknown.size());
        Set<String> referenced = referenced(unknown);
        int deleted = 0;
        int orphans = 0;
        for (Path p : temps) {
            deleted += delete(p) ? 1 : 0;
            progress.checked(1);
        }
        for (Path p : unknown) {
            if (!referenced.contains(LakePaths.relative(lakeRoot, p)) && delete(p)) {
                deleted++;
                orphans++;
            }
            progress.checked(1);
        }
        if (deleted > 0) {
            log.info(
                    "Orphan sweep deleted {} file(s) under {} ({} unreferenced, {} temp)",
                    deleted,
                    lakeRoot,
                    orphans,
                    deleted - orphans);
            String details = CatalogJson.write(CatalogJson.object()
                    .put("deleted", deleted)
                    .put("unreferenced", orphans)
                    .put("temp", deleted - orphans)
                    .put("grace_seconds", grace.toSeconds()));
            tx.write(
                    "the audit event lake.sweep",
                    c -> AuditLog.append(c, new AuditEntry("system", "lake.sweep", "lake", details), clock));
        }
        return deleted;
    }

    private static void collect(Path datasetDir, Instant cutoff, List<Path> temps, List<Path> unknown)
            throws IOException {
        // No FOLLOW_LINKS: a link is visited as a file whose attributes say "symbolic link".
        Files.walkFileTree(datasetDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isOlder(attrs, cutoff)) {
                    (LakePaths.isTemporary(file.getFileName().toString()) ? temps : unknown).add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Typically a temp file renamed or deleted by a writer during the walk.
                log.debug("Orphan sweep skipped {}", file, e);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Which of these files any data_file row, live or historical, names. */
    private Set<String> referenced(List<Path> files) {
        List<String> paths =
                files.stream().map(p -> LakePaths.relative(lakeRoot, p)).toList();
        return tx.read("the data files of the lake", c -> DataFilePaths.recorded(c, paths));
    }

    private static boolean isOlder(BasicFileAttributes attrs, Instant cutoff) {
        return attrs.lastModifiedTime().toInstant().isBefore(cutoff);
    }

    private static boolean delete(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Orphan sweep could not delete {}; it is tried again next time", p, e);
            return false;
        }
    }
}
