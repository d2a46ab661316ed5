package io.lakehub.processors.read;

import java.nio.file.Path;

/** Detects a source's format from its name, then its first bytes. */
public final class FormatDetection {
    private FormatDetection() {}

    /**
     * {@code .csv/.tsv} CSV, {@code .json} JSON (or NDJSON when the content is one object per
     * line), {@code .ndjson/.jsonl} NDJSON, {@code .parquet} Parquet, {@code .txt/.md/.markdown}
     * text; otherwise sniffed ("PAR1" magic, '[' or '{', else CSV).
     */
    public static Format detect(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
