package io.lakehub.processors.read;

import java.util.Locale;

/** Source formats the hub reads. */
public enum Format {
    CSV,
    /** A JSON array of objects. */
    JSON,
    /** One JSON object per line. */
    NDJSON,
    PARQUET,
    /** Plain text or Markdown: one row per file with columns {@code path} and {@code text}. */
    TEXT;

    /** Parses a CLI/config value ({@code csv}, {@code json}, {@code ndjson}, {@code jsonl}, {@code parquet}, {@code text}, {@code md}). */
    public static Format parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "csv", "tsv" -> CSV;
            case "json" -> JSON;
            case "ndjson", "jsonl" -> NDJSON;
            case "parquet" -> PARQUET;
            case "text", "txt", "md", "markdown" -> TEXT;
            default ->
                throw new IllegalArgumentException(
                        "Unknown format '" + value + "'; expected one of csv, json, ndjson, parquet, text");
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
