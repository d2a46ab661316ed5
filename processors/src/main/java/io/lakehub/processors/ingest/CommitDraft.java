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
 * @param files the Parquet files written, in source order; empty only for a run whose key comparison
 *     may still hide keys ({@code keysCompared})
 * @param lineage source system, URI (redacted), pipeline and content hash (null for sources without one)
 * @param properties snapshot properties to commit with the data: the request's {@code
 *     snapshotProperties}, the source's position and the steps' reports ({@code step.<name>.*})
 * @param keysCompared whether this run compared the source's keys ({@link
 *     io.lakehub.processors.chain.KeyComparingSource}): the planner then hides the dataset's keys
 *     absent from {@code sourceKeys} and from {@code files}
 * @param sourceKeys Parquet files (in the dataset's directory, not committed) holding every key the
 *     source held; empty when the source held none or no comparison ran
 */
public record CommitDraft(
        IngestRequest request,
        LakeSchema schema,
        LakeSchema fileSchema,
        List<String> schemaChanges,
        List<NewDataFile> files,
        Lineage lineage,
        Map<String, String> properties,
        boolean keysCompared,
        List<NewDataFile> sourceKeys) {

    public CommitDraft {
        schemaChanges = List.copyOf(schemaChanges);
        files = List.copyOf(files);
        properties = Map.copyOf(properties);
        sourceKeys = List.copyOf(sourceKeys);
    }

    /** A draft without a key comparison. */
    public CommitDraft(
            IngestRequest request,
            LakeSchema schema,
            LakeSchema fileSchema,
            List<String> schemaChanges,
            List<NewDataFile> files,
            Lineage lineage,
            Map<String, String> properties) {
        this(request, schema, fileSchema, schemaChanges, files, lineage, properties, false, List.of());
    }
}
