package io.lakehub.schedules;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz connections from the pool the app already has for the catalog database, so the job
 * store lives in that database without a second set of credentials in Quartz properties. The
 * connections are {@link InterruptShield shielded} from the interrupts Quartz sends its own threads.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;
    private final InterruptShield shield;

    DataSourceConnectionProvider(DataSource dataSource, InterruptShield shield) {
        this.dataSource = dataSource;
        this.shield = shield;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return shield.shield(dataSource.getConnection());
    }

    @Override
    public void shutdown() {
        // The pool belongs to the app, which closes it after the scheduler.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool is ready when it is handed over.
    }
}
