package io.lakehub.app.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <home>/hub.json}: how to reach the server that holds the home ({@code {"pid", "host",
 * "port", "started_at"}}). Written once the server listens, through a temp file and an atomic
 * rename; removed when it stops. A stale file after a crash is harmless: the lock is free then,
 * and the CLI only reads this file while the lock is held by a hub.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HubFile(long pid, String host, int port, String startedAt) {
    public static final String FILE_NAME = "hub.json";

    /**
     * The file as {@link #write} makes it, for {@link #readQuick}: compact JSON, these four fields in
     * this order, a host without escapes.
     */
    private static final String WRITTEN_FORM =
            "\\{\"pid\":(\\d+),\"host\":\"([^\"\\\\]*)\",\"port\":(\\d+),\"started_at\":(?:\"([^\"\\\\]*)\"|null)}\\s*";

    /**
     * Jackson's data binding and the logger, made on first use rather than with this class: {@code
     * lakehub sql}'s lean entry point reads the file with {@link #readQuick} and loads neither (ADR 0059).
     */
    private static final class Io {
        static final ObjectMapper JSON = new ObjectMapper();
        static final Logger LOG = LoggerFactory.getLogger(HubFile.class);
    }

    /** {@code http://host:port}, an IPv6 host in brackets. */
    public String baseUrl() {
        // A StringBuilder rather than +: the first string concatenation costs a lean JVM ~10 ms (ADR 0059).
        StringBuilder url = new StringBuilder("http://");
        if (host.contains(":") && !host.startsWith("[")) {
            url.append('[').append(host).append(']');
        } else {
            url.append(host);
        }
        return url.append(':').append(port).toString();
    }

    public static Optional<HubFile> read(Path home) {
        try {
            return Optional.of(Io.JSON.readValue(Files.readAllBytes(home.resolve(FILE_NAME)), HubFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + home.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file in {@code home} when it has exactly the form {@link #write} gives it, read with a regular
     * expression instead of a JSON parser (Jackson costs {@code lakehub sql}'s lean JVM ~50 ms, ADR 0059);
     * empty when there is no such file, it cannot be read, or has another form ({@link #read} then says
     * what is wrong).
     */
    public static Optional<HubFile> readQuick(Path home) {
        String text;
        try {
            text = Files.readString(home.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // for read() to report, if the caller goes on
        }
        Matcher m = Pattern.compile(WRITTEN_FORM).matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new HubFile(Long.parseLong(m.group(1)), m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // out of range: not a file write() made
        }
    }

    public void write(Path home) {
        Path target = home.resolve(FILE_NAME);
        Path temp = home.resolve("." + FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Io.JSON.writeValueAsBytes(this)));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file if it still describes this hub (a newer hub may have replaced it). */
    public void deleteIfOurs(Path home) {
        try {
            if (read(home).filter(this::equals).isPresent()) {
                Files.deleteIfExists(home.resolve(FILE_NAME));
            }
        } catch (IOException | UncheckedIOException e) {
            // A stale hub.json is harmless (see the class comment); the caller is shutting down.
            Io.LOG.warn("Could not remove {}: {}", home.resolve(FILE_NAME), e.getMessage());
        }
    }
}
