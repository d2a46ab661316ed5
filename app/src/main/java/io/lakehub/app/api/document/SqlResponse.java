package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code POST /api/sql}'s answer: {@code {"columns":[{"name","type"}],"rows":[[...]],"row_count":n,
 * "truncated":false}}. Values are JSON scalars, arrays and objects; dates and timestamps are
 * ISO-8601 strings.
 *
 * @param truncated true when the result was cut at {@code lakehub.query.max-rows}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"columns", "rows", "row_count", "truncated"})
public record SqlResponse(List<SqlColumn> columns, List<List<Object>> rows, long rowCount, boolean truncated) {}
