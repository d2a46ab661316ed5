package io.lakehub.routes.cdc;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.routes.component.PipelineSourceComponent;
import io.lakehub.routes.jdbc.SourcePositions;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * Creates {@code lakehub-cdc:<pipeline id>} endpoints. What each pipeline captures is bound here by
 * the hub ({@link #bind}) rather than written into the URI, so that the password never appears in an
 * endpoint URI, a route dump or a log.
 */
@Component("lakehub-cdc")
public class CdcComponent extends PipelineSourceComponent<CdcComponent.Binding> {

    /** The capture of a pipeline, the dataset whose snapshots carry its position, and the dataset's key. */
    public record Binding(CdcSourceSpec spec, DatasetName dataset, List<String> key) {
        public Binding {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(dataset, "dataset");
            key = List.copyOf(key);
        }
    }

    /**
     * Compacts a dataset when it crossed the compaction thresholds; called after each committed batch.
     * A change stream commits every second or so, far more often than the maintenance job runs, and
     * each commit adds files every later plan and query reads: bounded here instead.
     */
    @FunctionalInterface
    public interface Compaction {
        void compactIfNeeded(DatasetName dataset);
    }

    /** Compacts the captured datasets between batches; none when not set (the maintenance job still does). */
    private Compaction compaction = dataset -> {};

    public CdcComponent() {}

    public CdcComponent(SourcePositions positions) {
        super(positions);
    }

    public CdcComponent(SourcePositions positions, Compaction compaction) {
        super(positions);
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
        putBinding(pipelineId, new Binding(spec, dataset, key));
    }

    @Override
    protected Endpoint newEndpoint(String uri, String pipelineId) {
        return new CdcEndpoint(uri, this, pipelineId);
    }
}
