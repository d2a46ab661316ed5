package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A user view as {@code GET /api/views} shows it: its definition, never data.
 *
 * @param columns the columns it shows, in order
 * @param rowFilter the SQL condition on its rows, or null
 * @param redactions per redacted column: mask, hash or null
 * @param createdBy the role that created it
 * @param createdAt ISO-8601 instant
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ViewDocument(
        String name,
        String base,
        List<String> columns,
        String rowFilter,
        Map<String, String> redactions,
        String createdBy,
        String createdAt) {}
