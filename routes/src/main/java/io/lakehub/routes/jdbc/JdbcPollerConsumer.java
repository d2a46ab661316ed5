package io.lakehub.routes.jdbc;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/** The always-on consumer of an unscheduled pipeline: one exchange (one poll) every {@code delay}. */
final class JdbcPollerConsumer extends ScheduledPollConsumer {

    JdbcPollerConsumer(JdbcPollerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public JdbcPollerEndpoint getEndpoint() {
        return (JdbcPollerEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        Exchange exchange = getEndpoint().poll();
        try {
            getProcessor().process(exchange);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler()
                        .handleException(
                                "Poll of " + getEndpoint().getPipeline() + " failed",
                                exchange,
                                exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return 1;
    }
}
