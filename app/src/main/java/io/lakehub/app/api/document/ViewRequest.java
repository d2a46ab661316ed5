package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/views}: a view of one dataset (ADR 0030).
 *
 * @param name the view's name, queried like a dataset
 * @param base the dataset it reads
 * @param columns the columns it shows, in order; all of the base's when empty
 * @param rowFilter a SQL condition the rows must meet, checked by the SQL guard; none when empty
 * @param redactions per column, {@code mask} (keep the last 4 characters), {@code hash} (keyed
 *     HMAC-SHA256, hex) or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ViewRequest(
        String name, String base, List<String> columns, String rowFilter, Map<String, String> redactions) {}
