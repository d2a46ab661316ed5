package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleTablesTest {

    @TempDir
    Path dir;

    @Test
    void migratesNextToTheCatalogsTablesAndIsIdempotent() throws SQLException {
        try (HikariDataSource db = TestDatabases.h2(dir)) {
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement()) {
                // What the catalog's own Flyway leaves behind before the scheduler migrates.
                s.execute("CREATE TABLE \"flyway_schema_history\" (x INT)");
                s.execute("CREATE TABLE dataset (id BIGINT PRIMARY KEY)");
            }

            ScheduleTables.migrate(db);
            ScheduleTables.migrate(db);

            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT \"version\" FROM \""
                            + ScheduleTables.HISTORY_TABLE
                            + "\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                StringBuilder versions = new StringBuilder();
                while (rs.next()) {
                    versions.append(rs.getString(1)).append(' ');
                }
                assertThat(versions.toString().trim()).isEqualTo("0 1 2 3");
            }
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM QRTZ_TRIGGERS")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
