package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One audit journal event; {@code details} is the event's JSON object as recorded.
 *
 * @param time ISO-8601
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEventDocument(
        long seq,
        String time,
        String actor,
        String action,
        String entity,
        JsonNode details,
        String prevHash,
        String hash) {}
