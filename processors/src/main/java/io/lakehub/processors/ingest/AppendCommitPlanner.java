package io.lakehub.processors.ingest;

import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;

/** {@link CommitPlanner#append()}: one {@code APPEND} snapshot per ingest; upserts refused. */
final class AppendCommitPlanner implements CommitPlanner {
    static final AppendCommitPlanner INSTANCE = new AppendCommitPlanner();

    private AppendCommitPlanner() {}

    @Override
    public void check(IngestRequest request, LakeSchema output) {
        if (request.mode() != IngestMode.APPEND) {
            throw new IngestRefusedException(
                    "mode " + request.mode().configName() + " (key " + String.join(", ", request.key())
                            + ") into dataset '" + request.dataset() + "' is not supported by this hub: it"
                            + " only appends. Nothing was written.",
                    null);
        }
    }

    @Override
    public CommitRequest commitRequest(CommitDraft draft) {
        IngestRequest request = draft.request();
        return new CommitRequest(
                        request.dataset(),
                        CommitRequest.Operation.APPEND,
                        draft.schema(),
                        draft.schemaChanges(),
                        draft.files(),
                        List.of(),
                        draft.lineage(),
                        draft.properties(),
                        request.actor())
                .withWidenToString(request.widenToString());
    }
}
