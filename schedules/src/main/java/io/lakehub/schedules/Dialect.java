package io.lakehub.schedules;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

/** The catalog databases the scheduler supports, with their migrations and Quartz delegate. */
enum Dialect {
    H2("h2", StdJDBCDelegate.class.getName()),
    // PostgreSQL stores job data as BYTEA, which only this delegate reads correctly.
    POSTGRESQL("postgresql", PostgreSQLDelegate.class.getName());

    private final String migrationFolder;
    private final String quartzDelegate;

    Dialect(String migrationFolder, String quartzDelegate) {
        this.migrationFolder = migrationFolder;
        this.quartzDelegate = quartzDelegate;
    }

    /**
     * Quartz's own DDL differs per database (vendor folder); the hub's tables are portable SQL
     * shared by both (common folder). Versions are unique across the two.
     */
    String[] migrationLocations() {
        return new String[] {"classpath:db/quartz/" + migrationFolder, "classpath:db/quartz/common"};
    }

    String quartzDelegate() {
        return quartzDelegate;
    }

    static Dialect of(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new SchedulerUnavailableException(
                    "Could not connect to the catalog database to set up the pipeline schedules: " + e.getMessage()
                            + ". No schedule was started.",
                    e);
        }
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("The catalog database is " + product
                + "; pipeline schedules support H2 and PostgreSQL catalogs only. No schedule was started.");
    }
}
