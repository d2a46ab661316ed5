package io.lakehub.app.config;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to read the sources of one dataset, {@code lakehub.datasets.<dataset>.*}: applied to every
 * ingest into that dataset, whether it comes from the inbox, the CLI, the HTTP API or a {@code
 * lakehub:} endpoint. Anything set here wins over detection; a format given with the ingest itself
 * (e.g. {@code --format}) wins over this.
 */
public class DatasetReadProperties {

    /** Source format: csv, json, ndjson, parquet or text. Empty: detected from the file name, then its content. */
    private String format = "";

    /** CSV field separator, one character (e.g. {@code ;} or {@code \t}). Empty: detected among , ; tab |. */
    private String delimiter = "";

    /**
     * CSV quote character, one character. Empty: detected ({@code "}, {@code '} or no quoting; see
     * docs/reading-files.md).
     */
    private String quote = "";

    /**
     * Character set of text sources, e.g. {@code ISO-8859-1}. Empty: from the BOM, else UTF-8 when
     * the bytes are UTF-8, else detected (refused when the detection is not confident).
     */
    private String charset = "";

    /** Whether CSV files start with a header row. Unset: detected. */
    private Boolean header;

    /**
     * Column types that bypass inference, column name to type (boolean, int, bigint, double,
     * decimal(p,s), date, time, timestamp, timestamp_ntz, uuid, string, json, binary, list&lt;type&gt;),
     * e.g. {@code lakehub.datasets.people.types.zip=string} or {@code ...types.amount=decimal(12,2)}.
     * A bare {@code decimal} means double. A reader may only widen: a type its values cannot be read
     * as is refused naming the file and column.
     */
    private Map<String, String> types = new LinkedHashMap<>();

    /**
     * Key columns that make this an upsert dataset (merge-on-read, see docs/adr/0009): every ingest
     * into it that does not choose a mode itself (inbox files, {@code ./lakehub ingest} without
     * {@code --mode}, HTTP, a pipeline without {@code mode:}) replaces earlier rows with the same key,
     * e.g. {@code lakehub.datasets.orders.key=id}. Empty: such ingests append.
     */
    private java.util.List<String> key = new java.util.ArrayList<>();

    /**
     * What to do with rows a reader cannot read (a CSV row with the wrong number of fields, an NDJSON
     * line that is not an object): {@code fail} (the file is refused, nothing written), {@code skip}
     * (left out and counted) or {@code rejects} (kept in the dataset {@code <dataset>__rejects} with
     * the file, line, reason and raw line). An ingest's own setting (a pipeline's {@code on_bad_rows},
     * {@code --on-bad-rows}) wins. Empty: rejects.
     */
    private String onBadRows = "";

    /**
     * The most bad rows a file may have with skip or rejects: a percentage of its rows ({@code 1%}) or
     * a number of rows ({@code 100}); a file with more is refused and nothing of it is written.
     * Empty: 1%.
     */
    private String maxBadRows = "";

    public String getOnBadRows() {
        return onBadRows;
    }

    public void setOnBadRows(String onBadRows) {
        this.onBadRows = onBadRows == null ? "" : onBadRows;
    }

    public String getMaxBadRows() {
        return maxBadRows;
    }

    public void setMaxBadRows(String maxBadRows) {
        this.maxBadRows = maxBadRows == null ? "" : maxBadRows;
    }

    /**
     * The bad-row settings, checked; {@code null} when neither is set.
     *
     * @param key the property prefix, e.g. {@code lakehub.datasets.orders}, named in errors
     * @throws IllegalArgumentException naming the key and the accepted values
     */
    public BadRowPolicy toBadRowPolicy(String key) {
        if (onBadRows.isBlank() && maxBadRows.isBlank()) {
            return null;
        }
        BadRowPolicy.Action action = null;
        if (!onBadRows.isBlank()) {
            try {
                action = BadRowPolicy.Action.parse(onBadRows);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ".on-bad-rows: " + e.getMessage(), e);
            }
        }
        BadRowPolicy.Limit limit = null;
        if (!maxBadRows.isBlank()) {
            try {
                limit = BadRowPolicy.Limit.parse(maxBadRows);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ".max-bad-rows: " + e.getMessage(), e);
            }
        }
        return new BadRowPolicy(action, limit);
    }

    public java.util.List<String> getKey() {
        return key;
    }

    public void setKey(java.util.List<String> key) {
        this.key = key == null ? new java.util.ArrayList<>() : key;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format == null ? "" : format;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter == null ? "" : delimiter;
    }

    public String getQuote() {
        return quote;
    }

    public void setQuote(String quote) {
        this.quote = quote == null ? "" : quote;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset == null ? "" : charset;
    }

    public Boolean getHeader() {
        return header;
    }

    public void setHeader(Boolean header) {
        this.header = header;
    }

    public Map<String, String> getTypes() {
        return types;
    }

    public void setTypes(Map<String, String> types) {
        this.types = types == null ? new LinkedHashMap<>() : types;
    }

    /**
     * These settings as read options, every value checked.
     *
     * @param key the property prefix, e.g. {@code lakehub.datasets.people}, named in errors
     * @throws IllegalArgumentException naming the key and the accepted values
     */
    public ReadOptions toReadOptions(String key) {
        Format f = null;
        if (!format.isBlank()) {
            try {
                f = Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ".format: " + e.getMessage(), e);
            }
        }
        Charset cs = null;
        if (!charset.isBlank()) {
            try {
                cs = Charset.forName(charset.trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IllegalArgumentException(
                        key + ".charset: '" + charset
                                + "' is not a character set this JVM knows (e.g. UTF-8, ISO-8859-1)",
                        e);
            }
        }
        Map<String, LakeType> overrides = new LinkedHashMap<>();
        Map<String, LakeField> parameters = new LinkedHashMap<>();
        types.forEach((column, type) -> {
            try {
                LakeField field = LakeField.parse(column, type);
                overrides.put(column, field.type());
                if (field.type().parameterised()) {
                    parameters.put(column, field);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ".types." + column + ": " + e.getMessage(), e);
            }
        });
        return new ReadOptions(
                f,
                singleChar(key + ".delimiter", delimiter),
                singleChar(key + ".quote", quote),
                cs,
                header,
                overrides,
                0,
                parameters);
    }

    private static Character singleChar(String key, String value) {
        if (value.isEmpty()) {
            return null;
        }
        String v = value.equals("\\t") || value.toLowerCase(Locale.ROOT).equals("tab") ? "\t" : value;
        if (v.length() != 1) {
            throw new IllegalArgumentException(key + ": '" + value + "' must be exactly one character (or \\t)");
        }
        return v.charAt(0);
    }

    @Override
    public String toString() {
        return "DatasetReadProperties[format=" + format + ", delimiter=" + delimiter + ", quote=" + quote + ", charset="
                + charset + ", header=" + header + ", types=" + types + ", onBadRows=" + onBadRows + ", maxBadRows="
                + maxBadRows + "]";
    }
}
