package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/indexes}: a vector index over one dataset (ADR 0038).
 *
 * @param name the index's name (like a dataset name)
 * @param dataset the dataset it indexes
 * @param keyColumn the column identifying rows (search hits name it as {@code key})
 * @param textColumn the column whose text is chunked and embedded
 * @param chunkSize the longest chunk in characters; {@code lakehub.vector.chunk-size} when absent
 * @param chunkOverlap characters repeated between chunks; {@code lakehub.vector.chunk-overlap} when absent
 * @param refresh {@code manual} (the default), {@code on-commit} (refreshed after every commit to the dataset) or
 *     {@code cron:<Quartz cron expression>} (seconds first, UTC; e.g. {@code cron:0 0/15 * * * ?})
 * @param maxDegree the graph's maximum neighbours per node (default 32)
 * @param beamWidth the candidates kept while building the graph (default 100)
 * @param neighborOverflow how far a node's neighbour list may overflow before it is pruned (≥ 1.0, default 1.2)
 * @param alpha the pruning's diversity factor (&gt; 0, default 1.2)
 * @param hierarchy whether the graph has hierarchy layers (default true)
 * @param overquery how many times k candidates a search considers before reranking (≥ 1, default 5)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexRequest(
        String name,
        String dataset,
        String keyColumn,
        String textColumn,
        Integer chunkSize,
        Integer chunkOverlap,
        String refresh,
        Integer maxDegree,
        Integer beamWidth,
        Double neighborOverflow,
        Double alpha,
        Boolean hierarchy,
        Integer overquery) {

    /** A request with the default graph parameters. */
    public IndexRequest(
            String name,
            String dataset,
            String keyColumn,
            String textColumn,
            Integer chunkSize,
            Integer chunkOverlap,
            String refresh) {
        this(
                name,
                dataset,
                keyColumn,
                textColumn,
                chunkSize,
                chunkOverlap,
                refresh,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
