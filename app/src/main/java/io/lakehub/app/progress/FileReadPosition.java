package io.lakehub.app.progress;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How far a process has read a file: the offset of its open descriptor on that file, from {@code
 * /proc/PID/fdinfo} (Linux; elsewhere, or without the right to look, nothing is known). It costs
 * the reader nothing: the position is looked up only when asked. Works whether this process or
 * another one (a running hub, for the CLI) does the reading. Thread-safe.
 */
public final class FileReadPosition implements Supplier<OptionalLong> {
    private final Path proc;
    private final Path file;
    private Path descriptor;

    /** The position of process {@code pid} in {@code file}. */
    public FileReadPosition(long pid, Path file) {
        this.proc = Path.of("/proc", Long.toString(pid));
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        this.file = real;
    }

    /** The read offset now; empty when the file is not open in the process (or nothing can be known). */
    @Override
    public synchronized OptionalLong get() {
        try {
            if (descriptor == null || !file.equals(Files.readSymbolicLink(descriptor))) {
                descriptor = find();
            }
            if (descriptor == null) {
                return OptionalLong.empty();
            }
            for (String line : Files.readAllLines(
                    proc.resolve("fdinfo").resolve(descriptor.getFileName().toString()))) {
                if (line.startsWith("pos:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The descriptor was closed between two looks, or /proc is not there: nothing known now.
            descriptor = null;
        }
        return OptionalLong.empty();
    }

    private Path find() throws IOException {
        Path fds = proc.resolve("fd");
        if (!Files.isDirectory(fds)) {
            return null;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
            for (Path fd : all) {
                try {
                    if (file.equals(Files.readSymbolicLink(fd))) {
                        return fd;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return null;
    }
}
