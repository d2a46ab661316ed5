package io.lakehub.app.health;

import io.lakehub.catalog.Catalog;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * UP when the catalog answers a cheap query (the current snapshot of every dataset). A failure's
 * detail is only the exception type: its message may name the database host.
 */
public class CatalogHealthIndicator extends AbstractHealthIndicator {
    private final Catalog catalog;

    public CatalogHealthIndicator(Catalog catalog) {
        super(e -> "The catalog database did not answer: " + e.getClass().getSimpleName());
        this.catalog = catalog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int datasets = catalog.currentSnapshotIds().size();
        builder.up().withDetail("datasets", datasets);
    }
}
