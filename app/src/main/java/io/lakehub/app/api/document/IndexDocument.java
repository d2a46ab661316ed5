package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A vector index as {@code GET /api/indexes} shows it.
 *
 * @param name the index
 * @param dataset the dataset it indexes
 * @param keyColumn the row key column
 * @param textColumn the embedded column
 * @param chunkSize chunk size in characters
 * @param chunkOverlap chunk overlap in characters
 * @param provider the embedding provider kind
 * @param model the model's name
 * @param modelVersion the model's version
 * @param dimensions the vectors' length
 * @param maxDegree jvector max degree
 * @param beamWidth jvector construction beam width
 * @param neighborOverflow jvector neighbour overflow
 * @param alpha jvector alpha
 * @param hierarchy whether the graph has upper layers
 * @param overquery the search beam as a multiple of k
 * @param refresh the refresh policy
 * @param rowCount rows indexed by the last refresh
 * @param chunkCount chunks (vectors) in the index
 * @param buildMillis how long the last graph build took
 * @param buildSignature SHA-256 over source snapshot, chunking and model; null before the first refresh
 * @param refreshedAt when the last refresh succeeded (ISO-8601), or null
 * @param lastUsed when a search last used it (ISO-8601), or null
 * @param createdBy who created it
 * @param createdAt when (ISO-8601)
 * @param lastError why the last refresh failed (the previous index kept serving), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexDocument(
        String name,
        String dataset,
        String keyColumn,
        String textColumn,
        int chunkSize,
        int chunkOverlap,
        String provider,
        String model,
        String modelVersion,
        int dimensions,
        int maxDegree,
        int beamWidth,
        double neighborOverflow,
        double alpha,
        boolean hierarchy,
        int overquery,
        String refresh,
        long rowCount,
        long chunkCount,
        long buildMillis,
        String buildSignature,
        String refreshedAt,
        String lastUsed,
        String createdBy,
        String createdAt,
        String lastError) {}
