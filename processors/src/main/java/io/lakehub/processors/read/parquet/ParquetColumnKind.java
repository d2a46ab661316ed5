package io.lakehub.processors.read.parquet;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * How a Parquet field's values become lake values, decided from its physical and logical type:
 *
 * <pre>
 * BOOLEAN                              boolean
 * INT32, INT(8|16|32, signed), UINT8/16 int
 * UINT32, INT64, INT(64, signed)       bigint
 * UINT64                               double (exact up to 2^53)
 * FLOAT, DOUBLE, FLOAT16               double (a float as its shortest decimal: 0.1f is 0.1)
 * DECIMAL(p,s), p ≤ 38 (any physical)  decimal(p,s), exact
 * DECIMAL(p,s), p > 38                 double (nearest; exact digits are kept inside JSON text)
 * DATE                                 date
 * TIMESTAMP(MILLIS|MICROS|NANOS, UTC), timestamp (an instant; nanoseconds truncated)
 *   INT96
 * TIMESTAMP(..., not adjusted to UTC)  timestamp_ntz (wall-clock; nanoseconds truncated)
 * TIME(any unit)                       time (microseconds; nanoseconds truncated)
 * BINARY STRING/ENUM                   string (refused if not UTF-8)
 * FIXED UUID                           uuid
 * BINARY JSON                          json
 * other BINARY / FIXED (BSON, ...)     binary
 * LIST of a primitive element, or a    list&lt;element&gt; (the element typed as above; two- and
 *   repeated primitive field           three-level lists per the spec's compatibility rules)
 * other groups or repeated fields      json (lists of groups as arrays, maps and structs as objects)
 * </pre>
 */
enum ParquetColumnKind {
    BOOLEAN(LakeType.BOOLEAN),
    INT32(LakeType.INT),
    UINT32(LakeType.BIGINT),
    INT64(LakeType.BIGINT),
    UINT64(LakeType.DOUBLE),
    FLOAT(LakeType.DOUBLE),
    DOUBLE(LakeType.DOUBLE),
    FLOAT16(LakeType.DOUBLE),
    DECIMAL(LakeType.DECIMAL),
    WIDE_DECIMAL(LakeType.DOUBLE),
    DATE(LakeType.DATE),
    TIMESTAMP_MILLIS(LakeType.TIMESTAMP),
    TIMESTAMP_MICROS(LakeType.TIMESTAMP),
    TIMESTAMP_NANOS(LakeType.TIMESTAMP),
    LOCAL_TIMESTAMP_MILLIS(LakeType.LOCAL_TIMESTAMP),
    LOCAL_TIMESTAMP_MICROS(LakeType.LOCAL_TIMESTAMP),
    LOCAL_TIMESTAMP_NANOS(LakeType.LOCAL_TIMESTAMP),
    INT96(LakeType.TIMESTAMP),
    TIME_MILLIS(LakeType.TIME),
    TIME_MICROS(LakeType.TIME),
    TIME_NANOS(LakeType.TIME),
    STRING(LakeType.STRING),
    UUID(LakeType.UUID),
    JSON(LakeType.JSON),
    BINARY(LakeType.BINARY),
    LIST(LakeType.LIST),
    NESTED(LakeType.JSON);

    /** Julian day number of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private final LakeType lakeType;

    ParquetColumnKind(LakeType lakeType) {
        this.lakeType = lakeType;
    }

    LakeType lakeType() {
        return lakeType;
    }

    /**
     * The logical type of a top-level field that this reader does not interpret (its values are
     * read as the physical type: bytes, numbers, or JSON for a group), as a short name for a
     * warning; {@code null} when the field has none or one that is interpreted.
     */
    static String uninterpretedAnnotation(Type field) {
        LogicalTypeAnnotation a = field.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.GeometryLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.GeographyLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.VariantLogicalTypeAnnotation) {
            return a.toString();
        }
        if (field.isPrimitive()
                && (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation)
                && ofPrimitive(field.asPrimitiveType()) == BINARY) {
            return a + " of the wrong length";
        }
        return null;
    }

    /** The kind of a field as it appears in its parent group. */
    static ParquetColumnKind of(Type field) {
        if (listElement(field) != null) {
            return LIST;
        }
        if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            return NESTED;
        }
        return ofPrimitive(field.asPrimitiveType());
    }

    /**
     * The element of a field that is a list of primitive values, or {@code null}: a repeated
     * primitive field (its values, never null), or a LIST-annotated group whose single repeated
     * child is either the primitive element itself (two-level) or a group wrapping one primitive
     * element field (three-level), per the Parquet spec's backward-compatibility rules.
     */
    static PrimitiveType listElement(Type field) {
        if (field.isPrimitive()) {
            return field.isRepetition(Type.Repetition.REPEATED) && ofPrimitive(field.asPrimitiveType()) != NESTED
                    ? field.asPrimitiveType()
                    : null;
        }
        GroupType group = field.asGroupType();
        if (group.isRepetition(Type.Repetition.REPEATED)
                || !(group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
                || group.getFieldCount() != 1
                || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return null;
        }
        Type repeated = group.getType(0);
        Type element;
        if (repeated.isPrimitive()) {
            element = repeated;
        } else if (threeLevel(repeated.asGroupType(), group.getName())) {
            element = repeated.asGroupType().getType(0);
        } else {
            return null;
        }
        // A two-level list's element is the repeated field itself; a three-level list's may not repeat.
        if (!element.isPrimitive() || (element != repeated && element.isRepetition(Type.Repetition.REPEATED))) {
            return null;
        }
        return element.asPrimitiveType();
    }

    /** Whether a list's repeated group wraps the element (three-level) rather than being it. */
    static boolean threeLevel(GroupType repeated, String listName) {
        return repeated.getFieldCount() == 1
                && !repeated.getName().equals("array")
                && !repeated.getName().equals(listName + "_tuple");
    }

    /** The kind of one value of a primitive type, ignoring its repetition. */
    static ParquetColumnKind ofPrimitive(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return d.getPrecision() >= 1
                            && d.getPrecision() <= LakeField.MAX_DECIMAL_PRECISION
                            && d.getScale() >= 0
                            && d.getScale() <= d.getPrecision()
                    ? DECIMAL
                    : WIDE_DECIMAL;
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> BOOLEAN;
            case INT32 -> {
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield DATE;
                } else if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    yield TIME_MILLIS;
                } else if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                        && !i.isSigned()
                        && i.getBitWidth() == 32) {
                    yield UINT32;
                }
                yield INT32;
            }
            case INT64 -> {
                if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                    if (!t.isAdjustedToUTC()) {
                        yield switch (t.getUnit()) {
                            case MILLIS -> LOCAL_TIMESTAMP_MILLIS;
                            case MICROS -> LOCAL_TIMESTAMP_MICROS;
                            case NANOS -> LOCAL_TIMESTAMP_NANOS;
                        };
                    }
                    yield switch (t.getUnit()) {
                        case MILLIS -> TIMESTAMP_MILLIS;
                        case MICROS -> TIMESTAMP_MICROS;
                        case NANOS -> TIMESTAMP_NANOS;
                    };
                } else if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
                    yield t.getUnit() == LogicalTypeAnnotation.TimeUnit.NANOS ? TIME_NANOS : TIME_MICROS;
                } else if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield UINT64;
                }
                yield INT64;
            }
            case INT96 -> INT96;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case BINARY -> {
                if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    yield STRING;
                } else if (a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield JSON;
                }
                yield BINARY;
            }
            case FIXED_LEN_BYTE_ARRAY -> {
                if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation && p.getTypeLength() == 16) {
                    yield UUID;
                } else if (a instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation && p.getTypeLength() == 2) {
                    yield FLOAT16;
                }
                yield BINARY;
            }
        };
    }

    // ---- value conversions shared by top-level columns and JSON rendering

    static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : new BigInteger(Long.toUnsignedString(v)).doubleValue();
    }

    /** A float's shortest decimal as a double: 0.1f reads as 0.1, not 0.10000000149011612. */
    static double floatToDouble(float f) {
        return Float.isFinite(f) ? Double.parseDouble(Float.toString(f)) : (double) f;
    }

    static float float16(Binary b) {
        byte[] bytes = b.getBytes();
        return Float.float16ToFloat((short) ((bytes[0] & 0xFF) | (bytes[1] << 8)));
    }

    static BigDecimal decimal(PrimitiveType p, long unscaled) {
        return BigDecimal.valueOf(unscaled, scale(p));
    }

    static BigDecimal decimal(PrimitiveType p, Binary unscaled) {
        return new BigDecimal(new BigInteger(unscaled.getBytes()), scale(p));
    }

    private static int scale(PrimitiveType p) {
        return ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) p.getLogicalTypeAnnotation()).getScale();
    }

    /** INT96 (Impala/Spark legacy): nanoseconds of the day, then the Julian day, little-endian. */
    static long int96Micros(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        long julianDay = Integer.toUnsignedLong(buf.getInt());
        return (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000L + Math.floorDiv(nanosOfDay, 1000L);
    }

    static long timestampMicros(ParquetColumnKind kind, long v) {
        return switch (kind) {
            case TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MILLIS -> Math.multiplyExact(v, 1000L);
            case TIMESTAMP_MICROS, LOCAL_TIMESTAMP_MICROS -> v;
            case TIMESTAMP_NANOS, LOCAL_TIMESTAMP_NANOS -> Math.floorDiv(v, 1000L);
            default -> throw new IllegalArgumentException(kind + " is not a timestamp");
        };
    }

    /** Microseconds since midnight (24:00:00, legal in Parquet, is 86,400,000,000). */
    static long timeMicros(ParquetColumnKind kind, long v) {
        return switch (kind) {
            case TIME_MILLIS -> v * 1000L;
            case TIME_MICROS -> v;
            case TIME_NANOS -> Math.floorDiv(v, 1000L);
            default -> throw new IllegalArgumentException(kind + " is not a time");
        };
    }

    static java.util.UUID uuid(Binary b) {
        ByteBuffer buf = b.toByteBuffer();
        return new java.util.UUID(buf.getLong(), buf.getLong());
    }

    /**
     * One primitive value as the lake holds it: Boolean, Integer (int, date as epoch day), Long
     * (bigint; time, timestamp and timestamp_ntz as micros), Double, BigDecimal (decimal), UUID,
     * byte[] (string and json as checked UTF-8, binary).
     *
     * @throws CharacterCodingException for text that is not UTF-8
     */
    static Object value(ParquetColumnKind kind, PrimitiveType type, Group g, int field, int index)
            throws CharacterCodingException {
        return switch (kind) {
            case BOOLEAN -> g.getBoolean(field, index);
            case INT32 -> g.getInteger(field, index);
            case UINT32 -> Integer.toUnsignedLong(g.getInteger(field, index));
            case INT64 -> g.getLong(field, index);
            case UINT64 -> unsignedToDouble(g.getLong(field, index));
            case FLOAT -> floatToDouble(g.getFloat(field, index));
            case DOUBLE -> g.getDouble(field, index);
            case FLOAT16 -> floatToDouble(float16(g.getBinary(field, index)));
            case DECIMAL -> decimal(type, g, field, index);
            case WIDE_DECIMAL -> decimal(type, g, field, index).doubleValue();
            case DATE -> g.getInteger(field, index);
            case TIMESTAMP_MILLIS,
                    TIMESTAMP_MICROS,
                    TIMESTAMP_NANOS,
                    LOCAL_TIMESTAMP_MILLIS,
                    LOCAL_TIMESTAMP_MICROS,
                    LOCAL_TIMESTAMP_NANOS -> timestampMicros(kind, g.getLong(field, index));
            case INT96 -> int96Micros(g.getInt96(field, index));
            case TIME_MILLIS -> timeMicros(kind, g.getInteger(field, index));
            case TIME_MICROS, TIME_NANOS -> timeMicros(kind, g.getLong(field, index));
            case STRING, JSON -> {
                byte[] bytes = g.getBinary(field, index).getBytes();
                checkUtf8(bytes);
                yield bytes;
            }
            case UUID -> uuid(g.getBinary(field, index));
            case BINARY -> g.getBinary(field, index).getBytes();
            case LIST, NESTED -> throw new IllegalArgumentException(kind + " is not a primitive kind");
        };
    }

    /** A decimal value of any physical type. */
    static BigDecimal decimal(PrimitiveType p, Group g, int field, int index) {
        return switch (p.getPrimitiveTypeName()) {
            case INT32 -> decimal(p, g.getInteger(field, index));
            case INT64 -> decimal(p, g.getLong(field, index));
            default -> decimal(p, g.getBinary(field, index));
        };
    }

    /** The bytes as text; throws if they are not valid UTF-8 (never silently replaced). */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Throws if the bytes are not valid UTF-8. */
    static void checkUtf8(byte[] bytes) throws CharacterCodingException {
        if (!isAscii(bytes)) {
            utf8(bytes);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
