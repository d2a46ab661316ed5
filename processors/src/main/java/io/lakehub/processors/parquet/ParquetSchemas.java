package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.Map;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a lake schema. Every column is {@code optional} (nullable), whatever the
 * dataset declares, so that a later schema version can add or relax columns without rewriting files:
 *
 * <pre>
 * BOOLEAN          boolean
 * INT              int32
 * BIGINT           int64
 * DOUBLE           double
 * DECIMAL(p,s)     int32 (p ≤ 9), int64 (p ≤ 18), else fixed_len_byte_array(n) — DECIMAL(p,s),
 *                  n the fewest bytes holding p digits (16 for p = 38)
 * DATE             int32 (DATE)
 * TIME             int64 (TIME(MICROS, isAdjustedToUTC=false))
 * TIMESTAMP        int64 (TIMESTAMP(MICROS, isAdjustedToUTC=true))
 * LOCAL_TIMESTAMP  int64 (TIMESTAMP(MICROS, isAdjustedToUTC=false))
 * UUID             fixed_len_byte_array(16) (UUID)
 * STRING           binary (STRING)
 * JSON             binary (JSON)
 * BINARY           binary
 * LIST             the standard three-level list: optional group name (LIST) { repeated group list
 *                  { optional element; } }, the element typed as above
 * </pre>
 *
 * <p>Each lake column is exactly one Parquet leaf column, in schema order. Columns carry the dataset's
 * stable field ids ({@link FieldIds}) when given, so that Iceberg readers map them by id.
 */
public final class ParquetSchemas {
    static final String MESSAGE_NAME = "lakehub";

    /** Name of a list's repeated group, per the Parquet spec's three-level list. */
    static final String LIST_GROUP = "list";

    private ParquetSchemas() {}

    public static MessageType toParquet(LakeSchema schema) {
        return toParquet(schema, Map.of());
    }

    /**
     * The Parquet schema carrying field ids (ADR 0039): each column whose {@link LakeSchema#key key}
     * has an id in {@code fieldIds} gets it, a list's element {@link FieldIds#elementId}; a column
     * without one (the hidden upsert columns) gets none.
     */
    public static MessageType toParquet(LakeSchema schema, Map<String, Integer> fieldIds) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (LakeField f : schema.fields()) {
            b.addField(column(f, fieldIds.get(LakeSchema.key(f.name()))));
        }
        return b.named(MESSAGE_NAME);
    }

    /** The dotted path of a column's leaf (what Parquet's per-column properties name). */
    static String leafPath(LakeField f) {
        return f.type() == LakeType.LIST ? f.name() + "." + LIST_GROUP + "." + LakeField.ELEMENT_NAME : f.name();
    }

    private static Type column(LakeField f, Integer id) {
        if (f.type() != LakeType.LIST) {
            return primitive(f, f.name(), id);
        }
        Types.GroupBuilder<GroupType> list = Types.optionalGroup().as(LogicalTypeAnnotation.listType());
        if (id != null) {
            list = list.id(id);
        }
        return list.addField(Types.repeatedGroup()
                        .addField(primitive(
                                f.element(), LakeField.ELEMENT_NAME, id == null ? null : FieldIds.elementId(id)))
                        .named(LIST_GROUP))
                .named(f.name());
    }

    private static Type primitive(LakeField f, String name, Integer id) {
        Type t = primitive(f, name);
        return id == null ? t : t.withId(id);
    }

    private static Type primitive(LakeField f, String name) {
        Repetition optional = Repetition.OPTIONAL;
        return switch (f.type()) {
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, optional).named(name);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, optional).named(name);
            case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, optional).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, optional).named(name);
            case DECIMAL -> {
                LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(f.scale(), f.precision());
                if (f.precision() <= ParquetDecimals.MAX_INT32_PRECISION) {
                    yield Types.primitive(PrimitiveTypeName.INT32, optional)
                            .as(decimal)
                            .named(name);
                } else if (f.precision() <= ParquetDecimals.MAX_INT64_PRECISION) {
                    yield Types.primitive(PrimitiveTypeName.INT64, optional)
                            .as(decimal)
                            .named(name);
                }
                yield Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, optional)
                        .length(ParquetDecimals.fixedLength(f.precision()))
                        .as(decimal)
                        .named(name);
            }
            case DATE ->
                Types.primitive(PrimitiveTypeName.INT32, optional)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(name);
            case TIME ->
                Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(name);
            case TIMESTAMP ->
                Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(name);
            case LOCAL_TIMESTAMP ->
                Types.primitive(PrimitiveTypeName.INT64, optional)
                        .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(name);
            case UUID ->
                Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, optional)
                        .length(16)
                        .as(LogicalTypeAnnotation.uuidType())
                        .named(name);
            case STRING ->
                Types.primitive(PrimitiveTypeName.BINARY, optional)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
            case JSON ->
                Types.primitive(PrimitiveTypeName.BINARY, optional)
                        .as(LogicalTypeAnnotation.jsonType())
                        .named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, optional).named(name);
            case LIST -> throw new IllegalArgumentException("Column '" + f.name() + "': a list cannot be an element");
        };
    }
}
