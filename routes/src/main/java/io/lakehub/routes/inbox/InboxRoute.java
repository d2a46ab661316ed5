package io.lakehub.routes.inbox;

import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.component.LakehubConstants;
import java.time.Clock;
import org.apache.camel.builder.RouteBuilder;

/**
 * Watches {@code <inbox>/<dataset>/<file>} and ingests each file through the {@code lakehub:}
 * component (so YAML routes and the inbox share one path).
 *
 * <ul>
 *   <li>Files one folder deep are taken, and files below it in hive partition folders ({@code
 *       <dataset>/year=2024/month=1/part.csv}, up to {@value #MAX_PARTITION_LEVELS} levels): their
 *       {@code key=value} folder names become columns ({@link
 *       io.lakehub.processors.chain.PartitionColumnsStep}). Files in the inbox itself, other deeper
 *       folders, dot files and folders ({@code .processed}, {@code .failed}) and temp files of copy
 *       tools ({@code *.tmp}, {@code *.part}, {@code *~}, ...) are left alone. New dataset folders
 *       are picked up on the next scan.
 *   <li>A file is taken once it has not changed for {@code readLockMinAge}, so a copy in progress
 *       is never read half-done. Files are taken oldest first, one at a time.
 *   <li>Committed, duplicate or empty (a file without rows, also of 0 bytes): moved to {@code <dataset>/.processed/}. Refused (bad data, invalid
 *       folder name): moved to {@code <dataset>/.failed/} beside {@code <file>.error.txt} with the
 *       one-line reason. A file from partition folders keeps them there ({@code
 *       <dataset>/.processed/year=2024/month=1/part.csv}); the emptied partition folders stay. Neither move replaces an earlier file of the same name: the newcomer gets
 *       a timestamp suffix.
 *   <li>Catalog unreachable or a commit conflict: the file stays where it is and is retried on the
 *       next scan; nothing was committed. Any other error parks it in {@code .failed/} like a
 *       refusal, so that one bad file cannot loop forever.
 * </ul>
 */
public class InboxRoute extends RouteBuilder {
    /** Route id, for management and tests. */
    public static final String ROUTE_ID = "lakehub-inbox";

    /** How many {@code key=value} folders below a dataset folder the inbox descends into. */
    public static final int MAX_PARTITION_LEVELS = 10;

    private static final String TEMP_FILES = ".*(\\.(tmp|temp|part|partial|crdownload|download|swp)|~)";

    private final InboxSettings settings;
    private final InboxFiles files;

    public InboxRoute(InboxSettings settings) {
        this(settings, Clock.systemUTC());
    }

    InboxRoute(InboxSettings settings, Clock clock) {
        this.settings = settings;
        this.files = new InboxFiles(clock, settings.inbox());
    }

    @Override
    public void configure() {
        // Re-thrown by retryLater below: no redelivery storm within one scan, no .failed; the file
        // consumer rolls back and the next scan tries the file again.
        onException(CatalogUnavailableException.class, CommitConflictException.class, InboxMoveFailedException.class)
                .maximumRedeliveries(0)
                .handled(false)
                .logStackTrace(false)
                .logExhausted(false);

        from(consumerUri())
                .routeId(ROUTE_ID)
                .doTry()
                .process(files::resolveDataset)
                .toD("lakehub:${header." + LakehubConstants.DATASET + "}?actor=inbox&sourceSystem=inbox")
                .process(files::markProcessed)
                .doCatch(IngestRefusedException.class, InvalidDatasetNameException.class)
                .process(files::markRefused)
                .doCatch(
                        CatalogUnavailableException.class,
                        CommitConflictException.class,
                        InboxMoveFailedException.class)
                .process(files::retryLater)
                .doCatch(Exception.class)
                .process(files::markFailedUnexpectedly)
                .end();
    }

    String consumerUri() {
        return "file:" + settings.inbox().toAbsolutePath()
                + "?recursive=true&minDepth=2&maxDepth=" + (2 + MAX_PARTITION_LEVELS)
                + "&filter=#class:" + InboxFolderFilter.class.getName()
                + "&exclude=RAW(" + TEMP_FILES + ")"
                + "&readLock=changed"
                // Empty files too (Camel waits for at least one byte by default): an empty export is a
                // successful ingest of zero rows, moved to .processed, not a file left in the inbox forever.
                + "&readLockMinLength=0"
                + "&readLockMinAge=" + settings.readLockMinAge().toMillis()
                + "&readLockCheckInterval=" + settings.readLockCheckInterval().toMillis()
                + "&readLockTimeout=" + settings.readLockTimeout().toMillis()
                + "&sortBy=file:modified"
                + "&initialDelay=0&delay=" + settings.pollDelay().toMillis()
                + "&autoCreate=true"
                + "&move=${exchangeProperty." + InboxFiles.TARGET + "}";
    }
}
