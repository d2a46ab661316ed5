package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An evaluation set of a vector index as {@code GET /api/indexes/{name}/evalsets} shows it (not its queries).
 *
 * @param origin uploaded or generated
 * @param buildSignature the index's build signature the truth holds for
 * @param fingerprint the content hash: trials compare only on the same
 * @param k the recall@k cut-off
 * @param queries how many queries it holds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvalSetDocument(
        String index,
        String id,
        String origin,
        String buildSignature,
        String fingerprint,
        int k,
        int queries,
        String createdBy,
        String createdAt) {}
