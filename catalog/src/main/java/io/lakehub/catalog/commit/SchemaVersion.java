package io.lakehub.catalog.commit;

import io.lakehub.catalog.schema.LakeSchema;
import java.time.Instant;
import java.util.List;

/** One recorded version of a dataset's schema; version 1 is the first. */
public record SchemaVersion(int version, LakeSchema schema, List<String> changes, Instant createdAt) {}
