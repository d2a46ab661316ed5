package io.lakehub.schedules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Whether the hub that holds a run's claim is still alive, so that a hub killed mid-run does not
 * block its pipeline forever. Without a cluster there is only this hub: any other node id belongs to
 * an earlier process. In a cluster, Quartz's own check-in table ({@code QRTZ_SCHEDULER_STATE}) says
 * who is alive; Quartz deletes a dead hub's row when it recovers that hub's triggers.
 */
final class NodeLiveness {

    /** Quartz's own slack before it declares a silent node failed (ClusterManager). */
    private static final long QUARTZ_GRACE_MILLIS = 7500;

    private final DataSource dataSource;
    private final String schedulerName;
    private final String selfNode;
    private final boolean clustered;
    private final Clock clock;

    NodeLiveness(DataSource dataSource, String schedulerName, String selfNode, boolean clustered, Clock clock) {
        this.dataSource = dataSource;
        this.schedulerName = schedulerName;
        this.selfNode = selfNode;
        this.clustered = clustered;
        this.clock = clock;
    }

    /** This hub counts as alive; whether one of its own runs is stale is the caller's business. */
    boolean isAlive(String node) {
        if (node.equals(selfNode)) {
            return true;
        }
        if (!clustered) {
            return false;
        }
        String sql = "SELECT LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE"
                + " WHERE SCHED_NAME = ? AND INSTANCE_NAME = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schedulerName);
            ps.setString(2, node);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                long lastCheckin = rs.getLong(1);
                long interval = rs.getLong(2);
                // Twice Quartz's own allowance, so a run is never declared dead before Quartz would.
                return clock.millis() - lastCheckin <= 2 * (interval + QUARTZ_GRACE_MILLIS);
            }
        } catch (SQLException e) {
            throw new SchedulerUnavailableException(
                    "Could not read which hubs are alive from the catalog database: " + e.getMessage(), e);
        }
    }
}
