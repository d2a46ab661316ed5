/**
 * Iceberg tables for every dataset (ADR 0039): {@link io.lakehub.app.iceberg.IcebergPublishing} publishes
 * each commit in the background through {@link io.lakehub.processors.iceberg.IcebergPublisher}, configured by
 * {@link io.lakehub.app.iceberg.IcebergProperties} ({@code lakehub.iceberg.*}).
 */
package io.lakehub.app.iceberg;
