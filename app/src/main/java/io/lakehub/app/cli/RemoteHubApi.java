package io.lakehub.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.lakehub.app.api.document.ApiError;
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
import io.lakehub.app.api.document.SqlRequest;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.HubFile;
import io.lakehub.catalog.DatasetName;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@link HubApi} through the HTTP API of the hub that holds the home. Refusals come back as
 * {@link HubRequestException} with the hub's message; a hub that does not answer as {@link
 * HubUnavailableException} naming its pid.
 */
final class RemoteHubApi implements HubApi {
    /** How often {@link #runJob} asks the hub whether the run has ended. */
    private static final Duration RUN_POLL = Duration.ofMillis(250);

    private final HubFile hub;
    private final Path home;

    RemoteHubApi(HubFile hub, Path home) {
        this.hub = hub;
        this.home = home;
    }

    /** The process that serves this home: it, not this command, reads the files an ingest names. */
    @Override
    public long processId() {
        return hub.pid();
    }

    @Override
    public SqlResponse sql(String sql) {
        return sqlResponse(sqlJson(sql));
    }

    /** {@code POST /api/sql}'s JSON answer as the document. */
    SqlResponse sqlResponse(String json) {
        return read(json, SqlResponse.class);
    }

    /** The hub's answer verbatim, so {@code --format json} prints exactly the API document. */
    @Override
    public String sqlJson(String sql) {
        return send(post("/api/sql", new SqlRequest(sql)));
    }

    @Override
    public List<DatasetSummary> datasets() {
        return read(send(get("/api/datasets")), new TypeReference<List<DatasetSummary>>() {});
    }

    @Override
    public DatasetDetail dataset(String name) {
        // Validated here too: the name becomes a URL path segment.
        DatasetName dataset = DatasetName.of(name);
        return read(send(get("/api/datasets/" + dataset.value())), DatasetDetail.class);
    }

