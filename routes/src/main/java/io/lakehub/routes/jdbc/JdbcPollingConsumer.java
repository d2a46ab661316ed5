package io.lakehub.routes.jdbc;

import org.apache.camel.Exchange;
import org.apache.camel.support.PollingConsumerSupport;

/**
 * A run's poll: every receive is one exchange carrying a fresh source. Creating it touches no
 * database (the ingest opens the source), so it never blocks.
 */
final class JdbcPollingConsumer extends PollingConsumerSupport {

    JdbcPollingConsumer(JdbcPollerEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public JdbcPollerEndpoint getEndpoint() {
        return (JdbcPollerEndpoint) super.getEndpoint();
    }

    @Override
    public Exchange receive() {
        return getEndpoint().poll();
    }

    @Override
    public Exchange receiveNoWait() {
        return getEndpoint().poll();
    }

    @Override
    public Exchange receive(long timeout) {
        return getEndpoint().poll();
    }

    @Override
    protected void doStart() {
        // nothing to start: each receive creates its source
    }

    @Override
    protected void doStop() {
        // nothing to stop: the ingest closes each source it opened
    }
}
