package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.lakehub.app.api.document.SqlRequest;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.metrics.HubMetrics;
import io.lakehub.app.security.Caller;
import io.lakehub.app.security.QueryAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sql {"sql": "..."}}: one read-only statement over the lake. The answer is the JSON
 * document, or the text {@code lakehub sql} prints of it ({@link SqlTextConverter}); the query is
 * checked, run, timed and audited once whichever the caller accepts.
 */
@RestController
@Tag(name = "SQL", description = "Read-only SQL over the lake")
public class SqlController {
    private final HubApi hub;
    private final HubMetrics metrics;
    private final QueryAccess access;

    /**
     * @param metrics times each query ({@code lakehub.sql.query}); absent without a meter registry
     * @param access checks the caller's column clearances and audits the query (ADR 0030)
     */
    public SqlController(HubApi hub, ObjectProvider<HubMetrics> metrics, ObjectProvider<QueryAccess> access) {
        this.hub = hub;
        this.metrics = metrics.getIfAvailable();
        this.access = access.getIfAvailable();
    }

    @Operation(
            summary = "Run one read-only SQL statement over the lake",
            description = "Every dataset is a view of its current snapshot. Statements that could change anything"
                    + " (DDL, DML, file access outside the lake) are refused. The answer holds at most"
                    + " lakehub.query.max-rows rows; truncated says whether it was cut. The answer is the JSON"
                    + " document unless the Accept header prefers text/plain (the aligned table with the row count"
                    + " that lakehub sql prints) or text/csv (the CSV of lakehub sql --format csv). Errors are"
                    + " always the JSON error document.")
    @ApiResponse(
            responseCode = "200",
            description = "The columns and rows of the result: the JSON document, or with Accept: text/plain the"
                    + " aligned table and with Accept: text/csv the CSV (UTF-8, a header of the column names).",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = SqlResponse.class)),
                @Content(
                        mediaType = MediaType.TEXT_PLAIN_VALUE,
                        schema =
                                @Schema(
                                        type = "string",
                                        example = "id | name\n---+------\n 1 | Ada\n 2 | Grace\n(2 rows)\n")),
                @Content(
                        mediaType = SqlTextConverter.TEXT_CSV_VALUE,
                        schema = @Schema(type = "string", example = "id,name\n1,Ada\n2,Grace\n"))
            })
    @ApiResponse(
            responseCode = "400",
            description =
                    "No SQL given, not one read-only statement, or the engine could not run it (syntax, unknown table); the message says which.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "The caller's role is not cleared for a PII column the query reads; the message names the"
                    + " column and dataset (docs/security.md).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "406",
            description = "The Accept header allows none of application/json, text/plain and text/csv.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "415",
            description = "The body was not sent as application/json.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ApiError.class)))
    @PostMapping(
            path = "/api/sql",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            // JSON first: it is the answer for Accept: */* and for no Accept header at all.
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE, SqlTextConverter.TEXT_CSV_VALUE})
    public SqlResponse sql(@RequestBody(required = false) SqlRequest request, HttpServletRequest http) {
        if (request == null || request.sql() == null || request.sql().isBlank()) {
            throw new InvalidRequestException("No SQL given: send {\"sql\": \"SELECT ...\"}.");
        }
        String sql = request.sql();
        Supplier<SqlResponse> query = () -> metrics == null ? hub.sql(sql) : metrics.query(() -> hub.sql(sql));
        return access == null ? query.get() : access.run(Caller.of(http), sql, query);
    }
}
