package io.lakehub.routes.kafka;

import io.lakehub.catalog.DatasetName;
import io.lakehub.routes.jdbc.SourcePositions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * Creates {@code lakehub-kafka:<pipeline id>} endpoints, the always-on source of a {@code from:
 * "kafka:..."} pipeline. The hub binds each pipeline's camel-kafka URI, dataset and dead letter
 * endpoint here ({@link #bind}), so the URI (which may carry SASL credentials) never appears in the
 * route. Camel also finds the component by its scheme; such an instance has no {@link
 * #setPositions positions} and refuses to start a consumer.
 */
@Component("lakehub-kafka")
public class KafkaPipelineComponent extends DefaultComponent {

    /**
     * What a pipeline reads and where it writes.
     *
     * @param kafkaUri the camel-kafka URI, placeholders resolved (handed to Camel only)
     * @param displayUri the URI as written, credentials masked: lineage and logs
     * @param dataset the dataset whose snapshots carry the positions
     * @param deadLetterUri the pipeline's {@code onError.deadLetter} endpoint, resolved; {@code null}:
     *     records that are not JSON objects go to the dataset {@code <dataset>__dead_letter}
     * @param backoff the pipeline's {@code onError.backoff}: first wait after a failed batch
     */
    public record Binding(
            String kafkaUri, String displayUri, DatasetName dataset, String deadLetterUri, Duration backoff) {
        public Binding {
            Objects.requireNonNull(kafkaUri, "kafkaUri");
            Objects.requireNonNull(displayUri, "displayUri");
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(backoff, "backoff");
        }
    }

    /** Where consumers read the committed positions; the hub sets {@code Catalog::sourcePosition}. */
    @Metadata(required = true, autowired = true)
    private SourcePositions positions;

    /** Batch sizes and retry backoff ({@code lakehub.kafka.*}). */
    @Metadata
    private KafkaSettings settings = KafkaSettings.DEFAULTS;

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    public KafkaPipelineComponent() {}

    public KafkaPipelineComponent(SourcePositions positions, KafkaSettings settings) {
        this.positions = positions;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} reads. */
    public void bind(String pipelineId, Binding binding) {
        bindings.put(pipelineId, Objects.requireNonNull(binding, "binding"));
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
            throw new IllegalArgumentException("Endpoint " + uri + ": name the pipeline, lakehub-kafka:<pipeline id>");
        }
        KafkaPipelineEndpoint endpoint = new KafkaPipelineEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SourcePositions getPositions() {
        return positions;
    }

    public void setPositions(SourcePositions positions) {
        this.positions = positions;
    }

    public KafkaSettings getSettings() {
        return settings;
    }

    public void setSettings(KafkaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }
}
