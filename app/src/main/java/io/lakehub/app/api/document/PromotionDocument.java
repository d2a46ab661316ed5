package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One promotion or rollback of an index's search parameters ({@code GET /api/indexes/{name}/promotions}).
 *
 * @param action promote or rollback
 * @param parameters the parameters put in force
 * @param previous the parameters they replaced
 * @param trial the winning trial's seq (promotions)
 * @param reason why (the objective's decision, or the rollback's reason)
 * @param actor who: the API key's name or role, or {@code autotune} for the agent started by them
 * @param at ISO-8601 instant
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PromotionDocument(
        long seq,
        String action,
        String parameters,
        String previous,
        Long trial,
        String reason,
        String actor,
        String at) {}
