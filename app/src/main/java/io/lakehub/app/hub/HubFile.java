package io.lakehub.app.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(HubFile.class);

    public String baseUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port;
    }

    public static Optional<HubFile> read(Path home) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(home.resolve(FILE_NAME)), HubFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + home.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    public void write(Path home) {
        Path target = home.resolve(FILE_NAME);
        Path temp = home.resolve("." + FILE_NAME + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
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
            LOG.warn("Could not remove {}: {}", home.resolve(FILE_NAME), e.getMessage());
        }
    }
}
