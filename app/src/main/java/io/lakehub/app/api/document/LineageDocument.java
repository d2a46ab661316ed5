package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Where one commit's rows came from; {@code source_uri} has credentials redacted. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LineageDocument(
        long snapshotId,
        String sourceSystem,
        String sourceUri,
        String pipeline,
        String time,
        long rowCount,
        String contentHash) {}
