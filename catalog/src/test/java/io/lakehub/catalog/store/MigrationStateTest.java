package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationStateTest {

    @TempDir
    Path home;

    @Test
    void versionsCompareAsFlywayComparesThem() {
        assertThat(MigrationState.parse("1_10")).isEqualTo(MigrationState.parse("1.10.0"));
        assertThat(MigrationState.parse("3")).isEqualTo(List.of(BigInteger.valueOf(3)));
        assertThat(MigrationState.parse("1.1")).isNotEqualTo(MigrationState.parse("1.10"));
    }

    @Test
    void theBundledMigrationsAreFoundOnTheClassPath() {
        assertThat(MigrationState.bundledVersions())
                .hasValueSatisfying(
                        versions -> assertThat(versions).contains(List.of(BigInteger.ONE), List.of(BigInteger.TWO)));
    }

    @Test
    void onlyACatalogHoldingExactlyTheBundledMigrationsSuccessfullyIsCurrent() throws Exception {
        CatalogSettings settings = CatalogSettings.embedded(home);
        try (HikariDataSource empty = pool(settings)) {
            assertThat(MigrationState.isCurrent(empty))
                    .as("no history table yet")
                    .isFalse();
        }
        JdbcCatalog.open(settings).close();
        try (HikariDataSource migrated = pool(settings)) {
            assertThat(MigrationState.isCurrent(migrated)).isTrue();

            try (Connection c = migrated.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '1'");
            }
            assertThat(MigrationState.isCurrent(migrated))
                    .as("a failed migration")
                    .isFalse();

            try (Connection c = migrated.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE WHERE \"version\" = '1'");
                s.execute(
                        "DELETE FROM \"flyway_schema_history\" WHERE \"installed_rank\" = (SELECT max(\"installed_rank\")"
                                + " FROM \"flyway_schema_history\")");
            }
            assertThat(MigrationState.isCurrent(migrated))
                    .as("a pending migration")
                    .isFalse();
        }
    }

    @Test
    void aQuickOpenOfACurrentCatalogStillServesIt() {
        CatalogSettings settings = CatalogSettings.embedded(home);
        JdbcCatalog.open(settings).close();
        System.setProperty(JdbcCatalog.QUICK_OPEN_PROPERTY, "true");
        try (JdbcCatalog catalog = JdbcCatalog.open(settings)) {
            assertThat(catalog.datasets()).isEmpty();
        } finally {
            System.clearProperty(JdbcCatalog.QUICK_OPEN_PROPERTY);
        }
    }

    private static HikariDataSource pool(CatalogSettings settings) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(settings.jdbcUrl());
        pool.setUsername(settings.username());
        pool.setPassword(settings.password());
        pool.setMaximumPoolSize(1);
        return pool;
    }
}
