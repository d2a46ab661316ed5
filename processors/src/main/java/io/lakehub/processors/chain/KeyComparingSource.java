package io.lakehub.processors.chain;

import java.util.Optional;

/**
 * A {@link BatchSource} that can, now and then, list every key it holds, so that an upsert dataset
 * fed by it learns of keys deleted in the source (a database table that deletes rows physically).
 * The ingest asks {@link #keyComparison()} after it read the source's rows, so that a key read as a
 * row is also listed (unless deleted in between, which the next comparison catches).
 */
public interface KeyComparingSource extends BatchSource {

    /**
     * The comparison when one is due on this run, else empty. Asked once per run, after the rows
     * were read; the returned source is opened, drained and closed by the caller.
     */
    Optional<KeyComparison> keyComparison();
}
