package io.lakehub.app.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline configuration file and hands a changed one to {@link
 * HubPipelines#reload}. Polls the file's content (a digest, every {@code interval}) rather than
 * using a WatchService: editors replace files by rename, and network or container file systems
 * often deliver no events, while a digest sees every real change and ignores a touch.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final HubPipelines pipelines;
    private final ScheduledExecutorService executor;
    private byte[] digest;

    /** @param file the file to watch; null watches nothing (no file, or reloading turned off) */
    ConfigWatcher(Path file, HubPipelines pipelines, Duration interval) {
        this.file = file;
        this.pipelines = pipelines;
        if (file == null) {
            this.executor = null;
            return;
        }
        this.digest = digest(file);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-config-watch");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the file; a failure is logged and the next look tries again. */
    void check() {
        try {
            byte[] now = digest(file);
            if (Arrays.equals(now, digest)) {
                return;
            }
            LOG.info("{} changed; reloading the pipelines", file);
            pipelines.reload(() -> PipelineConfigFile.loader().load(file));
            // Only an applied (or refused-as-invalid) file counts as seen: a reload that failed to
            // apply is tried again on the next look.
            digest = now;
        } catch (RuntimeException e) {
            LOG.error("Could not apply the changed pipeline configuration {}; the pipelines keep running", file, e);
        }
    }

    /** The file's SHA-256, or null while it does not exist (being replaced, or deleted). */
    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
