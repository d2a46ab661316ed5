package io.lakehub.routes.brokers;

import java.util.Optional;

/**
 * A pipeline consumer that can say whether it reaches its broker, for the run history's outage
 * records (ADR 0032, 0036): the hub's Kafka consumer implements it; the other brokers' consumers are
 * recognised by their components' classes.
 */
public interface BrokerConnection {
    /**
     * Empty while the broker answers, the reason while it does not (named for the run history:
     * which brokers, what failed).
     */
    Optional<String> connectionProblem();
}
