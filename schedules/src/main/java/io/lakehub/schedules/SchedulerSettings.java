package io.lakehub.schedules;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the pipeline scheduler runs.
 *
 * @param schedulerName Quartz scheduler name; every hub of one cluster must use the same one (it
 *     keys the Quartz tables)
 * @param nodeId this hub's Quartz instance id, unique among the hubs sharing the database; {@code
 *     null} generates {@code <host>-<pid>-<random>}
 * @param clustered whether several hubs share the catalog database (PostgreSQL); Quartz then
 *     coordinates them through row locks so each fire happens on exactly one hub
 * @param threadCount Quartz worker threads: how many different pipelines may run on cron at once
 * @param misfireThreshold how late a fire may be before the trigger's {@link MisfirePolicy} applies
 * @param clusterCheckinInterval how often a clustered hub tells the others it is alive; a hub silent
 *     for much longer is considered dead and its runs are marked FAILED
 * @param idleWaitTime how long an idle hub waits before looking for due triggers again; bounds how
 *     soon it notices a trigger another hub changed or released (Quartz's idleWaitTime)
 */
public record SchedulerSettings(
        String schedulerName,
        String nodeId,
        boolean clustered,
        int threadCount,
        Duration misfireThreshold,
        Duration clusterCheckinInterval,
        Duration idleWaitTime) {

    public static final String DEFAULT_SCHEDULER_NAME = "lakehub";

    public SchedulerSettings {
        Objects.requireNonNull(schedulerName, "schedulerName");
        if (schedulerName.isBlank() || schedulerName.length() > 120) {
            throw new IllegalArgumentException("The scheduler name must be 1 to 120 characters");
        }
        nodeId = nodeId == null ? generatedNodeId() : nodeId;
        if (nodeId.isBlank() || nodeId.length() > 200) {
            throw new IllegalArgumentException("The node id must be 1 to 200 characters");
        }
        if (threadCount < 1) {
            throw new IllegalArgumentException("The scheduler needs at least 1 worker thread, not " + threadCount);
        }
        Objects.requireNonNull(misfireThreshold, "misfireThreshold");
        Objects.requireNonNull(clusterCheckinInterval, "clusterCheckinInterval");
        Objects.requireNonNull(idleWaitTime, "idleWaitTime");
        if (misfireThreshold.toMillis() < 1 || clusterCheckinInterval.toMillis() < 1) {
            throw new IllegalArgumentException("misfireThreshold and clusterCheckinInterval must be at least 1 ms");
        }
        if (idleWaitTime.toMillis() < 1000) {
            throw new IllegalArgumentException("idleWaitTime must be at least 1 s (Quartz's minimum)");
        }
    }

    /**
     * A single hub: not clustered, 4 worker threads, Quartz's default misfire threshold (60 s),
     * check-in interval (7.5 s) and idle wait (30 s).
     */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(
                DEFAULT_SCHEDULER_NAME,
                null,
                false,
                4,
                Duration.ofSeconds(60),
                Duration.ofMillis(7500),
                Duration.ofSeconds(30));
    }

    public SchedulerSettings withSchedulerName(String value) {
        return new SchedulerSettings(
                value, nodeId, clustered, threadCount, misfireThreshold, clusterCheckinInterval, idleWaitTime);
    }

    public SchedulerSettings withNodeId(String value) {
        return new SchedulerSettings(
                schedulerName, value, clustered, threadCount, misfireThreshold, clusterCheckinInterval, idleWaitTime);
    }

    public SchedulerSettings withClustered(boolean value) {
        return new SchedulerSettings(
                schedulerName, nodeId, value, threadCount, misfireThreshold, clusterCheckinInterval, idleWaitTime);
    }

    public SchedulerSettings withThreadCount(int value) {
        return new SchedulerSettings(
                schedulerName, nodeId, clustered, value, misfireThreshold, clusterCheckinInterval, idleWaitTime);
    }

    public SchedulerSettings withMisfireThreshold(Duration value) {
        return new SchedulerSettings(
                schedulerName, nodeId, clustered, threadCount, value, clusterCheckinInterval, idleWaitTime);
    }

    public SchedulerSettings withClusterCheckinInterval(Duration value) {
        return new SchedulerSettings(
                schedulerName, nodeId, clustered, threadCount, misfireThreshold, value, idleWaitTime);
    }

    public SchedulerSettings withIdleWaitTime(Duration value) {
        return new SchedulerSettings(
                schedulerName, nodeId, clustered, threadCount, misfireThreshold, clusterCheckinInterval, value);
    }

    /**
     * Quartz's own AUTO id is host name + start millis, which two hubs started in the same
     * millisecond on one machine (or one test JVM) would share; the pid and a random suffix keep it
     * unique while still saying which machine ran what.
     */
    private static String generatedNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        if (host.length() > 150) {
            host = host.substring(0, 150);
        }
        long pid = ProcessHandle.current().pid();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return host + "-" + pid + "-" + random;
    }
}
