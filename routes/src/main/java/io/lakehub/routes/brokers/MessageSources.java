package io.lakehub.routes.brokers;

import io.lakehub.schedules.pipeline.EndpointUri;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The Camel schemes the hub treats as message sources: each message is a few rows, so their
 * messages are grouped into one commit per batch instead of one run per message. The hub sets the
 * options that make a component acknowledge a message only when the hub says so (after the commit
 * holding it); a pipeline that turns them off explicitly is refused at start-up, naming the option.
 */
public final class MessageSources {
    /** MQTT 5 (camel-paho-mqtt5). */
    public static final String MQTT5 = "paho-mqtt5";
    /** RabbitMQ / AMQP 0-9-1 (camel-spring-rabbitmq). */
    public static final String RABBITMQ = "spring-rabbitmq";
    /** NATS, core or JetStream (camel-nats). */
    public static final String NATS = "nats";

    /** How long Mosquitto keeps a hub's MQTT session (and its queued messages) after it disconnected: a day. */
    static final long MQTT_SESSION_EXPIRY_SECONDS = 86_400;

    private static final Set<String> SCHEMES = Set.of(MQTT5, RABBITMQ, NATS);

    /** AMQP {@code message-id}, as camel-spring-rabbitmq names it on the Camel message. */
    static final String AMQP_MESSAGE_ID = "CamelSpringRabbitmqMessageId";
    /** The NATS header JetStream deduplicates publishes by; camel-nats copies NATS headers. */
    static final String NATS_MESSAGE_ID = "Nats-Msg-Id";

    /**
     * Exchange property set by a hub-owned consumer that acknowledges the message itself once the
     * exchange completes (the NATS JetStream consumer): the processor completes it after the commit.
     */
    public static final String ACK_AFTER_COMMIT = "LakehubAckAfterCommit";
    /**
     * Header a hub-owned consumer sets to the message's id that survives a redelivery (NATS
     * JetStream: {@code Nats-Msg-Id}, else the stream's sequence number); read before the broker's own.
     */
    public static final String MESSAGE_ID = "LakehubMessageId";

    static final String AMQP_CHANNEL = "CamelSpringRabbitmqChannel";
    static final String AMQP_DELIVERY_TAG = "CamelSpringRabbitmqDeliveryTag";

    private MessageSources() {}

    /** Whether a pipeline reading this endpoint is a message source, batched into commits. */
    public static boolean isMessageSource(EndpointUri from) {
        return SCHEMES.contains(from.scheme().toLowerCase(Locale.ROOT));
    }

    /**
     * The endpoint URI the hub's always-on route consumes: the pipeline's, plus the options that
     * defer the acknowledgement to the hub (MQTT: {@code manualAcksEnabled=true}, so the PUBACK goes
     * out after the commit, and a persistent session, {@code clientId=lakehub-<pipeline>&cleanStart=false
     * &sessionExpiryInterval=86400}, so the broker keeps what arrives while the hub is away; RabbitMQ: {@code acknowledgeMode=MANUAL&asyncConsumer=true}, so the
     * consumer thread takes the next message while the batch fills and the hub sends {@code
     * basic.ack} after the commit). NATS JetStream is consumed by the hub's own consumer (the hub's
     * {@code nats} component, ADR 0032), through a durable consumer named {@code lakehub-<pipeline>}
     * unless the URI names one ({@code durableName}), reconnecting without limit unless the URI sets
     * {@code maxReconnectAttempts}.
     */
    public static String consumerUri(String pipelineId, EndpointUri from) {
        String uri = from.resolved();
        switch (from.scheme().toLowerCase(Locale.ROOT)) {
            case MQTT5 -> {
                uri = withOption(uri, "manualAcksEnabled", "true");
                // A persistent session: Mosquitto keeps the subscription and queues QoS 1/2 messages while the hub is
                // disconnected or down, and delivers again what was not acknowledged (ADR 0032).
                uri = withOption(uri, "clientId", "lakehub-" + pipelineId);
                uri = withOption(uri, "cleanStart", "false");
                uri = withOption(uri, "sessionExpiryInterval", String.valueOf(MQTT_SESSION_EXPIRY_SECONDS));
            }
            case RABBITMQ -> {
                uri = withOption(uri, "acknowledgeMode", "MANUAL");
                uri = withOption(uri, "asyncConsumer", "true");
            }
            case NATS -> {
                if (isJetStream(from)) {
                    uri = withOption(uri, "durableName", durableName(pipelineId));
                    uri = withOption(uri, "maxReconnectAttempts", "-1");
                }
            }
            default -> {
                // nothing to add
            }
        }
        return uri;
    }

