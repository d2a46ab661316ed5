package io.lakehub.app.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Exclusive ownership of a hub home: {@code <home>/.lakehub.lock}, held through an OS file lock for
 * as long as the owner runs (the OS drops it when the process dies, so a crash never leaves the
 * home locked). A server holds it for its lifetime; a CLI command holds it while it works directly
 * on the home. The file's text says who holds it ({@code pid}, {@code kind}), for messages and
 * for the CLI to decide whether to go through the server.
 */
public final class HomeLock implements AutoCloseable {
    public static final String FILE_NAME = ".lakehub.lock";

    /** Locking a byte far past the text leaves the text readable on systems with mandatory locks. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds (or last held) a home. */
    public record Holder(long pid, Kind kind, Instant since) {
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** What kind of process holds the home. */
    public enum Kind {
        /** {@code lakehub run}: serves the HTTP API. */
        HUB,
        /** A command-line command working directly on the home. */
        CLI
    }

    /**
     * Takes the lock if it is free. Empty when another process holds it, or another lock in this
     * JVM does (a test starting a hub and a CLI command on one home).
     */
    public static Optional<HomeLock> tryAcquire(Path home, Kind kind) {
        Path file = home.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(LOCK_POSITION, 1, false);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            String text = "pid=" + ProcessHandle.current().pid() + "\nkind="
                    + kind.name().toLowerCase(Locale.ROOT) + "\nsince=" + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return Optional.of(new HomeLock(file, channel, lock));
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException(
                    "Cannot lock the hub home " + home + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The holder recorded in the lock file, if it names one; says nothing about whether it still holds it. */
    public static Optional<Holder> recordedHolder(Path home) {
        try {
            Map<String, String> fields = recordedFields(home);
            if (fields.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Holder(
                    Long.parseLong(fields.get("pid")),
                    Kind.valueOf(fields.get("kind").toUpperCase(Locale.ROOT)),
                    Instant.parse(fields.get("since"))));
        } catch (RuntimeException e) {
            // Being rewritten by a new holder, or not ours: nothing to report.
            return Optional.empty();
        }
    }

    /**
     * The pid of the hub the lock file names, if it names a hub: {@link #recordedHolder} without
     * reading the time, for {@code lakehub sql}'s lean start (ADR 0059), where java.time's parser, a
     * stream or a lambda each cost milliseconds. Says nothing about whether that hub still holds the lock.
     */
    public static OptionalLong recordedHub(Path home) {
        try {
            Map<String, String> fields = recordedFields(home);
            if (!Kind.HUB.name().equalsIgnoreCase(fields.get("kind"))) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(fields.get("pid")));
        } catch (RuntimeException e) {
            // Being rewritten by a new holder, or not ours: nothing to report.
            return OptionalLong.empty();
        }
    }

    /** The {@code key=value} lines of the lock file; empty when there is none or it cannot be read. */
    private static Map<String, String> recordedFields(Path home) {
        Map<String, String> fields = new HashMap<>();
        try {
            String text = Files.readString(home.resolve(FILE_NAME), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) { // a loop, not a stream: see recordedHub
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(
                            line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // No file, being rewritten by a new holder, or not ours: nothing to report.
            fields.clear();
        }
        return fields;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release " + file + ": " + e.getMessage(), e);
        }
    }
}
