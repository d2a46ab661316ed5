package io.lakehub.schedules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The run history in the catalog database's {@code pipeline_run} table, and the single-flight claim
 * that lives in it: {@link #start} inserts a RUNNING row whose {@code running_claim} column is
 * unique, so at most one run per pipeline is RUNNING across every hub sharing the database. Each
 * method is one statement in its own transaction. Thread-safe.
 */
public final class RunHistory {

    /** Longest error message stored; longer ones are cut with an ellipsis. */
    static final int MAX_ERROR_LENGTH = 4000;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "id, pipeline, trigger_kind, node, scheduled_for, started_at, ended_at, status, row_count, error";

    private final DataSource dataSource;
    private final Clock clock;

    /** Over tables created by {@link ScheduleTables#migrate}. */
    public RunHistory(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    RunHistory(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes the pipeline's single-flight claim and records a RUNNING run, or returns empty when
     * another run of the pipeline (on any hub) holds the claim.
     *
     * @param scheduledFor the cron fire time for CRON runs, else {@code null}
     */
    public Optional<PipelineRun> start(String pipeline, TriggerKind kind, String node, Instant scheduledFor) {
        Instant now = now();
        try {
            long id = insert(pipeline, kind, node, scheduledFor, now, null, RunStatus.RUNNING, null);
            return Optional.of(new PipelineRun(
                    id, pipeline, kind, node, micros(scheduledFor), now, null, RunStatus.RUNNING, 0, null));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw unavailable("record the start of a run of pipeline '" + pipeline + "'; the pipeline was not run", e);
        }
    }

    /** Records a fire or request that was not run, with the reason (for the user, no data values). */
    public PipelineRun skip(String pipeline, TriggerKind kind, String node, Instant scheduledFor, String reason) {
        Instant now = now();
        String error = truncate(reason);
        try {
            long id = insert(pipeline, kind, node, scheduledFor, now, now, RunStatus.SKIPPED, error);
            return new PipelineRun(
                    id, pipeline, kind, node, micros(scheduledFor), now, now, RunStatus.SKIPPED, 0, error);
        } catch (SQLException e) {
            throw unavailable("record a skipped run of pipeline '" + pipeline + "'", e);
        }
    }

    /**
     * Ends a RUNNING run with the outcome and releases the claim. Returns the finished run, or empty
     * when the run was no longer RUNNING (another hub declared it abandoned meanwhile).
     */
    public Optional<PipelineRun> finish(long runId, RunOutcome outcome) {
        return end(runId, outcome.status(), outcome.rows(), outcome.error());
    }

    /**
     * Marks a RUNNING run FAILED with the reason and releases its claim: used for runs whose hub
     * stopped mid-run. Returns whether the run was still RUNNING.
     */
    public boolean abandon(long runId, String reason) {
        return end(runId, RunStatus.FAILED, 0, reason).isPresent();
    }

    private Optional<PipelineRun> end(long runId, RunStatus status, long rows, String error) {
        String sql = "UPDATE pipeline_run SET status = ?, ended_at = ?, row_count = ?, error = ?, running_claim = NULL"
                + " WHERE id = ? AND status = 'RUNNING'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setObject(2, offset(now()));
            ps.setLong(3, rows);
            ps.setString(4, truncate(error));
            ps.setLong(5, runId);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("record the end of run " + runId, e);
        }
        return get(runId);
    }

    public Optional<PipelineRun> get(long runId) {
        List<PipelineRun> runs = query("SELECT " + COLUMNS + " FROM pipeline_run WHERE id = ?", 1, runId);
        return runs.stream().findFirst();
    }

    /** The run of this pipeline holding its claim now, if any. */
    public Optional<PipelineRun> running(String pipeline) {
        return query("SELECT " + COLUMNS + " FROM pipeline_run WHERE running_claim = ?", 1, pipeline).stream()
                .findFirst();
    }

    /** All runs holding a claim now, on any hub. */
    public List<PipelineRun> running() {
        return query("SELECT " + COLUMNS + " FROM pipeline_run WHERE status = 'RUNNING' ORDER BY id", 0);
    }

    /** The pipeline's most recent runs, newest first; all pipelines when {@code pipeline} is null. */
    public List<PipelineRun> list(String pipeline, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // Ids grow in insertion order; a LIMIT through setMaxRows keeps the SQL the same on H2 and PostgreSQL.
        String sql = pipeline == null
                ? "SELECT " + COLUMNS + " FROM pipeline_run ORDER BY id DESC"
                : "SELECT " + COLUMNS + " FROM pipeline_run WHERE pipeline = ? ORDER BY id DESC";
        return pipeline == null ? query(sql, limit) : query(sql, limit, pipeline);
    }

    /** The pipeline's most recently started run, whatever its status. */
    public Optional<PipelineRun> lastRun(String pipeline) {
        return list(pipeline, 1).stream().findFirst();
    }

    /** The most recently started run of every pipeline that has one. */
    public Map<String, PipelineRun> lastRuns() {
        Map<String, PipelineRun> result = new LinkedHashMap<>();
        for (PipelineRun run : query(
                "SELECT " + COLUMNS + " FROM pipeline_run WHERE id IN"
                        + " (SELECT MAX(id) FROM pipeline_run GROUP BY pipeline) ORDER BY pipeline",
                0)) {
            result.put(run.pipeline(), run);
        }
        return result;
    }

    private long insert(
            String pipeline,
            TriggerKind kind,
            String node,
            Instant scheduledFor,
            Instant startedAt,
            Instant endedAt,
            RunStatus status,
            String error)
            throws SQLException {
        String sql = "INSERT INTO pipeline_run (pipeline, trigger_kind, node, scheduled_for, started_at, ended_at,"
                + " status, row_count, error, running_claim) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, pipeline);
            ps.setString(2, kind.name());
            ps.setString(3, node);
            setInstant(ps, 4, scheduledFor);
            setInstant(ps, 5, startedAt);
            setInstant(ps, 6, endedAt);
            ps.setString(7, status.name());
            ps.setString(8, error);
            ps.setString(9, status == RunStatus.RUNNING ? pipeline : null);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("The database returned no id for the new pipeline_run row");
                }
                return keys.getLong(1);
            }
        }
    }

    /** Runs a query over pipeline_run; {@code maxRows} 0 means all rows. */
    private List<PipelineRun> query(String sql, int maxRows, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(maxRows);
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<PipelineRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new PipelineRun(
                            rs.getLong("id"),
                            rs.getString("pipeline"),
                            TriggerKind.valueOf(rs.getString("trigger_kind")),
                            rs.getString("node"),
                            instant(rs, "scheduled_for"),
                            instant(rs, "started_at"),
                            instant(rs, "ended_at"),
                            RunStatus.valueOf(rs.getString("status")),
                            rs.getLong("row_count"),
                            rs.getString("error")));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw unavailable("read the pipeline run history", e);
        }
    }

    private Instant now() {
        // Both databases keep microseconds; returning what was stored keeps start() equal to get().
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, offset(micros(value)));
        }
    }

    private static OffsetDateTime offset(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static String truncate(String message) {
        if (message == null || message.length() <= MAX_ERROR_LENGTH) {
            return message;
        }
        return message.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    private static SchedulerUnavailableException unavailable(String what, SQLException e) {
        return new SchedulerUnavailableException(
                "Could not " + what + " in the catalog database: " + e.getMessage(), e);
    }
}
