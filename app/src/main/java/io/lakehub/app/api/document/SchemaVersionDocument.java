package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One recorded schema version of a dataset and the changes that produced it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SchemaVersionDocument(int version, String createdAt, List<String> changes, List<DatasetColumn> columns) {}
