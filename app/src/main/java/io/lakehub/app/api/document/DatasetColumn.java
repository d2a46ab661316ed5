package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A dataset column; {@code type} is the hub's type name ({@code int}, {@code string}, {@code timestamp}, ...). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetColumn(String name, String type, boolean nullable) {}
