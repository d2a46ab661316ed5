package io.lakehub.routes.component;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@code lakehub:<dataset>} endpoints. The dataset name is validated when the endpoint is
 * created, and the options when they are bound, so a route with a bad URI fails at start-up with
 * the option named rather than on its first message.
 */
@Component("lakehub")
public class LakehubComponent extends DefaultComponent {
    private static final Logger LOG = LoggerFactory.getLogger(LakehubComponent.class);

    /** The ingest pipeline every endpoint of this component commits through. */
    @Metadata(required = true, autowired = true)
    private IngestService ingestService;

    /**
     * Folder for message bodies that are not files yet (bytes, streams, text): each is written
     * there, ingested, then deleted. The hub uses {@code <home>/tmp}, on the same disk as the lake.
     */
    @Metadata(required = true)
    private Path spoolDirectory;

    public LakehubComponent() {}

    public LakehubComponent(IngestService ingestService, Path spoolDirectory) {
        this.ingestService = ingestService;
        this.spoolDirectory = spoolDirectory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DatasetName dataset;
        try {
            dataset = DatasetName.of(remaining);
        } catch (InvalidDatasetNameException e) {
            throw new IllegalArgumentException("Endpoint " + uri + ": " + e.getMessage(), e);
        }
        LakehubEndpoint endpoint = new LakehubEndpoint(uri, this, dataset);
        setProperties(endpoint, parameters);
        endpoint.validateOptions();
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (ingestService == null) {
            throw new IllegalStateException("The lakehub component has no ingestService: set the component option"
                    + " 'ingestService' (the hub does this when it starts).");
        }
        if (spoolDirectory == null) {
            throw new IllegalStateException("The lakehub component has no spoolDirectory: set the component option"
                    + " 'spoolDirectory' to a folder on the lake's disk.");
        }
        try {
            Files.createDirectories(spoolDirectory);
            deleteLeftoverSpools();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot prepare the lakehub component's spoolDirectory " + spoolDirectory + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Spooled copies are deleted after each ingest; a crash can leave some behind. None is in use
     * when the component starts (one hub per home), and the sources they copied were never
     * acknowledged, so they are only clutter.
     */
    private void deleteLeftoverSpools() throws IOException {
        try (DirectoryStream<Path> spools = Files.newDirectoryStream(spoolDirectory, SourceFile.SPOOL_PREFIX + "*")) {
            for (Path spool : spools) {
                try (Stream<Path> files = Files.walk(spool)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                LOG.info("Deleted {} left over from an earlier run", spool);
            }
        }
    }

    public IngestService getIngestService() {
        return ingestService;
    }

    public void setIngestService(IngestService ingestService) {
        this.ingestService = ingestService;
    }

    public Path getSpoolDirectory() {
        return spoolDirectory;
    }

    public void setSpoolDirectory(Path spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }
}
