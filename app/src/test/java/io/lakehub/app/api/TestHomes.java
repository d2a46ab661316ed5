package io.lakehub.app.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hub homes for Spring tests, created before the context (which a JUnit {@code @TempDir} is not,
 * reliably) under the build's target folder, so {@code mvn clean} removes them.
 */
public final class TestHomes {
    private TestHomes() {}

    public static Path create(String name) {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-homes"));
            return Files.createTempDirectory(base.toAbsolutePath(), name + "-").resolve("home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
