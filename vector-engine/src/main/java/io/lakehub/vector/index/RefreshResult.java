package io.lakehub.vector.index;

import java.time.Duration;

/**
 * What a refresh did.
 *
 * @param rows rows in the source
 * @param addedRows rows new to the index
 * @param changedRows rows whose text changed
 * @param removedRows rows gone from the source (their vectors removed)
 * @param chunks chunks in the index afterwards
 * @param embeddedChunks chunks sent to the provider (new or changed content only; not those a refresh that did
 *     not finish had already embedded, which come from its journal)
 * @param graphRebuilt whether a new graph was built and written
 * @param upToDate true when the signature matched and the rows were not even read
 * @param elapsed the wall time of the refresh
 */
public record RefreshResult(
        int rows,
        int addedRows,
        int changedRows,
        int removedRows,
        int chunks,
        int embeddedChunks,
        boolean graphRebuilt,
        boolean upToDate,
        Duration elapsed) {}
