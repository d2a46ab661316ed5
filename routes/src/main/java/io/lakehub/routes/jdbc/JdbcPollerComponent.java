package io.lakehub.routes.jdbc;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

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
public class JdbcPollerComponent extends DefaultComponent {

    /** The poller of a pipeline and the dataset whose snapshots carry its position. */
    public record Binding(JdbcSourceSpec spec, DatasetName dataset) {
        public Binding {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(dataset, "dataset");
        }
    }

    /** Where pollers read their committed position; the hub sets {@code Catalog::sourcePosition}. */
    @Metadata(required = true, autowired = true)
    private SourcePositions positions;

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    public JdbcPollerComponent() {}

    public JdbcPollerComponent(SourcePositions positions) {
        this.positions = positions;
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} reads and where its position is committed. */
    public void bind(String pipelineId, JdbcSourceSpec spec, DatasetName dataset) {
        bindings.put(pipelineId, new Binding(spec, dataset));
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
            throw new IllegalArgumentException("Endpoint " + uri + ": name the pipeline, lakehub-jdbc:<pipeline id>");
        }
        JdbcPollerEndpoint endpoint = new JdbcPollerEndpoint(uri, this, remaining);
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
