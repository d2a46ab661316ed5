package io.lakehub.app.pipelines;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.store.CatalogSettings;

/**
 * The scheduler's own connection pool on the catalog database. The catalog keeps its pool to
 * itself, and Quartz holds connections for long stretches (scheduler, misfire and cluster threads),
 * so it gets a separate one on the same URL. With the embedded H2 catalog both pools open the same
 * in-process database (same URL, same settings).
 */
final class SchedulerDataSource {

    private SchedulerDataSource() {}

    /**
     * @param workerThreads Quartz worker threads; the pool allows one connection per worker plus the
     *     scheduler's own threads and the run history
     */
    static HikariDataSource open(LakehubProperties properties, int workerThreads) {
        LakehubProperties.Catalog c = properties.getCatalog();
        HikariConfig config = new HikariConfig();
        if (c.isEmbedded()) {
            CatalogSettings embedded = CatalogSettings.embedded(properties.homePath());
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername(embedded.username());
            config.setPassword(embedded.password());
        } else {
            config.setJdbcUrl(c.getUrl());
            config.setUsername(c.getUsername());
            config.setPassword(c.getPassword());
        }
        config.setPoolName("lakehub-scheduler");
        config.setMaximumPoolSize(workerThreads + 4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
