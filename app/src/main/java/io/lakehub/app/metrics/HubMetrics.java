package io.lakehub.app.metrics;

import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.catalog.commit.CommitObserver;
import io.lakehub.catalog.commit.CommitStatistics;
import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.SqlRefusedException;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.schedules.JobKind;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.RunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The hub's own meters, recorded from its seams. Every name and tag is listed in
 * docs/operations.md; tags carry dataset, pipeline, job and route ids (which the operator chose)
 * and outcomes, never data values or file names.
 */
public final class HubMetrics implements CommitObserver, RunListener {
    /** Rows an ingest committed, per dataset. */
    public static final String INGEST_ROWS = "lakehub.ingest.rows";
    /** Bytes of source files an ingest committed, per dataset. */
    public static final String INGEST_BYTES = "lakehub.ingest.bytes";
    /** Each ingest request with its duration, per dataset and outcome. */
    public static final String INGEST = "lakehub.ingest";
    /** Each catalog commit with its latency, per dataset, operation and outcome. */
    public static final String COMMIT = "lakehub.commit";
    /** Rows of the data files commits added, per dataset and operation. */
    public static final String COMMIT_ROWS = "lakehub.commit.rows";
    /** Bytes of the files commits added, per dataset and operation. */
    public static final String COMMIT_BYTES = "lakehub.commit.bytes";
    /** Pipeline runs ended on this hub, per pipeline and status. */
    public static final String PIPELINE_RUNS = "lakehub.pipeline.runs";
    /** How long the pipeline runs that ran took, per pipeline and status. */
    public static final String PIPELINE_RUN_DURATION = "lakehub.pipeline.run.duration";
    /** Rows pipeline runs committed, per pipeline. */
    public static final String PIPELINE_ROWS = "lakehub.pipeline.rows";
    /** Maintenance runs ended on this hub, per job and status. */
    public static final String MAINTENANCE_RUNS = "lakehub.maintenance.runs";
    /** SQL queries with their latency, per outcome. */
    public static final String SQL_QUERY = "lakehub.sql.query";
    /** SQL queries that did not answer, per reason. */
    public static final String SQL_ERRORS = "lakehub.sql.errors";

    private final MeterRegistry registry;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    // ---------------------------------------------------------------- ingest

    /** An ingest ended with a result; committed rows and source bytes count only for {@code COMMITTED}. */
    void ingested(String dataset, IngestResult result, long sourceBytes, Duration duration) {
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
        ingestTimer(dataset, outcome).record(duration);
        if (result.outcome() == IngestResult.Outcome.COMMITTED) {
            Counter.builder(INGEST_ROWS)
                    .description("Rows committed by ingests")
                    .baseUnit("rows")
                    .tag("dataset", dataset)
                    .register(registry)
                    .increment(result.rows());
            if (sourceBytes > 0) {
                Counter.builder(INGEST_BYTES)
                        .description("Bytes of the source files of committed ingests")
                        .baseUnit("bytes")
                        .tag("dataset", dataset)
                        .register(registry)
                        .increment(sourceBytes);
            }
        }
    }

    /** An ingest threw: {@code refused} for bad input, {@code failed} for anything else. */
    void ingestFailed(String dataset, RuntimeException failure, Duration duration) {
        ingestTimer(dataset, failure instanceof IngestRefusedException ? "refused" : "failed")
                .record(duration);
    }

    private Timer ingestTimer(String dataset, String outcome) {
        return Timer.builder(INGEST)
                .description("Ingest requests (inbox, pipelines, CLI through the hub, HTTP) and how long they took")
                .tag("dataset", dataset)
                .tag("outcome", outcome)
                .register(registry);
    }

    // ---------------------------------------------------------------- commits

    @Override
    public void committed(CommitStatistics s) {
        commitTimer(s.dataset(), s.operation(), "success").record(s.duration());
        Counter.builder(COMMIT_ROWS)
                .description("Rows in the data files commits added (ingests, upserts, compaction)")
                .baseUnit("rows")
                .tag("dataset", s.dataset())
                .tag("operation", s.operation())
                .register(registry)
                .increment(s.addedRows());
        Counter.builder(COMMIT_BYTES)
                .description("Bytes of the Parquet files commits added to the lake")
                .baseUnit("bytes")
                .tag("dataset", s.dataset())
                .tag("operation", s.operation())
                .register(registry)
                .increment(s.addedBytes());
    }

    @Override
    public void failed(String dataset, String operation, Duration duration, RuntimeException failure) {
        commitTimer(dataset, operation, "failure").record(duration);
    }

    private Timer commitTimer(String dataset, String operation, String outcome) {
        return Timer.builder(COMMIT)
                .description("Catalog commits and their latency (one database transaction each, retries included)")
                .tag("dataset", dataset)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry);
    }

    // ---------------------------------------------------------------- runs

    @Override
    public void ended(PipelineRun run, Duration duration) {
        String status = run.status().name().toLowerCase(Locale.ROOT);
        if (run.kind() == JobKind.MAINTENANCE) {
            Counter.builder(MAINTENANCE_RUNS)
                    .description("Maintenance job runs ended on this hub, by status")
                    .tag("job", run.pipeline())
                    .tag("status", status)
                    .register(registry)
                    .increment();
            return;
        }
        Counter.builder(PIPELINE_RUNS)
                .description("Pipeline runs ended on this hub, by status (succeeded, failed, skipped)")
                .tag("pipeline", run.pipeline())
                .tag("status", status)
                .register(registry)
                .increment();
        if (!duration.isZero()) {
            Timer.builder(PIPELINE_RUN_DURATION)
                    .description("How long pipeline runs took")
                    .tag("pipeline", run.pipeline())
                    .tag("status", status)
                    .register(registry)
                    .record(duration);
        }
        Counter.builder(PIPELINE_ROWS)
                .description("Rows committed by pipeline runs")
                .baseUnit("rows")
                .tag("pipeline", run.pipeline())
                .register(registry)
                .increment(run.rows());
    }

    // ---------------------------------------------------------------- SQL

    /**
     * Runs a query and records its latency: outcome {@code success}, or {@code refused} (not a
     * read-only statement), {@code invalid} (the engine could not run it: syntax, unknown table) or
     * {@code error} (anything else), each also counted in {@link #SQL_ERRORS}.
     */
    public <T> T query(Supplier<T> query) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T answer = query.get();
            outcome = "success";
            return answer;
        } catch (SqlRefusedException e) {
            outcome = "refused";
            throw e;
        } catch (QueryFailedException | InvalidRequestException e) {
            outcome = "invalid";
            throw e;
        } finally {
            sample.stop(Timer.builder(SQL_QUERY)
                    .description("SQL queries over the lake and how long they took")
                    .tag("outcome", outcome)
                    .register(registry));
            if (!outcome.equals("success")) {
                Counter.builder(SQL_ERRORS)
                        .description("SQL queries that did not answer, by reason")
                        .tag("reason", outcome)
                        .register(registry)
                        .increment();
            }
        }
    }
}
