package io.lakehub.app.iceberg;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Iceberg tables for every dataset, {@code lakehub.iceberg.*} (ADR 0039, docs/iceberg.md): each commit
 * is also published, in the background, as an Apache Iceberg table in Iceberg's JDBC catalog on the
 * catalog database, for Spark, Trino, Flink or DuckDB to read.
 */
@ConfigurationProperties("lakehub.iceberg")
public class IcebergProperties {

    /**
     * Whether the hub publishes every dataset as an Iceberg table ({@code lakehub.<dataset>} in the
     * JDBC catalog {@code lakehub} on the catalog database, metadata under {@code <lake>/_iceberg}). A
     * publishing failure never fails or slows a commit: it is logged with its cause and retried.
     */
    private boolean enabled = true;

    /**
     * How often the hub also checks every dataset against its table: publishes what commits of other
     * hubs sharing the catalog added, rebuilds tables whose files an erasure rewrote, and retries what
     * failed. 0 turns the check off (commits of this hub are still published at once).
     */
    private Duration reconcileInterval = Duration.ofMinutes(1);

    /**
     * The first wait before a failed publish is tried again; each further failure doubles it, up to
     * {@code reconcile-interval} (or 5 minutes when that is off).
     */
    private Duration retryDelay = Duration.ofSeconds(5);

    /**
     * How long a commit's dataset waits before it is published: the commits of that window share one
     * publish, and their plain appends one Iceberg snapshot (ADR 0044), so a source that commits many
     * times a second (webhooks, brokers) costs one Iceberg commit per window instead of one per
     * commit. 0 publishes at once (consecutive appends still share a snapshot when the publisher falls
     * behind).
     */
    private Duration publishDelay = Duration.ofSeconds(1);

    public Duration getPublishDelay() {
        return publishDelay;
    }

    public void setPublishDelay(Duration publishDelay) {
        if (publishDelay == null || publishDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "lakehub.iceberg.publish-delay must be 0 (at once) or more, not " + publishDelay);
        }
        this.publishDelay = publishDelay;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getReconcileInterval() {
        return reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
        if (reconcileInterval == null || reconcileInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "lakehub.iceberg.reconcile-interval must be 0 (off) or more, not " + reconcileInterval);
        }
        this.reconcileInterval = reconcileInterval;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        if (retryDelay == null || retryDelay.isNegative() || retryDelay.isZero()) {
            throw new IllegalArgumentException("lakehub.iceberg.retry-delay must be positive, not " + retryDelay);
        }
        this.retryDelay = retryDelay;
    }
}
