package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One ingest in progress on the hub ({@code GET /api/ingests}): an inbox file, a pipeline run's file
 * or database poll, an ingest through the API.
 *
 * @param dataset the dataset it writes into
 * @param pipeline the pipeline whose run it is; null for the inbox and the API
 * @param source what it reads, as lineage will record it (credentials redacted)
 * @param actor who asked: {@code inbox}, {@code pipeline}, {@code http}, {@code cli}
 * @param startedAt ISO-8601
 * @param progress how far it has got
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "An ingest in progress on the hub that answers, with how far it has got.")
public record IngestDocument(
        @Schema(description = "The dataset it writes into.", example = "orders")
        String dataset,

        @Schema(description = "The pipeline whose run it is; null for the inbox and the API.", nullable = true)
        String pipeline,

        @Schema(description = "What it reads, as lineage will record it (credentials redacted).")
        String source,

        @Schema(description = "Who asked: inbox, pipeline, http, cli.", example = "inbox")
        String actor,

        @Schema(description = "When it started, ISO-8601.") String startedAt,

        @Schema(description = "How far it has got.") ProgressDocument progress) {}