    @Override
    public AuditPage audit(Long after, int limit) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + after);
        return read(send(get("/api/audit" + query)), AuditPage.class);
    }

    @Override
    public AuditVerification verifyAudit() {
        return read(send(get("/api/audit/verify")), AuditVerification.class);
    }

    @Override
    public IngestOutcome ingest(IngestApiRequest request) {
        return read(send(post("/api/ingest", request)), IngestOutcome.class);
    }

    @Override
    public io.lakehub.app.iceberg.IcebergRebuild rebuildIceberg(String name) {
        DatasetName dataset = DatasetName.of(name);
        return read(
                send(new Call("POST", "/api/datasets/" + dataset.value() + "/iceberg/rebuild", null)),
                io.lakehub.app.iceberg.IcebergRebuild.class);
    }

    @Override
    public void drop(String name) {
        // Validated here too: the name becomes a URL path segment.
        DatasetName dataset = DatasetName.of(name);
        send(new Call("DELETE", "/api/datasets/" + dataset.value(), null));
    }

    @Override
    public io.lakehub.app.api.document.ErasureDocument erase(
            String name, io.lakehub.app.api.document.ErasureApiRequest request) {
        DatasetName dataset = DatasetName.of(name);
        return read(
                send(post("/api/datasets/" + dataset.value() + "/erasures", request)),
                io.lakehub.app.api.document.ErasureDocument.class);
    }

    @Override
    public io.lakehub.app.api.document.ErasureDocument erasure(String name, long id) {
        DatasetName dataset = DatasetName.of(name);
        return read(
                send(get("/api/datasets/" + dataset.value() + "/erasures/" + id)),
                io.lakehub.app.api.document.ErasureDocument.class);
    }

    @Override
    public io.lakehub.app.api.document.ErasureVerificationDocument verifyErasure(
            String name, io.lakehub.app.api.document.ErasureVerifyRequest request) {
        DatasetName dataset = DatasetName.of(name);
        return read(
                send(post("/api/datasets/" + dataset.value() + "/erasures/verify", request)),
                io.lakehub.app.api.document.ErasureVerificationDocument.class);
    }

    @Override
    public io.lakehub.app.api.document.IndexDocument createIndex(io.lakehub.app.api.document.IndexRequest request) {
        return read(send(post("/api/indexes", request)), io.lakehub.app.api.document.IndexDocument.class);
    }

    @Override
    public List<io.lakehub.app.api.document.IndexDocument> indexes() {
        return read(send(get("/api/indexes")), new TypeReference<List<io.lakehub.app.api.document.IndexDocument>>() {});
    }

    @Override
    public String refreshIndex(String name) {
        return read(
                        send(new Call(
                                "POST", "/api/indexes/" + DatasetName.of(name).value() + "/refresh", null)),
                        com.fasterxml.jackson.databind.JsonNode.class)
                .path("job")
                .asText();
    }

    @Override
    public io.lakehub.app.api.document.VectorJobDocument vectorJob(String id) {
        return read(send(get("/api/jobs/" + pathSegment(id))), io.lakehub.app.api.document.VectorJobDocument.class);
    }

    @Override
    public List<io.lakehub.app.api.document.TrialDocument> indexTrials(String name) {
        return read(
                send(get("/api/indexes/" + DatasetName.of(name).value() + "/trials")),
                new TypeReference<List<io.lakehub.app.api.document.TrialDocument>>() {});
    }

    /** The hub's answer verbatim, so {@code search --format json} prints exactly the API document. */
    @Override
    public String searchIndexJson(String name, io.lakehub.app.api.document.IndexSearchRequest request) {
        return send(post("/api/indexes/" + DatasetName.of(name).value() + "/search", request));
    }

    @Override
    public List<ScheduleDocument> schedules() {
        return read(send(get("/api/schedules")), new TypeReference<List<ScheduleDocument>>() {});
    }

    @Override
    public RunAccepted runPipeline(String pipelineId) {
        return read(
                send(new Call("POST", "/api/pipelines/" + pathSegment(pipelineId) + "/run", null)), RunAccepted.class);
    }

    @Override
    public RunDocument run(long runId) {
        return read(send(get("/api/runs/" + runId)), RunDocument.class);
    }

    @Override
    public List<io.lakehub.app.api.document.IngestDocument> ingests() {
        return read(
                send(get("/api/ingests")), new TypeReference<List<io.lakehub.app.api.document.IngestDocument>>() {});
    }

    /** A pipeline id as one URL path segment (ids are free text in the configuration). */
    private static String pathSegment(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public List<io.lakehub.app.api.document.JobDocument> jobs() {
        return read(send(get("/api/jobs")), new TypeReference<List<io.lakehub.app.api.document.JobDocument>>() {});
    }

    /** Starts the run on the hub, then follows it until it ends. */
    @Override
    public io.lakehub.app.api.document.RunDocument runJob(String id, String kind) {
        if (!io.lakehub.schedules.JobId.ID.matcher(id).matches()) {
            // Validated here too: the id becomes a URL path segment.
            throw new io.lakehub.schedules.UnknownJobException("There is no job '" + id + "'; nothing was run.");
        }
        String query = kind == null ? "" : "?kind=" + java.net.URLEncoder.encode(kind, StandardCharsets.UTF_8);
        io.lakehub.app.api.document.RunAccepted accepted = read(
                send(new Call("POST", "/api/jobs/" + id + "/run" + query, null)),
                io.lakehub.app.api.document.RunAccepted.class);
        io.lakehub.app.api.document.RunDocument run = run(accepted.runId());
        while (run.endedAt() == null && "running".equals(run.status())) {
            try {
                Thread.sleep(RUN_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubUnavailableException(
                        "Interrupted while waiting for run " + accepted.runId() + "; it goes on in the hub.", e);
            }
            run = run(accepted.runId());
        }
        return run;
    }

    /** One request to the hub: method, path (with query) and a JSON body or none. */
    private record Call(String method, String path, String json) {}

    private static Call get(String path) {
        return new Call("GET", path, null);
    }

    private static Call post(String path, Object body) {
        return new Call("POST", path, Json.write(body));
    }

    /**
     * Sends one call over plain HTTP with {@link HttpURLConnection} ({@link HubRequests}): the hub
     * listens on http:// only, and {@code java.net.http.HttpClient} sets up TLS (the default trust
     * store) when it is built, which cost a fifth of a command's start (docs/startup.md).
     */
    private String send(Call call) {
        int status;
        String body;
        try {
            HttpURLConnection connection =
                    HubRequests.open(hub.baseUrl() + call.path(), call.method(), "application/json");
            try {
                if (call.json() != null) {
                    HubRequests.sendJson(connection, call.json().getBytes(StandardCharsets.UTF_8));
                } else if ("POST".equals(call.method())) {
                    connection.setDoOutput(true);
                    connection.setFixedLengthStreamingMode(0);
                    connection.getOutputStream().close();
                }
                status = connection.getResponseCode();
                InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                body = in == null ? "" : readAll(in);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw noAnswer(hub, home, e);
        }
        if (status / 100 == 2) {
            return body;
        }
        throw refusal(status, body);
    }

    /** The hub at {@code hub} could not be reached, or broke off the call. */
    static HubUnavailableException noAnswer(HubFile hub, Path home, IOException e) {
        return new HubUnavailableException(
                "A hub (pid " + hub.pid() + ") holds " + home + " but did not answer at " + hub.baseUrl() + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); stop it (kill " + hub.pid() + ") or try again once it is up.",
                e);
    }

    /**
     * The hub answered {@code status} (not 2xx) with {@code body}: a {@link HubUnavailableException}
     * for a 5xx (exit code 3), else a {@link HubRequestException} (exit code 1), with the message of
     * the hub's error document.
     */
    static RuntimeException refusal(int status, String body) {
        String message = errorMessage(body, status);
        if (status >= 500) {
            return new HubUnavailableException(message);
        }
        return new HubRequestException(status, message);
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String errorMessage(String body, int status) {
        try {
            ApiError error = Json.MAPPER.readValue(body, ApiError.class);
            if (error.error() != null) {
                return error.error();
            }
        } catch (JsonProcessingException e) {
            // Not one of our error documents (a proxy, an old hub): fall through to the status.
        }
        return "The hub answered HTTP " + status + ".";
    }

    private <T> T read(String body, Class<T> type) {
        return read(body, Json.MAPPER.constructType(type));
    }

    private <T> T read(String body, TypeReference<T> type) {
        return read(body, Json.MAPPER.constructType(type));
    }

    private <T> T read(String body, JavaType type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new HubUnavailableException(
                    "The hub at " + hub.baseUrl() + " answered something that is not a "
                            + type.getRawClass().getSimpleName() + " document (a different Lakehub version?): "
                            + e.getOriginalMessage(),
                    e);
        }
    }
}
