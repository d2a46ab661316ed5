/**
 * A real Kafka broker for tests and benchmarks: {@link io.lakehub.testing.kafka.EmbeddedKafka}, a
 * single-node KRaft broker in the caller's JVM. A package of its own so that the catalog module,
 * which compiles {@code io.lakehub.testing} into its tests without this module's dependencies,
 * leaves it out.
 */
package io.lakehub.testing.kafka;
