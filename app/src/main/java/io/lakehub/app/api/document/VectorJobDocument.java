package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A background vector index refresh as {@code GET /api/jobs/{id}} shows it (and {@code GET /api/index-jobs} lists
 * it).
 *
 * @param id the job's id (as in every item of {@code GET /api/index-jobs})
 * @param job the job's id again (the field the refresh's document had first; kept for its clients)
 * @param kind {@code index-refresh}
 * @param index the index it works on
 * @param status {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param phase {@code waiting} (for another hub's build of the index; ADR 0047), {@code reading}, {@code
 *     embedding}, {@code building} or {@code done}
 * @param done chunks embedded so far
 * @param total chunks to embed (0 until known)
 * @param rate chunks embedded per second
 * @param etaSeconds estimated seconds left, or null when unknown
 * @param startedAt when it started (ISO-8601), or null while queued
 * @param finishedAt when it finished (ISO-8601), or null
 * @param rows rows in the source (when done)
 * @param addedRows rows new to the index
 * @param changedRows rows whose text changed
 * @param removedRows rows whose vectors were removed
 * @param embeddedChunks chunks sent to the provider
 * @param upToDate true when the build signature was unchanged and nothing was read
 * @param elapsedMs how long the refresh took, in milliseconds (when done)
 * @param error why it failed (the previous index kept serving), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VectorJobDocument(
        String id,
        String job,
        String kind,
        String index,
        String status,
        String phase,
        long done,
        long total,
        double rate,
        Double etaSeconds,
        String startedAt,
        String finishedAt,
        Integer rows,
        Integer addedRows,
        Integer changedRows,
        Integer removedRows,
        Integer embeddedChunks,
        Boolean upToDate,
        Long elapsedMs,
        String error) {}
