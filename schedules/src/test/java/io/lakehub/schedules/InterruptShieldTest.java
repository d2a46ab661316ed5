package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptShieldTest {

    private static final int WRITES = 200;

    @TempDir
    Path dir;

    @Test
    void interruptingAThreadMidWriteDoesNotCloseTheH2Database() throws Exception {
        try (HikariDataSource db = TestDatabases.h2(dir);
                InterruptShield shield = new InterruptShield("test-jdbc-")) {
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARCHAR(1000))");
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Connection c = shield.shield(db.getConnection())) {
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                        for (int i = 0; i < WRITES; i++) {
                            ps.setInt(1, i);
                            ps.setString(2, "x".repeat(1000));
                            ps.executeUpdate();
                            c.commit();
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            // What Quartz does to its own threads at shutdown, as often as we can while the writer writes.
            int interrupts = 0;
            while (writer.isAlive()) {
                writer.interrupt();
                interrupts++;
            }

            assertThat(failure.get()).isNull();
            assertThat(interrupts).isGreaterThan(1);
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1))
                        .as("the database is still open and has every row")
                        .isEqualTo(WRITES);
            }
        }
    }

    @Test
    void errorsFromTheDriverReachTheCallerUnchanged() throws SQLException {
        try (HikariDataSource db = TestDatabases.h2(dir);
                InterruptShield shield = new InterruptShield("test-jdbc-");
                Connection c = shield.shield(db.getConnection());
                Statement s = c.createStatement()) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(
                    SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
            assertThat(e.getMessage()).contains("NO_SUCH_TABLE");
            assertThat(c.unwrap(Connection.class)).isNotSameAs(c);
        }
    }
}
