package io.lakehub.routes.component;

import io.lakehub.routes.jdbc.SourcePositions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

/**
 * The component of a source the hub binds per pipeline ({@code lakehub-jdbc:}, {@code
 * lakehub-cdc:}, {@code lakehub-kafka:}): endpoints are named {@code <scheme>:<pipeline id>}, and
 * what each pipeline reads is bound here by the hub rather than written into the URI, so that
 * passwords and credentials never appear in an endpoint URI, a route dump or a log. The binding is
 * looked up when the endpoint starts or polls, so a reloaded pipeline reads with its new
 * definition. Sources resume from the position the catalog committed with their data, read through
 * {@link #getPositions()}.
 *
 * <p>Camel also finds these components by their scheme (a {@code META-INF/services} entry), so that
 * a context that only checks endpoints resolves their URIs; such an instance has no positions and
 * its endpoints refuse to read.
 *
 * @param <B> what the hub binds for one pipeline
 */
public abstract class PipelineSourceComponent<B> extends DefaultComponent {

    /** Where sources read their committed position; the hub sets {@code Catalog::sourcePosition}. */
    @Metadata(required = true, autowired = true)
    private SourcePositions positions;

    private final Map<String, B> bindings = new ConcurrentHashMap<>();

    protected PipelineSourceComponent() {}

    protected PipelineSourceComponent(SourcePositions positions) {
        this.positions = positions;
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} reads. */
    protected final void putBinding(String pipelineId, B binding) {
        bindings.put(pipelineId, Objects.requireNonNull(binding, "binding"));
    }

    public void unbind(String pipelineId) {
        bindings.remove(pipelineId);
    }

    /** What the hub bound for {@code pipelineId}; empty for a pipeline it does not (or no longer) run. */
    public Optional<B> binding(String pipelineId) {
        return Optional.ofNullable(bindings.get(pipelineId));
    }

    /** The endpoint of {@code pipelineId} (the URI's remaining part, never blank). */
    protected abstract Endpoint newEndpoint(String uri, String pipelineId);

    @Override
    protected final Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        if (remaining == null || remaining.isBlank()) {
            String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
            throw new IllegalArgumentException("Endpoint " + uri + ": name the pipeline, " + scheme + ":<pipeline id>");
        }
        Endpoint endpoint = newEndpoint(uri, remaining);
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
