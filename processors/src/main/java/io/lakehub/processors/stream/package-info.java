/**
 * Push and stream sources that acknowledge each delivery only once it is durable: the {@link
 * io.lakehub.processors.stream.GroupCommitter} batches concurrent deliveries (webhook calls, later
 * MQTT/AMQP/NATS messages) into one catalog commit each, with their idempotency keys in the same
 * transaction, and completes every delivery's future once that commit landed. Framework-free: no
 * Spring, no Camel. See ADR 0023.
 */
package io.lakehub.processors.stream;
