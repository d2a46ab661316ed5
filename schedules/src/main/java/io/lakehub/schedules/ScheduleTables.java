package io.lakehub.schedules;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the Quartz job store tables and the {@code pipeline_run} table in the catalog
 * database. They have their own Flyway history table so they version independently of the catalog's
 * tables in the same schema; run this after the catalog has migrated its own tables (a schema that
 * already holds the catalog is baselined at version 0 and then migrated).
 */
public final class ScheduleTables {

    /** Flyway history of the scheduler's tables, next to the catalog's own history table. */
    public static final String HISTORY_TABLE = "lakehub_quartz_schema_history";

    private static final Logger log = LoggerFactory.getLogger(ScheduleTables.class);

    private ScheduleTables() {}

    /**
     * Brings the scheduler's tables up to date; idempotent; Flyway locks the database while it
     * migrates, so hubs starting together do not migrate twice.
     *
     * @throws SchedulerUnavailableException when the database cannot be reached or migrated
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, Dialect.of(dataSource));
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .table(HISTORY_TABLE)
                    .locations(dialect.migrationLocations())
                    .failOnMissingLocations(true)
                    // The schema usually holds the catalog's tables already; without a baseline Flyway
                    // refuses a non-empty schema that has no history table of this name.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Scheduler tables migrated to version {}", result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new SchedulerUnavailableException(
                    "Could not create or upgrade the scheduler tables (Quartz job store and pipeline_run) in the"
                            + " catalog database: " + e.getMessage() + ". No schedule was started.",
                    e);
        }
    }
}
