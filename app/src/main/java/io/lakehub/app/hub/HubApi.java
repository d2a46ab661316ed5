package io.lakehub.app.hub;

import io.lakehub.app.api.document.AuditPage;
import io.lakehub.app.api.document.AuditVerification;
import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.api.document.IngestApiRequest;
import io.lakehub.app.api.document.IngestOutcome;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.api.document.SqlResponse;
import java.util.List;

/**
 * What the HTTP API and the command line offer, in the API's documents. {@link LocalHubApi} works
 * on the back ends in this process (the server's controllers, or a CLI command on a free home);
 * the CLI's HTTP client does the same through a running hub, so a command prints the same either
 * way. Errors are {@link io.lakehub.catalog.LakehubException}s whose message is for the user.
 */
public interface HubApi extends AutoCloseable {

    /** Most events one audit page returns. */
    int MAX_AUDIT_LIMIT = 1000;

    /**
     * The process that does the work: the one that reads the files an ingest names (a running hub
     * for a remote API, else this process). The CLI's progress bar watches its reads.
     */
    default long processId() {
        return ProcessHandle.current().pid();
    }

    SqlResponse sql(String sql);

    /**
     * {@link #sql} as the API's JSON document, exactly as {@code POST /api/sql} answers it (the CLI's
     * {@code --format json}).
     */
    default String sqlJson(String sql) {
        return Json.write(sql(sql));
    }

    List<DatasetSummary> datasets();

    /**
     * @throws io.lakehub.catalog.InvalidDatasetNameException for a malformed name
     * @throws UnknownDatasetException for a well-formed name the catalog does not know
     */
    DatasetDetail dataset(String name);

    /**
     * @param after null: the newest {@code limit} events, newest first; else the events after this
     *     sequence number, oldest first
     * @param limit 1 to {@link #MAX_AUDIT_LIMIT}
     */
    AuditPage audit(Long after, int limit);

    AuditVerification verifyAudit();

    /** Every job, pipelines and maintenance jobs, with schedule, next fire and last run ({@code GET /api/jobs}). */
    List<io.lakehub.app.api.document.JobDocument> jobs();

    /**
     * Runs a job once now and waits for its end: the finished run, or the SKIPPED run recorded
     * because another run of the job was in progress (on any hub).
     *
     * @param kind {@code pipeline}, {@code maintenance}, or null for whichever kind has the id
     * @throws io.lakehub.schedules.UnknownJobException when no job (of that kind) has the id
     */
    io.lakehub.app.api.document.RunDocument runJob(String id, String kind);

    /** Ingests a file the hub can read; actor and source system are chosen by the implementation. */
    IngestOutcome ingest(IngestApiRequest request);

    /**
     * Drops a dataset: its catalog rows in one audited transaction ({@code dataset.drop}), then its
     * files; its SQL view goes with it and the name can be used again. Irreversible.
     *
     * @throws io.lakehub.catalog.InvalidDatasetNameException for a malformed name
     * @throws UnknownDatasetException for a well-formed name the catalog does not know
     */
    void drop(String name);

    /** Every configured pipeline with its schedule and last run. */
    List<ScheduleDocument> schedules();

    /**
     * Runs a pipeline now. Through a hub the run starts in the background (RUNNING, or SKIPPED when
     * one is in progress; follow it with {@link #run}); on a home no hub holds it runs to its end
     * before this returns.
     *
     * @throws io.lakehub.schedules.UnknownPipelineException when no pipeline has this id
     */
    RunAccepted runPipeline(String pipelineId);

    /** @throws UnknownRunException when the run history has no such run */
    RunDocument run(long runId);

    /**
     * The ingests in progress in the process that does the work (the hub, or this command), with
     * their progress ({@code GET /api/ingests}).
     */
    List<io.lakehub.app.api.document.IngestDocument> ingests();

    /**
     * Records an erasure (ADR 0031): the rows are invisible to every query when this returns; the
     * files are rewritten after (in the hub, in the background; in a CLI command, before it returns).
     */
    default io.lakehub.app.api.document.ErasureDocument erase(
            String dataset, io.lakehub.app.api.document.ErasureApiRequest request) {
        throw new InvalidRequestException("Erasures are not available here.");
    }

    /** One erasure of the dataset. */
    default io.lakehub.app.api.document.ErasureDocument erasure(String dataset, long id) {
        throw new InvalidRequestException("Erasures are not available here.");
    }

    /** Whether any file of the dataset or its companions still holds {@code value}. */
    default io.lakehub.app.api.document.ErasureVerificationDocument verifyErasure(
            String dataset, io.lakehub.app.api.document.ErasureVerifyRequest request) {
        throw new InvalidRequestException("Erasures are not available here.");
    }

    /** Registers a vector index ({@code POST /api/indexes}). */
    default io.lakehub.app.api.document.IndexDocument createIndex(io.lakehub.app.api.document.IndexRequest request) {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** The vector indexes ({@code GET /api/indexes}). */
    default List<io.lakehub.app.api.document.IndexDocument> indexes() {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** Starts a refresh of the index in the background; returns the job's id ({@code POST /api/indexes/{name}/refresh}). */
    default String refreshIndex(String name) {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** A vector index job with its progress ({@code GET /api/jobs/{id}}). */
    default io.lakehub.app.api.document.VectorJobDocument vectorJob(String id) {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** The index's trial journal, oldest first ({@code GET /api/indexes/{name}/trials}). */
    default List<io.lakehub.app.api.document.TrialDocument> indexTrials(String name) {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** Searches the index; the document of {@code POST /api/indexes/{name}/search}, as JSON text. */
    default String searchIndexJson(String name, io.lakehub.app.api.document.IndexSearchRequest request) {
        throw new InvalidRequestException("Vector indexes are not available here.");
    }

    /** Releases what this access holds (back ends, the home lock); the default holds nothing. */
    @Override
    default void close() {}

    /**
     * Drops the dataset's Iceberg table and publishes it again from the Lakehub catalog (ADR 0039).
     *
     * @throws io.lakehub.catalog.InvalidDatasetNameException for a malformed name
     * @throws UnknownDatasetException for a well-formed name the catalog does not know
     */
    default io.lakehub.app.iceberg.IcebergRebuild rebuildIceberg(String name) {
        throw new InvalidRequestException("Iceberg tables cannot be rebuilt here.");
    }
}
