package io.lakehub.routes.inbox;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.LakehubException;
import io.lakehub.processors.chain.PartitionColumnsStep;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.component.LakehubConstants;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's per-file steps: which dataset a file belongs to (and its hive partition folders), and
 * where it goes afterwards ({@code .processed/} or {@code .failed/} in its dataset folder, below the
 * same partition folders, under a name that never replaces an earlier file). The file consumer performs the move itself once the exchange
 * completes, reading the target from {@link #TARGET}.
 */
final class InboxFiles {
    /** Exchange property holding the absolute path the consumer moves the file to. */
    static final String TARGET = "LakehubInboxTarget";

    static final String PROCESSED = ".processed";
    static final String FAILED = ".failed";
    static final String ERROR_SUFFIX = ".error.txt";

    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Path inbox;

    /** @param inbox the inbox folder, whose sub-folders are datasets */
    InboxFiles(Clock clock, Path inbox) {
        this.clock = clock;
        this.inbox = inbox.toAbsolutePath().normalize();
    }

    /**
     * Where a file lies: its dataset folder, and the hive partition folders between that and the file
     * (empty for a file directly in the dataset folder).
     */
    record Place(Path datasetFolder, List<String> partitionFolders) {
        /** {@code <dataset>/<special>/<partition folders...>}: where the file goes afterwards. */
        Path under(String special) {
            Path dir = datasetFolder.resolve(special);
            for (String folder : partitionFolders) {
                dir = dir.resolve(folder);
            }
            return dir;
        }
    }

    Place place(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (f.startsWith(inbox) && inbox.relativize(f).getNameCount() >= 2) {
            Path relative = inbox.relativize(f);
            List<String> folders = new ArrayList<>();
            for (int i = 1; i < relative.getNameCount() - 1; i++) {
                folders.add(relative.getName(i).toString());
            }
            return new Place(inbox.resolve(relative.getName(0)), folders);
        }
        return new Place(f.getParent(), List.of());
    }

    /**
     * Sets {@link LakehubConstants#DATASET} from the file's dataset folder, refusing a folder that is not
     * a dataset name, and {@link LakehubConstants#PARTITIONS} from its partition folders, if any.
     */
    void resolveDataset(Exchange exchange) {
        Path file = file(exchange);
        Place place = place(file);
        String folder = place.datasetFolder().getFileName().toString();
        try {
            exchange.getMessage()
                    .setHeader(LakehubConstants.DATASET, DatasetName.of(folder).value());
        } catch (InvalidDatasetNameException e) {
            InvalidDatasetNameException refusal = new InvalidDatasetNameException(file
                    + ": its folder is not a dataset name. " + e.getMessage()
                    + " Rename the folder and drop the file again; nothing was written.");
            refusal.initCause(e);
            throw refusal;
        }
        if (!place.partitionFolders().isEmpty()) {
            Map<String, String> partitions;
            try {
                partitions = PartitionColumnsStep.fromFolders(place.partitionFolders());
            } catch (IllegalArgumentException e) {
                throw new IngestRefusedException(file + ": " + e.getMessage() + ". Nothing was written.", e);
            }
            exchange.getMessage().setHeader(LakehubConstants.PARTITIONS, partitions);
        }
    }

    void markProcessed(Exchange exchange) {
        Path file = file(exchange);
        Path target;
        try {
            target = uniqueTarget(
                    place(file).under(PROCESSED), file.getFileName().toString(), false);
        } catch (IOException e) {
            // Committed already: parking it in .failed would tell the user nothing was written.
            throw new InboxMoveFailedException(
                    file + " was committed but cannot be moved to " + PROCESSED + " (" + e.getMessage()
                            + "); it stays in the inbox and the next scan records it as already ingested",
                    e);
        }
        exchange.setProperty(TARGET, target.toString());
        var message = exchange.getMessage();
        LOG.info(
                "Inbox: {} -> dataset {}: {} (snapshot {}, {} rows)",
                file,
                message.getHeader(LakehubConstants.DATASET),
                message.getHeader(LakehubConstants.OUTCOME),
                message.getHeader(LakehubConstants.SNAPSHOT_ID),
                message.getHeader(LakehubConstants.ROWS));
    }

    /** A refusal: the reason is the exception's message, written for the user. */
    void markRefused(Exchange exchange) throws IOException {
        Throwable cause = userFacing(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        String reason = oneLine(cause == null ? "refused (no reason given)" : cause.getMessage());
        Path target = moveToFailed(exchange, reason);
        LOG.warn("Inbox: refused: {} (moved to {})", reason, target);
    }

    /**
     * The catalog could not commit (outage, conflict): the file is not at fault and stays where it
     * is; re-throwing fails the exchange so the consumer rolls back and retries on the next scan.
     */
    void retryLater(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn(
                "Inbox: {} not ingested now, it stays in the inbox and is retried on the next scan: {}",
                file(exchange),
                oneLine(cause.getMessage()));
        throw cause;
    }

    /** Anything but a refusal or a catalog outage: most likely a bug; the file is parked with the error. */
    void markFailedUnexpectedly(Exchange exchange) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Path file = file(exchange);
        String reason = oneLine(file + ": not ingested because of an unexpected error ("
                + (cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage())
                + "); nothing was written. See the hub log, then drop the file again.");
        Path target = moveToFailed(exchange, reason);
        LOG.error("Inbox: {} failed unexpectedly (moved to {})", file, target, cause);
    }

    private Path moveToFailed(Exchange exchange, String reason) throws IOException {
        Path file = file(exchange);
        Path target = uniqueTarget(place(file).under(FAILED), file.getFileName().toString(), true);
        writeAtomically(target.resolveSibling(target.getFileName() + ERROR_SUFFIX), reason + "\n");
        exchange.setProperty(TARGET, target.toString());
        return target;
    }

    /**
     * {@code dir/name} if neither it (nor, for {@code .failed}, its error file) exists yet; otherwise
     * the name with a UTC timestamp before the extension, then a counter.
     */
    Path uniqueTarget(Path dir, String name, boolean withErrorFile) throws IOException {
        Files.createDirectories(dir);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String stamped = stem + "-" + SUFFIX.format(clock.instant());
        for (int i = 0; ; i++) {
            String candidate = i == 0 ? name : i == 1 ? stamped + ext : stamped + "-" + i + ext;
            Path target = dir.resolve(candidate);
            if (!Files.exists(target) && !(withErrorFile && Files.exists(dir.resolve(candidate + ERROR_SUFFIX)))) {
                return target;
            }
        }
    }

    /** Temp file in the same folder, fsync, then rename: a reader never sees half an error file. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(StandardCharsets.UTF_8.encode(content));
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path file(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        return Path.of(path).toAbsolutePath();
    }

    /** The hub's own exception in the chain (Camel may wrap it), whose message is written for the user. */
    private static Throwable userFacing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LakehubException) {
                return c;
            }
        }
        return t;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
