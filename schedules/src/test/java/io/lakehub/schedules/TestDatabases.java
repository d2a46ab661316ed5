package io.lakehub.schedules;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** Catalog-like databases for the scheduler tests. */
final class TestDatabases {

    private TestDatabases() {}

    /** A file H2 database with the embedded catalog's options, as a hub would have. */
    static HikariDataSource h2(Path dir) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-h2");
        config.setJdbcUrl("jdbc:h2:async:" + dir.resolve("catalog").resolve("lakehub")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
