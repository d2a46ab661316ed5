package io.lakehub.processors.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * An Iceberg {@link FileIO} over {@code java.nio} for {@code file:} URIs (and plain absolute paths):
 * what lets {@code iceberg-core} run without Hadoop (ADR 0039). Locations keep their {@code file:}
 * scheme so that Spark, Trino and other engines resolve the same metadata. Thread-safe, stateless.
 */
public final class LocalFileIO implements FileIO, SupportsPrefixOperations {

    /** The {@code file:} URI of a local path, as the tables record it: {@code file:/abs/path}. */
    public static String uri(Path path) {
        return "file:" + path.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    /** The local path of a {@code file:} URI or plain path. */
    public static Path path(String location) {
        if (location.startsWith("file:")) {
            String rest = location.substring("file:".length());
            // file:///abs and file:/abs are the same path; file://host/ is not local.
            if (rest.startsWith("//") && !rest.startsWith("///")) {
                throw new IllegalArgumentException(
                        "'" + location + "' names a remote host; LocalFileIO reads local files only");
            }
            while (rest.startsWith("//")) {
                rest = rest.substring(1);
            }
            return Paths.get(rest);
        }
        if (location.contains("://")) {
            throw new IllegalArgumentException(
                    "'" + location + "' is not a local file; LocalFileIO reads file: locations only");
        }
        return Paths.get(location);
    }

    @Override
    public InputFile newInputFile(String location) {
        return org.apache.iceberg.Files.localInput(path(location).toFile());
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return newInputFile(location);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        Path p = path(location);
        try {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of " + location, e);
        }
        return org.apache.iceberg.Files.localOutput(p.toFile());
    }

    @Override
    public void deleteFile(String location) {
        try {
            Files.deleteIfExists(path(location));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + location, e);
        }
    }

    @Override
    public Iterable<FileInfo> listPrefix(String prefix) {
        Path root = path(prefix);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.add(new FileInfo(
                            uri(p), Files.size(p), Files.getLastModifiedTime(p).toMillis()));
                }
            }
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + prefix, e);
        }
        return files;
    }

    @Override
    public void deletePrefix(String prefix) {
        Path root = path(prefix);
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    Files.deleteIfExists(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return java.nio.file.FileVisitResult.CONTINUE; // deleted meanwhile
                    }
                    throw e;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    try {
                        Files.deleteIfExists(dir);
                    } catch (java.nio.file.DirectoryNotEmptyException raced) {
                        // a writer added a file meanwhile; left for the next delete
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // nothing there
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + prefix, e);
        }
    }
}
