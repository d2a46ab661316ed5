package io.lakehub.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Exchanges per Camel route ({@code lakehub.camel.exchanges}, tagged {@code route} and {@code
 * outcome} = {@code completed} or {@code failed}), with how long each took from creation to
 * completion. The Camel micrometer starter is not served here; this notifier hears only exchange
 * completions and failures, and exchanges that started in no route (producer templates) are not
 * counted. A Spring bean: Camel's Spring Boot set-up adds every {@code EventNotifier} bean to the
 * context's management strategy.
 */
public final class RouteExchangeMetrics extends EventNotifierSupport {
    /** Exchanges per route, by outcome, with their duration. */
    public static final String EXCHANGES = "lakehub.camel.exchanges";

    private final MeterRegistry registry;

    public RouteExchangeMetrics(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeEvent e)) {
            return;
        }
        Exchange exchange = e.getExchange();
        String route = exchange.getFromRouteId();
        if (route == null) {
            return;
        }
        String outcome = event instanceof CamelEvent.ExchangeFailedEvent ? "failed" : "completed";
        Timer.builder(EXCHANGES)
                .description("Camel exchanges per route, completed or failed, and how long they took")
                .tag("route", route)
                .tag("outcome", outcome)
                .register(registry)
                .record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
    }
}
