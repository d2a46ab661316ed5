/**
 * Message broker pipelines in the hub (ADR 0026, 0032, 0036): {@link
 * io.lakehub.app.brokers.GroupCommitMessageCommitter} puts each pipeline's messages through the
 * shared group committer (one commit per batch, message ids as idempotency keys, waiting instead of
 * refusing when full, retries with backoff), {@link io.lakehub.app.brokers.MessageBatchReader}
 * reads a batch as NDJSON rows, {@link io.lakehub.app.brokers.HubNatsComponent} is camel-nats with
 * a JetStream consumer of the hub's ({@code JetStreamMessageConsumer}: a pull loop, acknowledged
 * after the commit), {@link io.lakehub.app.brokers.HubMqttComponent} is camel-paho-mqtt5 with a
 * consumer whose client has its callback before it connects, and {@link io.lakehub.app.brokers.BrokerOutageWatch} records a broker pipeline's lost
 * and regained connection in the run history.
 */
package io.lakehub.app.brokers;
