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

    private static final Set<String> SCHEMES = Set.of(MQTT5, RABBITMQ, NATS);

    /** AMQP {@code message-id}, as camel-spring-rabbitmq names it on the Camel message. */
    static final String AMQP_MESSAGE_ID = "CamelSpringRabbitmqMessageId";
    /** The NATS header JetStream deduplicates publishes by; camel-nats copies NATS headers. */
    static final String NATS_MESSAGE_ID = "Nats-Msg-Id";

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
     * out after the commit; RabbitMQ: {@code acknowledgeMode=MANUAL&asyncConsumer=true}, so the
     * consumer thread takes the next message while the batch fills and the hub sends {@code
     * basic.ack} after the commit). NATS has no such option in camel-nats (ADR 0026); for JetStream
     * the hub sets {@code pullSubscription=false}, as camel-nats never pulls.
     */
    public static String consumerUri(EndpointUri from) {
        String uri = from.resolved();
        switch (from.scheme().toLowerCase(Locale.ROOT)) {
            case MQTT5 -> uri = withOption(uri, "manualAcksEnabled", "true");
            case RABBITMQ -> {
                uri = withOption(uri, "acknowledgeMode", "MANUAL");
                uri = withOption(uri, "asyncConsumer", "true");
            }
            case NATS -> {
                if (value(uri, "jetstreamEnabled").map("true"::equalsIgnoreCase).orElse(false)) {
                    // camel-nats (4.17) defaults to a pull subscription but never sends a pull request: push.
                    uri = withOption(uri, "pullSubscription", "false");
                }
            }
            default -> {
                // nothing to add
            }
        }
        return uri;
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
            case NATS ->
                value(uri, "pullSubscription")
                        .filter("true"::equalsIgnoreCase)
                        .map(
                                v -> "option 'pullSubscription=true': camel-nats never asks a pull subscription for"
                                        + " messages, so nothing would arrive; the hub uses a push subscription (leave the option out)");
            default -> Optional.empty();
        };
    }

    /**
     * Whether the component calls the route synchronously and acknowledges when it returns, so that
     * waiting for the commit would make every batch one message (camel-nats: a JetStream message is
     * acknowledged when the handler returns). Such messages complete once queued; see ADR 0026.
     */
    public static boolean acknowledgesOnReturn(String scheme) {
        return NATS.equalsIgnoreCase(scheme);
    }

    /** The broker's id of the message, where it has one that survives a redelivery; else null. */
    static String messageId(String scheme, Exchange exchange) {
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
