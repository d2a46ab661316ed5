package io.lakehub.processors.batch;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps {@link LakeField} to the Arrow vector each batch column uses:
 *
 * <pre>
 * BOOLEAN         BitVector               DATE       DateDayVector (days since 1970-01-01)
 * INT             IntVector               TIME       TimeMicroVector (micros since midnight)
 * BIGINT          BigIntVector            TIMESTAMP  TimeStampMicroTZVector ("UTC"; micros since epoch)
 * DOUBLE          Float8Vector            LOCAL_TIMESTAMP TimeStampMicroVector (no zone; wall-clock micros)
 * DECIMAL(p,s)    DecimalVector (128 bit, precision p, scale s; unscaled value)
 * UUID            FixedSizeBinaryVector (16 bytes, big-endian, as UUID's most then least significant bits)
 * STRING          VarCharVector           JSON       VarCharVector
 * BINARY          VarBinaryVector
 * LIST            ListVector, its data vector the element's vector from this table (child "element")
 * </pre>
 *
 * <p>Every field carries metadata {@value #TYPE_METADATA} = the {@link LakeType} name, which settles
 * what the Arrow type alone leaves ambiguous (JSON vs STRING, UUID vs other fixed-size binary).
 */
public final class ArrowSchemas {
    /** Field metadata key carrying the LakeType where the Arrow type alone is ambiguous (JSON, UUID). */
    public static final String TYPE_METADATA = "lakehub.type";

    /** Bytes of a UUID value. */
    public static final int UUID_BYTES = 16;

    private ArrowSchemas() {}

    public static Schema toArrow(LakeSchema schema) {
        List<Field> fields = new ArrayList<>(schema.size());
        for (LakeField f : schema.fields()) {
            fields.add(toArrow(f));
        }
        return new Schema(fields);
    }

    public static Field toArrow(LakeField field) {
        Map<String, String> metadata = Map.of(TYPE_METADATA, field.type().name());
        List<Field> children = field.type() == LakeType.LIST ? List.of(toArrow(field.element())) : null;
        return new Field(field.name(), new FieldType(field.nullable(), arrowType(field), null, metadata), children);
    }

    /** The Arrow type of a column, parameters included (a LIST's element is its child field). */
    public static ArrowType arrowType(LakeField field) {
        return switch (field.type()) {
            case DECIMAL -> new ArrowType.Decimal(field.precision(), field.scale(), 128);
            case LIST -> ArrowType.List.INSTANCE;
            default -> arrowType(field.type());
        };
    }

    /**
     * The Arrow type of a parameter-free column type.
     *
     * @throws IllegalArgumentException for DECIMAL and LIST, whose Arrow type is {@link #arrowType(LakeField)}
     */
    public static ArrowType arrowType(LakeType type) {
        return switch (type) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case LOCAL_TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case UUID -> new ArrowType.FixedSizeBinary(UUID_BYTES);
            case STRING, JSON -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
            case DECIMAL, LIST ->
                throw new IllegalArgumentException("The Arrow type of a " + type.displayName()
                        + " column depends on its parameters; use arrowType(LakeField)");
        };
    }

    /** The LakeType of a batch column, from its metadata or, failing that, its Arrow type. */
    public static LakeType lakeType(Field field) {
        String declared =
                field.getMetadata() == null ? null : field.getMetadata().get(TYPE_METADATA);
        if (declared != null) {
            return LakeType.valueOf(declared);
        }
        ArrowType t = field.getType();
        if (t instanceof ArrowType.Bool) {
            return LakeType.BOOLEAN;
        } else if (t instanceof ArrowType.Int i) {
            return i.getBitWidth() <= 32 ? LakeType.INT : LakeType.BIGINT;
        } else if (t instanceof ArrowType.FloatingPoint) {
            return LakeType.DOUBLE;
        } else if (t instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
            return LakeType.DECIMAL;
        } else if (t instanceof ArrowType.Date) {
            return LakeType.DATE;
        } else if (t instanceof ArrowType.Time time && time.getUnit() == TimeUnit.MICROSECOND) {
            return LakeType.TIME;
        } else if (t instanceof ArrowType.Timestamp ts) {
            return ts.getTimezone() == null ? LakeType.LOCAL_TIMESTAMP : LakeType.TIMESTAMP;
        } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
            return LakeType.STRING;
        } else if (t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary) {
            return LakeType.BINARY;
        } else if (t instanceof ArrowType.List) {
            return LakeType.LIST;
        }
        throw new IllegalArgumentException(
                "Column '" + field.getName() + "' has Arrow type " + t + ", which the lake cannot store");
    }

    /** The lake column of a batch column, parameters included. */
    public static LakeField lakeField(Field field) {
        LakeType type = lakeType(field);
        return switch (type) {
            case DECIMAL -> {
                if (!(field.getType() instanceof ArrowType.Decimal d)) {
                    throw new IllegalArgumentException("Column '" + field.getName() + "' is declared decimal but has"
                            + " Arrow type " + field.getType());
                }
                yield new LakeField(field.getName(), type, field.isNullable(), d.getPrecision(), d.getScale(), null);
            }
            case LIST -> {
                if (field.getChildren() == null || field.getChildren().size() != 1) {
                    throw new IllegalArgumentException(
                            "Column '" + field.getName() + "' is a list without exactly one element field");
                }
                yield new LakeField(
                        field.getName(),
                        type,
                        field.isNullable(),
                        0,
                        0,
                        lakeField(field.getChildren().get(0)).withName(LakeField.ELEMENT_NAME));
            }
            default -> new LakeField(field.getName(), type, field.isNullable());
        };
    }

    public static LakeSchema toLake(Schema schema) {
        List<LakeField> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            fields.add(lakeField(f));
        }
        return new LakeSchema(fields);
    }
}
