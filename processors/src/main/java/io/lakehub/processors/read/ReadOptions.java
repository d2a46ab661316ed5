package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a source. Every field may be left {@code null} to let the reader detect it.
 *
 * @param format {@code null}: detect from the file name, then from the first bytes
 * @param delimiter CSV field separator; {@code null}: detect among , ; tab |
 * @param quote CSV quote character; {@code null}: detect ({@code "}, {@code '} or none)
 * @param charset {@code null}: BOM, else UTF-8 when the bytes are UTF-8, else detected (CSV and
 *     text; see the readers)
 * @param header CSV header row present? {@code null}: detect
 * @param typeOverrides column name to type, bypassing inference for that column
 * @param batchRows rows per Arrow batch; {@code 0}: the reader's default
 * @param typeParameters column name to the full type of an override whose type has parameters
 *     ({@code decimal(10,2)}, {@code list<int>}); only for columns whose {@code typeOverrides} entry
 *     is that type (others are dropped). A DECIMAL or LIST override without an entry here is refused
 *     by the reader rather than guessed.
 */
public record ReadOptions(
        Format format,
        Character delimiter,
        Character quote,
        Charset charset,
        Boolean header,
        Map<String, LakeType> typeOverrides,
        int batchRows,
        Map<String, LakeField> typeParameters) {

    public ReadOptions {
        typeOverrides = typeOverrides == null ? Map.of() : Map.copyOf(typeOverrides);
        Map<String, LakeField> kept = new LinkedHashMap<>();
        if (typeParameters != null) {
            Map<String, LakeType> overrides = typeOverrides;
            typeParameters.forEach((column, field) -> {
                if (field.type() == overrides.get(column)) {
                    kept.put(column, field);
                }
            });
        }
        typeParameters = Map.copyOf(kept);
    }

    /** Options without parameterised type overrides. */
    public ReadOptions(
            Format format,
            Character delimiter,
            Character quote,
            Charset charset,
            Boolean header,
            Map<String, LakeType> typeOverrides,
            int batchRows) {
        this(format, delimiter, quote, charset, header, typeOverrides, batchRows, Map.of());
    }

    public static ReadOptions detect() {
        return new ReadOptions(null, null, null, null, null, Map.of(), 0);
    }

    /**
     * Options whose type overrides are {@code overrides}, full types (parameters included): e.g.
     * {@code amount -> decimal(12,2)}.
     */
    public static ReadOptions withTypes(Map<String, LakeField> overrides) {
        Map<String, LakeType> types = new LinkedHashMap<>();
        overrides.forEach((column, field) -> types.put(column, field.type()));
        return new ReadOptions(null, null, null, null, null, types, 0, overrides);
    }

    public ReadOptions withFormat(Format f) {
        return new ReadOptions(f, delimiter, quote, charset, header, typeOverrides, batchRows, typeParameters);
    }

    /** These options reading the source in {@code cs} rather than detecting its charset. */
    public ReadOptions withCharset(Charset cs) {
        return new ReadOptions(format, delimiter, quote, cs, header, typeOverrides, batchRows, typeParameters);
    }

    public ReadOptions withBatchRows(int rows) {
        return new ReadOptions(format, delimiter, quote, charset, header, typeOverrides, rows, typeParameters);
    }

    /** These options with other type overrides; parameters are kept for columns whose type stays. */
    public ReadOptions withTypeOverrides(Map<String, LakeType> overrides) {
        return new ReadOptions(format, delimiter, quote, charset, header, overrides, batchRows, typeParameters);
    }

    /**
     * These options, with every field left unset taken from {@code defaults} (e.g. a dataset's
     * configured settings under a request's own): type overrides are combined, this one's winning
     * for the same column (with its parameters).
     */
    public ReadOptions orElse(ReadOptions defaults) {
        Map<String, LakeType> overrides = new LinkedHashMap<>(defaults.typeOverrides());
        overrides.putAll(typeOverrides);
        Map<String, LakeField> parameters = new LinkedHashMap<>(defaults.typeParameters());
        typeOverrides.keySet().forEach(parameters::remove);
        parameters.putAll(typeParameters);
        return new ReadOptions(
                format != null ? format : defaults.format(),
                delimiter != null ? delimiter : defaults.delimiter(),
                quote != null ? quote : defaults.quote(),
                charset != null ? charset : defaults.charset(),
                header != null ? header : defaults.header(),
                overrides,
                batchRows != 0 ? batchRows : defaults.batchRows(),
                parameters);
    }

    /**
     * The full type a type override sets for {@code column} ({@code name} as the source spells it),
     * or {@code null} when there is none.
     *
     * @throws IllegalArgumentException for a DECIMAL or LIST override whose parameters are unknown
     */
    public LakeField typeOverride(String column, String name) {
        LakeType type = typeOverrides.get(column);
        if (type == null) {
            return null;
        }
        LakeField full = typeParameters.get(column);
        if (full != null) {
            return full.withName(name);
        }
        if (type.parameterised()) {
            throw new IllegalArgumentException("the type override for column '" + column + "' is "
                    + type.displayName() + " without its parameters; spell it out, e.g. decimal(12,2) or"
                    + " list<string>");
        }
        return LakeField.nullable(name, type);
    }
}
