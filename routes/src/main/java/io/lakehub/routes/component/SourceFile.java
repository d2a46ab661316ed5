package io.lakehub.routes.component;

import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.read.Format;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;

/**
 * A message body as a file the readers can open. Files (including the file consumer's {@code
 * GenericFile}) are read in place; anything else is spooled to a private folder under the spool
 * directory, keeping the message's file name so that format detection and the text reader see
 * it, and deleted on {@link #close()}.
 */
final class SourceFile implements AutoCloseable {
    /** Name prefix of the per-message spool folders. */
    static final String SPOOL_PREFIX = "spool-";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,120}");

    private final Path path;
    private final String sourceUri;
    private final Path spoolFolder;

    private SourceFile(Path path, String sourceUri, Path spoolFolder) {
        this.path = path;
        this.sourceUri = sourceUri;
        this.spoolFolder = spoolFolder;
    }

    static SourceFile of(Exchange exchange, Path spoolDirectory, Format format) throws IOException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        String declaredUri = in.getHeader(LakehubConstants.SOURCE_URI, String.class);
        Path file = null;
        if (body instanceof WrappedFile<?> wrapped && wrapped.getFile() instanceof File f) {
            file = f.toPath();
        } else if (body instanceof File f) {
            file = f.toPath();
        } else if (body instanceof Path p) {
            file = p;
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IngestRefusedException(
                        file + ": not a regular file (it may have been moved or deleted). Nothing was written.", null);
            }
            Path absolute = file.toAbsolutePath();
            return new SourceFile(absolute, declaredUri != null ? declaredUri : absolute.toString(), null);
        }
        if (body == null) {
            throw new IngestRefusedException(
                    "The message has no body to ingest (expected a file, bytes, a stream or text). Nothing was written.",
                    null);
        }
        return spool(exchange, body, spoolDirectory, format, declaredUri);
    }

    private static SourceFile spool(
            Exchange exchange, Object body, Path spoolDirectory, Format format, String declaredUri) throws IOException {
        String headerName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String name = spoolName(headerName, format);
        Path folder = Files.createTempDirectory(spoolDirectory, SPOOL_PREFIX);
        Path target = folder.resolve(name);
        try (InputStream stream =
                exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange, body)) {
            Files.copy(stream, target);
        } catch (Exception e) {
            deleteQuietly(target, e);
            deleteQuietly(folder, e);
            throw e instanceof IOException io
                    ? io
                    : new IOException("Cannot spool the message body: " + e.getMessage(), e);
        }
        String uri = declaredUri != null ? declaredUri : headerName != null ? headerName : "message:" + name;
        return new SourceFile(target, uri, folder);
    }

    /** The message's own file name when it is a plain name, else {@code body.<format>}. */
    static String spoolName(String headerName, Format format) {
        if (headerName != null) {
            String last = headerName.replace('\\', '/');
            last = last.substring(last.lastIndexOf('/') + 1);
            if (SAFE_NAME.matcher(last).matches() && !last.startsWith(".")) {
                return last;
            }
        }
        return format == null ? "body" : "body." + format.displayName();
    }

    Path path() {
        return path;
    }

    String sourceUri() {
        return sourceUri;
    }

    /** Deletes the spooled copy, if any; never the caller's own file. */
    @Override
    public void close() throws IOException {
        if (spoolFolder != null) {
            Files.deleteIfExists(path);
            Files.deleteIfExists(spoolFolder);
        }
    }

    private static void deleteQuietly(Path p, Exception primary) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
