package io.lakehub.processors.ingest;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.SchemaEvolution;

/**
 * How an incoming schema merges into a dataset's current one. The hub uses {@link
 * SchemaEvolution#merge}; the seam exists so the ingest can be exercised against another rule set
 * (tests, benchmarks) without a database.
 */
@FunctionalInterface
public interface SchemaMerge {
    /** The rule of record. */
    SchemaMerge STANDARD = SchemaEvolution::merge;

    /** See {@link SchemaEvolution#merge}; throws {@link io.lakehub.catalog.schema.IncompatibleSchemaException}. */
    SchemaEvolution merge(String dataset, LakeSchema current, LakeSchema incoming, boolean widenToString);
}
