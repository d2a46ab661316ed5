package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /api/sql}: one read-only statement. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SqlRequest(String sql) {}
