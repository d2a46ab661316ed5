package io.lakehub.processors.read;

import java.util.Objects;

/**
 * A row a reader could not read (wrong number of fields, broken quoting, a malformed JSON record,
 * a value that does not fit a configured type), handed to a {@link BadRowHandler} instead of
 * failing the whole source.
 *
 * @param source the file as error messages name it
 * @param line 1-based line (CSV, text, NDJSON) or record number (JSON array) where the row starts
 * @param reason what is wrong, naming the column where known, never quoting the value
 * @param raw the row's raw text as read (decoded), cut to {@link #MAX_RAW_CHARS} characters;
 *     may be empty when the format has no line for it
 */
public record BadRow(String source, long line, String reason, String raw) {

    /** The longest raw text kept for one bad row; longer rows are cut and marked with "…". */
    public static final int MAX_RAW_CHARS = 64 * 1024;

    public BadRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        raw = raw == null ? "" : raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw;
    }
}
