/**
 * Message brokers as pipeline sources (ADR 0026): which Camel schemes are message sources ({@link
 * io.lakehub.routes.brokers.MessageSources}), the options the hub sets on them so that a message is
 * acknowledged only after the commit that holds it, and the asynchronous processor ({@link
 * io.lakehub.routes.brokers.BatchedMessageProcessor}) that hands each message to a {@link
 * io.lakehub.routes.brokers.MessageCommitter}, which groups messages into one commit per batch.
 */
package io.lakehub.routes.brokers;
