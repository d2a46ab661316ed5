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
 * Maps {@link LakeType} to the Arrow vector each batch column uses:
 *
 * <pre>
 * BOOLEAN   BitVector            DATE      DateDayVector
 * INT       IntVector            TIMESTAMP TimeStampMicroTZVector ("UTC")
 * BIGINT    BigIntVector         STRING    VarCharVector
 * DOUBLE    Float8Vector         JSON      VarCharVector (field metadata lakehub.type=json)
 * BINARY    VarBinaryVector
 * </pre>
 */
public final class ArrowSchemas {
    /** Field metadata key carrying the LakeType where the Arrow type alone is ambiguous (JSON). */
    public static final String TYPE_METADATA = "lakehub.type";

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
        return new Field(field.name(), new FieldType(field.nullable(), arrowType(field.type()), null, metadata), null);
    }

    public static ArrowType arrowType(LakeType type) {
        return switch (type) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            case STRING, JSON -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
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
        } else if (t instanceof ArrowType.Date) {
            return LakeType.DATE;
        } else if (t instanceof ArrowType.Timestamp) {
            return LakeType.TIMESTAMP;
        } else if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
            return LakeType.STRING;
        } else if (t instanceof ArrowType.Binary || t instanceof ArrowType.LargeBinary) {
            return LakeType.BINARY;
        }
        throw new IllegalArgumentException(
                "Column '" + field.getName() + "' has Arrow type " + t + ", which the lake cannot store");
    }

    public static LakeSchema toLake(Schema schema) {
        List<LakeField> fields = new ArrayList<>();
        for (Field f : schema.getFields()) {
            fields.add(new LakeField(f.getName(), lakeType(f), f.isNullable()));
        }
        return new LakeSchema(fields);
    }
}
