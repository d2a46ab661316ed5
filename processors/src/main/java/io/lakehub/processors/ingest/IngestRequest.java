package io.lakehub.processors.ingest;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.read.ReadOptions;
import java.nio.file.Path;

/**
 * One file into one dataset.
 *
 * @param sourceSystem {@code inbox}, {@code cli}, {@code http}, ...
 * @param sourceUri what lineage records as the source (defaults to the file path); credentials
 *     are redacted before storing
 * @param pipeline pipeline id or {@code null}
 * @param actor who asked, for the audit journal
 * @param widenToString allow incompatible type changes to widen the dataset column to string
 */
public record IngestRequest(
        DatasetName dataset,
        Path file,
        ReadOptions options,
        String sourceSystem,
        String sourceUri,
        String pipeline,
        String actor,
        boolean widenToString) {

    public static IngestRequest of(
            DatasetName dataset, Path file, ReadOptions options, String sourceSystem, String actor) {
        return new IngestRequest(dataset, file, options, sourceSystem, file.toString(), null, actor, false);
    }
}
