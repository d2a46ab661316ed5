package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeType;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a source. Every field may be left {@code null} to let the reader detect it.
 *
 * @param format {@code null}: detect from the file name, then from the first bytes
 * @param delimiter CSV field separator; {@code null}: detect among , ; tab |
 * @param quote CSV quote character; {@code null}: '"'
 * @param charset {@code null}: BOM, else UTF-8 (refused with the line if bytes do not decode)
 * @param header CSV header row present? {@code null}: detect
 * @param typeOverrides column name to type, bypassing inference for that column
 * @param batchRows rows per Arrow batch; {@code 0}: the reader's default
 */
public record ReadOptions(
        Format format,
        Character delimiter,
        Character quote,
        Charset charset,
        Boolean header,
        Map<String, LakeType> typeOverrides,
        int batchRows) {

    public ReadOptions {
        typeOverrides = typeOverrides == null ? Map.of() : Map.copyOf(typeOverrides);
    }

    public static ReadOptions detect() {
        return new ReadOptions(null, null, null, null, null, Map.of(), 0);
    }

    public ReadOptions withFormat(Format f) {
        return new ReadOptions(f, delimiter, quote, charset, header, typeOverrides, batchRows);
    }

    public ReadOptions withBatchRows(int rows) {
        return new ReadOptions(format, delimiter, quote, charset, header, typeOverrides, rows);
    }

    public ReadOptions withTypeOverrides(Map<String, LakeType> overrides) {
        return new ReadOptions(format, delimiter, quote, charset, header, overrides, batchRows);
    }

    /**
     * These options, with every field left unset taken from {@code defaults} (e.g. a dataset's
     * configured settings under a request's own): type overrides are combined, this one's winning
     * for the same column.
     */
    public ReadOptions orElse(ReadOptions defaults) {
        Map<String, LakeType> overrides = new LinkedHashMap<>(defaults.typeOverrides());
        overrides.putAll(typeOverrides);
        return new ReadOptions(
                format != null ? format : defaults.format(),
                delimiter != null ? delimiter : defaults.delimiter(),
                quote != null ? quote : defaults.quote(),
                charset != null ? charset : defaults.charset(),
                header != null ? header : defaults.header(),
                overrides,
                batchRows != 0 ? batchRows : defaults.batchRows());
    }
}
