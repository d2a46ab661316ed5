package io.lakehub.catalog.vectors;

import java.time.Instant;

/**
 * One vector index as the catalog records it.
 *
 * @param name the index name (like a dataset name)
 * @param dataset the indexed dataset
 * @param keyColumn the column identifying rows
 * @param textColumn the column whose text is embedded
 * @param chunkSize the longest chunk, in characters
 * @param chunkOverlap characters of overlap between chunks
 * @param provider the embedding provider kind ({@code onnx}, {@code hashing}, {@code ollama}, {@code openai})
 * @param modelName the model's name as the provider reports it
 * @param modelVersion the model's version
 * @param dimensions the vectors' length
 * @param maxDegree jvector max degree
 * @param beamWidth jvector construction beam width
 * @param neighborOverflow jvector neighbour overflow
 * @param alpha jvector diversity alpha
 * @param hierarchy whether the graph has upper layers
 * @param overquery search beam as a multiple of k
 * @param refreshPolicy {@code manual}, {@code on-commit} or {@code cron:<expression>}
 * @param rowCount rows indexed by the last refresh
 * @param chunkCount chunks (vectors) in the index
 * @param buildMillis how long the last graph build took
 * @param buildSignature SHA-256 over source snapshot, chunking and model; {@code null} before the first refresh
 * @param refreshedAt when the last refresh succeeded, or {@code null}
 * @param lastUsed when a search last used the index, or {@code null}
 * @param createdBy who created it
 * @param createdAt when
 * @param lastError why the last refresh failed, or {@code null}
 * @param buildId the published build (its files in {@code <lake>/_indexes/<name>/builds/<buildId>/}), or
 *     {@code null} when the files are directly in the index's folder (never refreshed, or refreshed before
 *     builds were versioned; ADR 0047)
 */
public record StoredVectorIndex(
        String name,
        String dataset,
        String keyColumn,
        String textColumn,
        int chunkSize,
        int chunkOverlap,
        String provider,
        String modelName,
        String modelVersion,
        int dimensions,
        int maxDegree,
        int beamWidth,
        double neighborOverflow,
        double alpha,
        boolean hierarchy,
        int overquery,
        String refreshPolicy,
        long rowCount,
        long chunkCount,
        long buildMillis,
        String buildSignature,
        Instant refreshedAt,
        Instant lastUsed,
        String createdBy,
        Instant createdAt,
        String lastError,
        String buildId) {

    /** An index whose files are directly in its folder (no versioned build yet). */
    public StoredVectorIndex(
            String name,
            String dataset,
            String keyColumn,
            String textColumn,
            int chunkSize,
            int chunkOverlap,
            String provider,
            String modelName,
            String modelVersion,
            int dimensions,
            int maxDegree,
            int beamWidth,
            double neighborOverflow,
            double alpha,
            boolean hierarchy,
            int overquery,
            String refreshPolicy,
            long rowCount,
            long chunkCount,
            long buildMillis,
            String buildSignature,
            Instant refreshedAt,
            Instant lastUsed,
            String createdBy,
            Instant createdAt,
            String lastError) {
        this(
                name,
                dataset,
                keyColumn,
                textColumn,
                chunkSize,
                chunkOverlap,
                provider,
                modelName,
                modelVersion,
                dimensions,
                maxDegree,
                beamWidth,
                neighborOverflow,
                alpha,
                hierarchy,
                overquery,
                refreshPolicy,
                rowCount,
                chunkCount,
                buildMillis,
                buildSignature,
                refreshedAt,
                lastUsed,
                createdBy,
                createdAt,
                lastError,
                null);
    }
}
