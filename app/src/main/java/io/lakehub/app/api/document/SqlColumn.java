package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A result column: its name and DuckDB's type name ({@code BIGINT}, {@code VARCHAR}, ...). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SqlColumn(String name, String type) {}
