package io.lakehub.routes.kafka;

import io.lakehub.catalog.DatasetName;
import io.lakehub.routes.component.PipelineSourceComponent;
import io.lakehub.routes.jdbc.SourcePositions;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;

/**
 * Creates {@code lakehub-kafka:<pipeline id>} endpoints, the always-on source of a {@code from:
 * "kafka:..."} pipeline. The hub binds each pipeline's camel-kafka URI, dataset and dead letter
 * endpoint here ({@link #bind}), so the URI (which may carry SASL credentials) never appears in the
 * route. Camel also finds the component by its scheme; such an instance has no {@link
 * #setPositions positions} and refuses to start a consumer.
 */
@Component("lakehub-kafka")
public class KafkaPipelineComponent extends PipelineSourceComponent<KafkaPipelineComponent.Binding> {

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

    /** Batch sizes and retry backoff ({@code lakehub.kafka.*}). */
    @Metadata
    private KafkaSettings settings = KafkaSettings.DEFAULTS;

    public KafkaPipelineComponent() {}

    public KafkaPipelineComponent(SourcePositions positions, KafkaSettings settings) {
        super(positions);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Binds (or rebinds) what pipeline {@code pipelineId} reads. */
    public void bind(String pipelineId, Binding binding) {
        putBinding(pipelineId, binding);
    }

    @Override
    protected Endpoint newEndpoint(String uri, String pipelineId) {
        return new KafkaPipelineEndpoint(uri, this, pipelineId);
    }

    public KafkaSettings getSettings() {
        return settings;
    }

    public void setSettings(KafkaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }
}