    /** Whether a {@code nats:} URI reads a JetStream stream ({@code jetstreamEnabled=true}). */
    public static boolean isJetStream(EndpointUri from) {
        return NATS.equalsIgnoreCase(from.scheme())
                && value(from.resolved(), "jetstreamEnabled")
                        .map("true"::equalsIgnoreCase)
                        .orElse(false);
    }

    /**
     * The JetStream durable consumer of a pipeline when its URI names none: {@code lakehub-<id>},
     * with the characters NATS does not allow in a consumer name ({@code . * >} and white space)
     * replaced by {@code _}.
     */
    public static String durableName(String pipelineId) {
        return "lakehub-" + pipelineId.replaceAll("[.*>\\s]", "_");
    }

    /**
     * Why the hub cannot run this message source as written, or empty: an option that would make
     * the component acknowledge messages before the hub has committed them.
     */
    public static Optional<String> problem(EndpointUri from) {
        String uri = from.resolved();
        return switch (from.scheme().toLowerCase(Locale.ROOT)) {
            case MQTT5 -> conflicting(uri, "manualAcksEnabled", "true");
            case RABBITMQ ->
                conflicting(uri, "acknowledgeMode", "MANUAL").or(() -> conflicting(uri, "asyncConsumer", "true"));
            case NATS -> {
                if (!isJetStream(from)) {
                    yield Optional.empty();
                }
                if (value(uri, "jetstreamName").filter(v -> !v.isBlank()).isEmpty()) {
                    yield Optional.of(
                            "option 'jetstreamName' is required with jetstreamEnabled=true: the stream the hub"
                                    + " reads (created for the subject when it does not exist)");
                }
                yield value(uri, "consumerConfiguration")
                        .map(v -> "option 'consumerConfiguration': the hub's JetStream consumer sets its own"
                                + " configuration (explicit acknowledgements after the commit); leave the option out");
            }
            default -> Optional.empty();
        };
    }

    /**
     * Whether the component calls the route synchronously and acknowledges (or, core NATS, has
     * nothing to acknowledge) when it returns, so that waiting for the commit would only make every
     * batch one message: camel-nats for core NATS subjects. Such messages complete once queued
     * (at most once, ADR 0032). An exchange of the hub's JetStream consumer carries {@link
     * #ACK_AFTER_COMMIT} instead and is acknowledged after its commit.
     */
    public static boolean acknowledgesOnReturn(String scheme, Exchange exchange) {
        return NATS.equalsIgnoreCase(scheme)
                && !Boolean.TRUE.equals(exchange.getProperty(ACK_AFTER_COMMIT, Boolean.class));
    }

    /** The broker's id of the message, where it has one that survives a redelivery; else null. */
    static String messageId(String scheme, Exchange exchange) {
        Object own = exchange.getMessage().getHeader(MESSAGE_ID);
        if (own != null) {
            return own.toString();
        }
        Object id = switch (scheme) {
            case RABBITMQ -> exchange.getMessage().getHeader(AMQP_MESSAGE_ID);
            case NATS -> exchange.getMessage().getHeader(NATS_MESSAGE_ID);
            default -> null; // MQTT has no message id beyond a session's packet identifier
        };
        if (id instanceof java.util.List<?> list) {
            id = list.isEmpty() ? null : list.get(0);
        }
        return id == null ? null : id.toString();
    }

    private static Optional<String> conflicting(String uri, String option, String required) {
        return value(uri, option)
                .filter(v -> !v.equalsIgnoreCase(required))
                .map(v -> "option '" + option + "=" + v + "' would acknowledge messages before the hub has committed"
                        + " them; the hub sets " + option + "=" + required + " itself (leave the option out)");
    }

    static Optional<String> value(String uri, String option) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(option)) {
                return Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    static String withOption(String uri, String option, String value) {
        if (value(uri, option).isPresent()) {
            return uri;
        }
        return uri + (uri.indexOf('?') < 0 ? "?" : "&") + option + "=" + value;
    }

    /** The scheme of a URI, lower case ({@code pattern} keeps it cheap to call per message). */
    static String scheme(String uri) {
        return SCHEME.matcher(uri).lookingAt()
                ? uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT)
                : "";
    }

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
}
