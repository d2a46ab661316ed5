package io.lakehub.processors.ingest;

import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;
import java.util.Map;

/**
 * What the sink wrote for one ingest, before it is committed; a {@link CommitPlanner} turns it into a
 * {@link io.lakehub.catalog.commit.CommitRequest}.
 *
 * @param request the ingest (dataset, mode, key, actor)
 * @param schema the dataset's schema after this commit (merged with what the chain produced)
 * @param fileSchema the schema of the written files (the chain's output; types may be narrower than
 *     the dataset's, views cast)
 * @param schemaChanges the lines of that merge; empty if none
 * @param files the Parquet files written, in source order; at least one
 * @param lineage source system, URI (redacted), pipeline and content hash (null for sources without one)
 * @param properties snapshot properties to commit with the data: the request's {@code
 *     snapshotProperties}, the source's position and the steps' reports ({@code step.<name>.*})
 */
public record CommitDraft(
        IngestRequest request,
        LakeSchema schema,
        LakeSchema fileSchema,
        List<String> schemaChanges,
        List<NewDataFile> files,
        Lineage lineage,
        Map<String, String> properties) {

    public CommitDraft {
        schemaChanges = List.copyOf(schemaChanges);
        files = List.copyOf(files);
        properties = Map.copyOf(properties);
    }
}
