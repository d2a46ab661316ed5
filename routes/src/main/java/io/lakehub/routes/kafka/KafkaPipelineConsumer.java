package io.lakehub.routes.kafka;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.PositionConflictException;
import io.lakehub.routes.brokers.BrokerConnection;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.routes.component.LakehubConstants;
import io.lakehub.routes.jdbc.SourcePositions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's {@link KafkaDrain} on a thread of its own while the route runs. The consumer's
 * configuration is camel-kafka's, from the pipeline's URI (brokers, groupId, security, any
 * consumer option), with what exactly-once needs on top: byte values, no auto commit, and, unless
 * the URI says otherwise, {@code autoOffsetReset=earliest} and a larger {@code maxPollRecords}.
 */
final class KafkaPipelineConsumer extends DefaultConsumer implements BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipelineConsumer.class);
    /** Dead letter dataset of a dataset: {@code <dataset>__dead_letter}. */
    static final String DEAD_LETTER_SUFFIX = "__dead_letter";

    private volatile KafkaDrain drain;
    private Thread thread;
    private ProducerTemplate template;

    KafkaPipelineConsumer(KafkaPipelineEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public KafkaPipelineEndpoint getEndpoint() {
        return (KafkaPipelineEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        KafkaPipelineEndpoint endpoint = getEndpoint();
        String pipeline = endpoint.getPipeline();
        KafkaPipelineComponent component = endpoint.getComponent();
        KafkaPipelineComponent.Binding binding = component
                .binding(pipeline)
                .orElseThrow(() -> new IllegalStateException("No Kafka source is bound for pipeline '" + pipeline
                        + "'; the hub binds one for each from: kafka pipeline of its configuration."));
        SourcePositions positions = component.getPositions();
        if (positions == null) {
            throw new IllegalStateException("The lakehub-kafka component of this Camel context has no positions"
                    + " (the catalog's committed source positions), so pipeline '" + pipeline + "' cannot start.");
        }
        KafkaSettings settings = component.getSettings();
        KafkaEndpoint kafka = getEndpoint().getCamelContext().getEndpoint(binding.kafkaUri(), KafkaEndpoint.class);
        KafkaConfiguration config = kafka.getConfiguration();
        Properties props = config.createConsumerProperties();
        String uri = binding.kafkaUri();
        // camel-kafka's own consumer adds the brokers to its properties itself.
        if (config.getBrokers() != null && !config.getBrokers().isBlank()) {
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getBrokers());
        } else if (props.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("Pipeline " + pipeline + ": the Kafka URI " + binding.displayUri()
                    + " names no brokers; add brokers=host:9092 (or set camel.component.kafka.brokers)");
        }
        // Also added by camel-kafka's own consumer rather than by createConsumerProperties().
        props.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                config.getGroupId() == null || config.getGroupId().isBlank()
                        ? "lakehub-" + pipeline
                        : config.getGroupId());
        if (config.getGroupInstanceId() != null && !config.getGroupInstanceId().isBlank()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.getGroupInstanceId());
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        if (!uri.contains("maxPollRecords=")) {
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        }
        String reset = uri.contains("autoOffsetReset=") ? config.getAutoOffsetReset() : "earliest";
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
        Duration pollTimeout =
                Duration.ofMillis(Math.min(1000, config.getPollTimeoutMs() == null ? 1000 : config.getPollTimeoutMs()));
        List<String> topics = config.isTopicIsPattern()
                ? List.of()
                : Arrays.stream(config.getTopic().split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList();
        Pattern pattern = config.isTopicIsPattern() ? Pattern.compile(config.getTopic()) : null;
        Path spool = getEndpoint()
                .getCamelContext()
                .getComponent("lakehub", LakehubComponent.class)
                .getSpoolDirectory()
                .resolve("kafka")
                .resolve(pipeline);
        // One consumer per pipeline per hub home: what is in its spool folder now was left by a hub that died.
        deleteLeftovers(spool);
        template = getEndpoint().getCamelContext().createProducerTemplate();
        DeadLetterSink deadLetters = binding.deadLetterUri() != null
                ? letters -> toEndpoint(binding.deadLetterUri(), letters)
                : new DatasetDeadLetters(
                        pipeline,
                        DatasetName.of(binding.dataset().value() + DEAD_LETTER_SUFFIX),
                        positions,
                        spool,
                        template);
        drain = new KafkaDrain(
                pipeline,
                binding.dataset(),
                props,
                topics,
                pattern,
                !"latest".equals(reset),
                pollTimeout,
                positions,
                settings,
                binding.backoff().isZero() ? settings.retryBackoff() : binding.backoff(),
                spool,
                batch -> commit(binding, batch),
                deadLetters);
        thread = new Thread(drain, "lakehub-kafka-" + pipeline);
        thread.setDaemon(true);
        thread.start();
        LOG.info("Kafka pipeline {} started: {} into dataset {}", pipeline, binding.displayUri(), binding.dataset());
    }

    private static void deleteLeftovers(Path spool) {
        if (!java.nio.file.Files.isDirectory(spool)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(spool)) {
            files.filter(f -> f.getFileName().toString().startsWith("kafka-")).forEach(f -> {
                try {
                    java.nio.file.Files.deleteIfExists(f);
                } catch (java.io.IOException e) {
                    LOG.debug("Could not delete the leftover spool file {}", f, e);
                }
            });
        } catch (java.io.IOException e) {
            LOG.debug("Could not list the spool folder {}", spool, e);
        }
    }

    /** Whether the drain's brokers answer (empty before the drain runs). */
    @Override
    public java.util.Optional<String> connectionProblem() {
        KafkaDrain d = drain;
        return d == null ? java.util.Optional.empty() : d.connectionProblem();
    }

    /** One batch through the route into the {@code lakehub:} producer. */
    private boolean commit(KafkaPipelineComponent.Binding binding, KafkaBatchSource batch) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(batch);
            exchange.getMessage().setHeader(LakehubConstants.SOURCE_URI, binding.displayUri());
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            if (failure == null) {
                failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            }
            if (failure != null) {
                for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
                    if (c instanceof PositionConflictException conflict) {
                        throw conflict;
                    }
                }
                throw failure;
            }
            return "COMMITTED".equals(exchange.getMessage().getHeader(LakehubConstants.OUTCOME, String.class));
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * The pipeline's {@code onError.deadLetter} endpoint: one message per record, its value as the
     * body, with camel-kafka's {@code kafka.TOPIC}, {@code kafka.PARTITION}, {@code kafka.OFFSET},
     * {@code kafka.TIMESTAMP} headers and {@code LakehubDeadLetterReason}. At least once: a hub that
     * stops before the batch's commit sends them again.
     */
    private void toEndpoint(String uri, List<DeadLetter> letters) {
        for (DeadLetter d : letters) {
            Exchange sent = template.send(uri, e -> {
                e.getMessage().setBody(d.value());
                e.getMessage().setHeader("kafka.TOPIC", d.topic());
                e.getMessage().setHeader("kafka.PARTITION", d.partition());
                e.getMessage().setHeader("kafka.OFFSET", d.offset());
                e.getMessage().setHeader("kafka.TIMESTAMP", d.timestamp().toEpochMilli());
                e.getMessage().setHeader("LakehubDeadLetterReason", d.reason());
            });
            if (sent.getException() != null) {
                throw new IllegalStateException(
                        "Could not send record " + d.topic() + "/" + d.partition() + "@" + d.offset()
                                + " to the dead letter endpoint; the batch is not committed",
                        sent.getException());
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (drain != null) {
            drain.stop();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(30));
            thread = null;
        }
        drain = null;
        if (template != null) {
            template.stop();
            template = null;
        }
        super.doStop();
    }

    /**
     * The dead letter dataset: letters at or past the position it holds for their partition are
     * committed, with the offset after the last one as its new position, only if that position is
     * still the dataset's; a concurrent hub's commit makes this one filter again.
     */
    static final class DatasetDeadLetters implements DeadLetterSink {
        private final String pipeline;
        private final DatasetName dataset;
        private final SourcePositions positions;
        private final Path spool;
        private final ProducerTemplate template;
        private final String uri;

        DatasetDeadLetters(
                String pipeline,
                DatasetName dataset,
                SourcePositions positions,
                Path spool,
                ProducerTemplate template) {
            this.pipeline = pipeline;
            this.dataset = dataset;
            this.positions = positions;
            this.spool = spool;
            this.template = template;
            this.uri = "lakehub:" + dataset.value() + "?pipeline=" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8)
                    + "&actor=pipeline&sourceSystem=kafka";
        }

        @Override
        public void deliver(List<DeadLetter> letters) {
            for (int attempt = 1; ; attempt++) {
                Map<String, String> expected = new LinkedHashMap<>();
                Map<String, String> position = new LinkedHashMap<>();
                List<DeadLetter> fresh = new java.util.ArrayList<>();
                for (DeadLetter d : letters) {
                    String key = KafkaPositions.key(pipeline, new TopicPartition(d.topic(), d.partition()));
                    String held = expected.computeIfAbsent(
                            key, k -> positions.position(dataset, k).orElse(CommitRequest.NO_POSITION));
                    if (held.isEmpty() || d.offset() >= Long.parseLong(held)) {
                        fresh.add(d);
                        position.merge(
                                key,
                                Long.toString(d.offset() + 1),
                                (a, b) -> Long.parseLong(a) >= Long.parseLong(b) ? a : b);
                    }
                }
                if (fresh.isEmpty()) {
                    return;
                }
                expected.keySet().retainAll(position.keySet());
                DeadLetterSource source = new DeadLetterSource(spool, fresh, position, expected);
                try {
                    Exchange sent = template.send(uri, e -> e.getMessage().setBody(source));
                    Exception failure = sent.getException();
                    if (failure == null) {
                        LOG.info(
                                "Kafka pipeline {}: {} record(s) that are not JSON objects went to dataset {}",
                                pipeline,
                                fresh.size(),
                                dataset);
                        return;
                    }
                    boolean conflict = false;
                    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
                        conflict |= c instanceof PositionConflictException;
                    }
                    if (!conflict || attempt >= 3) {
                        throw new IllegalStateException(
                                "Could not commit " + fresh.size() + " dead letter(s) to dataset " + dataset
                                        + "; the batch is not committed and is read again",
                                failure);
                    }
                } finally {
                    source.discard();
                }
            }
        }
    }
}
