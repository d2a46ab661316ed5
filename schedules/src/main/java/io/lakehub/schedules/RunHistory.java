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
 * unique, so at most one run per job is RUNNING across every hub sharing the database. It holds the
 * runs of pipelines and of maintenance jobs ({@link JobKind}); the methods taking a plain {@code
 * String} id mean a pipeline. Each method is one statement in its own transaction. Thread-safe.
 */
public final class RunHistory {

    /** Longest error message stored; longer ones are cut with an ellipsis. */
    static final int MAX_ERROR_LENGTH = 4000;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "id, pipeline, trigger_kind, node, scheduled_for, started_at, ended_at, status, row_count, error, job_kind,"
                    + " result";

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
        return start(JobId.pipeline(pipeline), kind, node, scheduledFor);
    }

    /**
     * Takes the job's single-flight claim and records a RUNNING run, or returns empty when another
     * run of the job (on any hub) holds the claim.
     *
     * @param scheduledFor the cron fire time for CRON runs, else {@code null}
     */
    public Optional<PipelineRun> start(JobId job, TriggerKind kind, String node, Instant scheduledFor) {
        Instant now = now();
        try {
            long id = insert(job, kind, node, scheduledFor, now, null, RunStatus.RUNNING, null);
            return Optional.of(new PipelineRun(
                    id,
                    job.id(),
                    kind,
                    node,
                    micros(scheduledFor),
                    now,
                    null,
                    RunStatus.RUNNING,
                    0,
                    null,
                    job.kind(),
                    null));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw unavailable("record the start of a run of " + job + "; it was not run", e);
        }
    }

    /** Records a fire or request of a pipeline that was not run, with the reason. */
    public PipelineRun skip(String pipeline, TriggerKind kind, String node, Instant scheduledFor, String reason) {
        return skip(JobId.pipeline(pipeline), kind, node, scheduledFor, reason);
    }

    /** Records a fire or request that was not run, with the reason (for the user, no data values). */
    public PipelineRun skip(JobId job, TriggerKind kind, String node, Instant scheduledFor, String reason) {
        Instant now = now();
        String error = truncate(reason);
        try {
            long id = insert(job, kind, node, scheduledFor, now, now, RunStatus.SKIPPED, error);
            return new PipelineRun(
                    id,
                    job.id(),
                    kind,
                    node,
                    micros(scheduledFor),
                    now,
                    now,
                    RunStatus.SKIPPED,
                    0,
                    error,
                    job.kind(),
                    null);
        } catch (SQLException e) {
            throw unavailable("record a skipped run of " + job, e);
        }
    }

    /**
     * Ends a RUNNING run with the outcome and releases the claim. Returns the finished run, or empty
     * when the run was no longer RUNNING (another hub declared it abandoned meanwhile).
     */
    public Optional<PipelineRun> finish(long runId, RunOutcome outcome) {
        return end(runId, outcome.status(), outcome.rows(), outcome.error(), outcome.result());
    }

    /**
     * Marks a RUNNING run FAILED with the reason and releases its claim: used for runs whose hub
     * stopped mid-run. Returns whether the run was still RUNNING.
     */
    public boolean abandon(long runId, String reason) {
        return end(runId, RunStatus.FAILED, 0, reason, null).isPresent();
    }

    private Optional<PipelineRun> end(long runId, RunStatus status, long rows, String error, String result) {
        String sql = "UPDATE pipeline_run SET status = ?, ended_at = ?, row_count = ?, error = ?, result = ?,"
                + " running_claim = NULL WHERE id = ? AND status = 'RUNNING'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setObject(2, offset(now()));
            ps.setLong(3, rows);
            ps.setString(4, truncate(error));
            ps.setString(5, result);
            ps.setLong(6, runId);
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
        return running(JobId.pipeline(pipeline));
    }

    /** The run of this job holding its claim now, if any. */
    public Optional<PipelineRun> running(JobId job) {
        return query("SELECT " + COLUMNS + " FROM pipeline_run WHERE running_claim = ?", 1, job.claim()).stream()
                .findFirst();
    }

    /** All runs holding a claim now, on any hub. */
    public List<PipelineRun> running() {
        return query("SELECT " + COLUMNS + " FROM pipeline_run WHERE status = 'RUNNING' ORDER BY id", 0);
    }

    /**
     * The pipeline's most recent runs, newest first; when {@code pipeline} is null, the most recent
     * runs of every job, pipelines and maintenance jobs alike.
     */
    public List<PipelineRun> list(String pipeline, int limit) {
        if (pipeline == null) {
            checkLimit(limit);
            // Ids grow in insertion order; a LIMIT through setMaxRows keeps the SQL the same on H2 and PostgreSQL.
            return query("SELECT " + COLUMNS + " FROM pipeline_run ORDER BY id DESC", limit);
        }
        return runsOf(JobId.pipeline(pipeline), limit);
    }

    /** The job's most recent runs, newest first. */
    public List<PipelineRun> runsOf(JobId job, int limit) {
        checkLimit(limit);
        return query(
                "SELECT " + COLUMNS + " FROM pipeline_run WHERE job_kind = ? AND pipeline = ? ORDER BY id DESC",
                limit,
                job.kind().name(),
                job.id());
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The pipeline's most recently started run, whatever its status. */
    public Optional<PipelineRun> lastRun(String pipeline) {
        return lastRun(JobId.pipeline(pipeline));
    }

    /** The job's most recently started run, whatever its status. */
    public Optional<PipelineRun> lastRun(JobId job) {
        return runsOf(job, 1).stream().findFirst();
    }

    /** The most recently started run of every pipeline that has one, by pipeline id. */
    public Map<String, PipelineRun> lastRuns() {
        return lastRuns(JobKind.PIPELINE);
    }

    /** The most recently started run of every job of this kind that has one, by job id. */
    public Map<String, PipelineRun> lastRuns(JobKind kind) {
        Map<String, PipelineRun> result = new LinkedHashMap<>();
        for (PipelineRun run : query(
                "SELECT " + COLUMNS + " FROM pipeline_run WHERE id IN"
                        + " (SELECT MAX(id) FROM pipeline_run WHERE job_kind = ? GROUP BY pipeline) ORDER BY pipeline",
                0,
                kind.name())) {
            result.put(run.pipeline(), run);
        }
        return result;
    }

    private long insert(
            JobId job,
            TriggerKind kind,
            String node,
            Instant scheduledFor,
            Instant startedAt,
            Instant endedAt,
            RunStatus status,
            String error)
            throws SQLException {
        String sql = "INSERT INTO pipeline_run (pipeline, trigger_kind, node, scheduled_for, started_at, ended_at,"
                + " status, row_count, error, running_claim, job_kind) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, job.id());
            ps.setString(2, kind.name());
            ps.setString(3, node);
            setInstant(ps, 4, scheduledFor);
            setInstant(ps, 5, startedAt);
            setInstant(ps, 6, endedAt);
            ps.setString(7, status.name());
            ps.setString(8, error);
            ps.setString(9, status == RunStatus.RUNNING ? job.claim() : null);
            ps.setString(10, job.kind().name());
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
                            rs.getString("error"),
                            JobKind.valueOf(rs.getString("job_kind")),
                            rs.getString("result")));
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
