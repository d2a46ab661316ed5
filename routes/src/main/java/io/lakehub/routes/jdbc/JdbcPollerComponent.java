package io.lakehub.routes.jdbc;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.routes.component.PipelineSourceComponent;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;

/**
 * Creates {@code lakehub-jdbc:<pipeline id>} endpoints. What each pipeline reads is bound here by
 * the hub ({@link #bind}) rather than written into the URI, so that the password never appears in
 * an endpoint URI, a route dump or a log. The binding is looked up at each poll, so a reloaded
 * pipeline reads with its new definition.
 *
 * <p>Camel also finds the component by its scheme (a {@code META-INF/services} entry), so that a
 * context that only checks endpoints (a CLI command listing schedules) resolves {@code
 * lakehub-jdbc:} URIs; such an instance has no {@link #setPositions positions} and refuses to poll.
 */
@Component("lakehub-jdbc")
public class JdbcPollerComponent extends PipelineSourceComponent<JdbcPollerComponent.Binding> {

    /** The poller of a pipeline and the dataset whose snapshots carry its position. */
    public record Binding(JdbcSourceSpec spec, DatasetName dataset) {
        public Binding {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(dataset, "dataset");
        }
    }

    public JdbcPollerComponent() {}

    public JdbcPollerComponent(SourcePositions positions) {
        super(positions);
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} reads and where its position is committed. */
    public void bind(String pipelineId, JdbcSourceSpec spec, DatasetName dataset) {
        putBinding(pipelineId, new Binding(spec, dataset));
    }

    @Override
    protected Endpoint newEndpoint(String uri, String pipelineId) {
        return new JdbcPollerEndpoint(uri, this, pipelineId);
    }
}
