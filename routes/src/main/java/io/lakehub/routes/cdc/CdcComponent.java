package io.lakehub.routes.cdc;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.routes.jdbc.SourcePositions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * Creates {@code lakehub-cdc:<pipeline id>} endpoints. What each pipeline captures is bound here by
 * the hub ({@link #bind}) rather than written into the URI, so that the password never appears in an
 * endpoint URI, a route dump or a log.
 */
@Component("lakehub-cdc")
public class CdcComponent extends DefaultComponent {

    /** The capture of a pipeline, the dataset whose snapshots carry its position, and the dataset's key. */
    public record Binding(CdcSourceSpec spec, DatasetName dataset, List<String> key) {
        public Binding {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(dataset, "dataset");
            key = List.copyOf(key);
        }
    }

    /** Where the engine reads its committed position; the hub sets {@code Catalog::sourcePosition}. */
    @Metadata(required = true, autowired = true)
    private SourcePositions positions;

    /**
     * Compacts a dataset when it crossed the compaction thresholds; called after each committed batch.
     * A change stream commits every second or so, far more often than the maintenance job runs, and
     * each commit adds files every later plan and query reads: bounded here instead.
     */
    @FunctionalInterface
    public interface Compaction {
        void compactIfNeeded(DatasetName dataset);
    }

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    /** Compacts the captured datasets between batches; none when not set (the maintenance job still does). */
    private Compaction compaction = dataset -> {};

    public CdcComponent() {}

    public CdcComponent(SourcePositions positions) {
        this.positions = positions;
    }

    public CdcComponent(SourcePositions positions, Compaction compaction) {
        this.positions = positions;
        this.compaction = compaction;
    }

    public Compaction getCompaction() {
        return compaction;
    }

    public void setCompaction(Compaction compaction) {
        this.compaction = compaction == null ? dataset -> {} : compaction;
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} captures and where its position is committed. */
    public void bind(String pipelineId, CdcSourceSpec spec, DatasetName dataset, List<String> key) {
        bindings.put(pipelineId, new Binding(spec, dataset, key));
    }

    public void unbind(String pipelineId) {
        bindings.remove(pipelineId);
    }

    Optional<Binding> binding(String pipelineId) {
        return Optional.ofNullable(bindings.get(pipelineId));
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Endpoint " + uri + ": name the pipeline, lakehub-cdc:<pipeline id>");
        }
        CdcEndpoint endpoint = new CdcEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SourcePositions getPositions() {
        return positions;
    }

    public void setPositions(SourcePositions positions) {
        this.positions = positions;
    }
}
